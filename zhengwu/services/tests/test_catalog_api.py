"""GET /api/v1/services/matters and /matters/{code}: the documented shape, paging, filters and errors."""

import pytest

from zhengwu.services.tests.test_catalog import build_catalog

URL = "/api/v1/services/matters"
MATTER_KEYS = {
    "code", "name", "matter_type", "matter_type_label", "agency_id", "agency", "audience", "audience_label",
    "topics", "legal_basis", "conditions", "process", "case_kind", "case_kind_label", "statutory_workdays",
    "promised_workdays", "acceptance_workdays", "issuance_workdays", "charged", "fee_standard", "fee_basis",
    "fee_limit", "place", "hours", "visits", "online_depth", "online_depth_label", "applies_online", "apply_url",
    "consult_channel", "complaint_channel", "result_name", "faq", "form_fields", "materials", "special_procedures",
    "url", "updated_at"}


@pytest.fixture
def catalog(hunan):
    return build_catalog(hunan)


def codes(response):
    return {item["code"] for item in response.json()["results"]}


def test_catalog_has_the_documented_shape_with_full_guides(client, catalog):
    response = client.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "page", "page_size", "results"}
    assert (body["count"], body["page"], body["page_size"]) == (4, 1, 20)
    assert "43012100MZ-QR-0099" not in codes(response)  # inactive matters are not public
    marriage = next(item for item in body["results"] if item["code"] == "43012100MZ-QR-0001")
    assert set(marriage) == MATTER_KEYS
    assert marriage["agency"] == "长沙县民政局" and marriage["agency_id"] == catalog.csx_mz.pk
    assert marriage["matter_type"] == "QR" and marriage["matter_type_label"] == "行政确认"
    assert marriage["process"] == ["申请", "审查", "登记"]
    assert (marriage["statutory_workdays"], marriage["promised_workdays"]) == (20, 10)
    assert {topic["slug"] for topic in marriage["topics"]} == {"hunyin", "jiehun"}
    assert [m["name"] for m in marriage["materials"]] == ["双方本人的居民身份证", "签字声明"]
    statement = marriage["materials"][1]
    assert statement["form"] == "both" and statement["form_label"] == "原件和复印件" and statement["copies"] == 2
    assert statement["required"] is False and statement["sample"] is None
    assert statement["blank_form"]["url"] == f"http://testserver{catalog.blank.url}"
    assert marriage["special_procedures"] == [{"name": "离婚冷静期", "workdays": 22, "counts_toward_limit": False,
                                               "basis": "《中华人民共和国民法典》第一千零七十七条", "charged": False}]
    assert marriage["applies_online"] is False and marriage["apply_url"] is None
    assert marriage["url"] == "http://testserver/zwfw/matters/43012100MZ-QR-0001/"
    survey = next(item for item in body["results"] if item["code"] == "43000000ZR-XK-0001")
    assert survey["apply_url"] == "http://testserver/zwfw/matters/43000000ZR-XK-0001/apply/"
    assert survey["charged"] is True and survey["fee_limit"] == "100.00"
    assert survey["form_fields"] == [{"name": "company_name", "label": "单位名称", "required": True, "help": ""}]


def test_paging(client, catalog):
    first = client.get(URL, {"page_size": 3}).json()
    second = client.get(URL, {"page_size": 3, "page": 2}).json()
    assert (first["count"], first["page_size"], len(first["results"])) == (4, 3, 3)
    assert (second["page"], len(second["results"])) == (2, 1)
    assert not {r["code"] for r in first["results"]} & {r["code"] for r in second["results"]}
    past_the_end = client.get(URL, {"page": 9}).json()
    assert past_the_end["count"] == 4 and past_the_end["results"] == []
    assert client.get(URL, {"page_size": 1000}).json()["page_size"] == 100
    refused = client.get(URL, {"page": 0})
    assert refused.status_code == 400 and refused.json()["detail"] == "页码须为正整数。"
    assert client.get(URL, {"page_size": 0}).status_code == 400


def test_filters(client, catalog):
    cases = [
        # agency: that agency only (the county government itself implements nothing here)…
        ({"agency": catalog.csx_mz.pk}, {"43012100MZ-QR-0001", "43012100MZ-JF-0001"}),
        ({"agency": catalog.changshaxian.pk}, set()),
        # …region: the agency and its whole subtree.
        ({"region": catalog.changshaxian.pk}, {"43012100MZ-QR-0001", "43012100MZ-JF-0001"}),
        ({"region": catalog.changsha.pk}, {"43012100MZ-QR-0001", "43012100MZ-JF-0001"}),
        ({"region": catalog.province.pk}, {"43012100MZ-QR-0001", "43012100MZ-JF-0001", "43062600MZ-QR-0001",
                                           "43000000ZR-XK-0001"}),
        ({"region": 999999}, set()),
        ({"type": "JF"}, {"43012100MZ-JF-0001"}),
        ({"topic": "hunyin"}, {"43012100MZ-QR-0001", "43062600MZ-QR-0001"}),
        ({"topic": "shenghuokunnan"}, {"43012100MZ-JF-0001"}),
        ({"audience": "company"}, {"43000000ZR-XK-0001"}),
        ({"audience": "both"}, {"43000000ZR-XK-0001"}),
        ({"audience": "person"}, {"43012100MZ-QR-0001", "43012100MZ-JF-0001", "43062600MZ-QR-0001",
                                  "43000000ZR-XK-0001"}),
        ({"q": "结婚"}, {"43012100MZ-QR-0001", "43062600MZ-QR-0001"}),
        ({"q": "结婚", "region": catalog.pingjiang.pk}, {"43062600MZ-QR-0001"}),
    ]
    for params, expected in cases:
        response = client.get(URL, params)
        assert response.status_code == 200, params
        assert codes(response) == expected, params
        assert response.json()["count"] == len(expected), params


def test_bad_filter_values_are_refused_in_chinese(client, catalog):
    response = client.get(URL, {"type": "ZZ"})
    assert response.status_code == 400 and "事项类型“ZZ”不存在" in response.json()["detail"]
    response = client.get(URL, {"audience": "alien"})
    assert response.status_code == 400 and "服务对象" in response.json()["detail"]
    response = client.get(URL, {"agency": "abc"})  # not a number: ninja's own validation, said for a GET
    assert response.status_code == 422 and response.json()["detail"].startswith("查询参数不正确（agency）")


def test_one_matter_by_code(client, catalog):
    response = client.get(f"{URL}/43062600MZ-QR-0001")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == MATTER_KEYS and body["agency"] == "平江县民政局" and body["name"] == "结婚登记"
    for missing in ("43012100MZ-QR-0099", "NO-SUCH-CODE"):  # inactive, unknown
        response = client.get(f"{URL}/{missing}")
        assert response.status_code == 404
        assert response.json() == {"detail": "未找到该事项。"}
