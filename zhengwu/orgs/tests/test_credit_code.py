from zhengwu.orgs.credit_code import make_demo_code, validate


def test_real_codes_validate():
    assert validate("91350100M000100Y43") == ""
    assert validate("91310000717854505W") == ""


def test_wrong_check_character_is_rejected_in_chinese():
    assert validate("91350100M000100Y44") == "统一社会信用代码校验位错误，请核对。"
    assert "18 位" in validate("9135")
    assert "无效字符" in validate("91350100M000100YI3")


def test_demo_codes_are_well_formed_and_distinct():
    codes = {make_demo_code("430121", n) for n in range(200)}
    assert len(codes) == 200
    assert all(validate(code) == "" and code.startswith("11430121") for code in codes)
