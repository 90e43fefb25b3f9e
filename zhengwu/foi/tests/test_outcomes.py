"""A request's outcome is one row of table 三 and its applicant one column, read from the 2021 form."""

from zhengwu.foi.outcomes import applicant_types, outcome_groups, outcomes


def test_outcomes_are_the_leaf_rows_of_table_three():
    keys = [o.key for o in outcomes()]
    assert keys[:2] == ["r1", "r2"]
    assert len([k for k in keys if k.startswith("r3_")]) == 8  # 不予公开: 8 reasons
    assert len([k for k in keys if k.startswith("r4_")]) == 3  # 无法提供: 3
    assert len([k for k in keys if k.startswith("r5_")]) == 5  # 不予处理: 5
    assert len([k for k in keys if k.startswith("r6_")]) == 3  # 其他处理: 3
    assert "r7" not in keys and len(keys) == 21


def test_groups_make_a_two_level_choice():
    groups = dict(outcome_groups())
    assert [o.key for o in groups["（一）予以公开"]] == ["r1"]
    assert [o.title for o in groups["（四）无法提供"]][0] == "1.本机关不掌握相关政府信息"
    assert next(o for o in outcomes() if o.key == "r3_4").label == "（三）不予公开 4.保护第三方合法权益"


def test_applicant_types_are_the_six_columns():
    types = applicant_types()
    assert [key for key, _title, _group in types] == [
        "natural_person", "commercial", "research", "public_interest", "legal_services", "other_org"]
    assert types[1][2] == "法人或其他组织"
