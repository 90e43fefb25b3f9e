from zhengwu.conftest import PASSWORD
from zhengwu.orgs.models import Role


def test_agencies_are_listable_and_filterable(client, hunan):
    body = client.get("/api/v1/agencies", {"kind": "component"}).json()
    assert {a["name"] for a in body["items"]} == {"湖南省财政厅", "湖南省自然资源厅"}
    czt = next(a for a in body["items"] if a["slug"] == "czt")
    assert czt["parent_id"] == hunan.province.pk and czt["kind_label"] == "组成部门"
    assert len(czt["credit_code"]) == 18
    children = client.get("/api/v1/agencies", {"parent": hunan.changshaxian.pk}).json()
    assert {a["name"] for a in children["items"]} == {"星沙街道办事处", "泉塘街道办事处"}


def test_invalid_filter_gives_chinese_error(client, hunan):
    response = client.get("/api/v1/agencies", {"kind": "nonsense"})
    assert response.status_code == 400
    assert "机构类型" in response.json()["detail"]


def test_divisions_are_listable(client, hunan):
    body = client.get("/api/v1/divisions", {"level": "prefecture", "limit": 100}).json()
    assert body["count"] == 14
    assert "湘西土家族苗族自治州" in {d["name"] for d in body["items"]}
    assert client.get("/api/v1/divisions/430121").json()["name"] == "长沙县"


def test_staff_list_requires_login_and_scope(client, hunan):
    url = f"/api/v1/agencies/{hunan.zrzyt.pk}/staff"
    assert client.get(url).status_code == 401
    hunan.user("zr", hunan.zrzyt, Role.PUBLISHER)
    hunan.user("czt_admin", hunan.czt, Role.AGENCY_ADMIN)
    client.login(username="czt_admin", password=PASSWORD)
    response = client.get(url)
    assert response.status_code == 403 and "无权" in response.json()["detail"]
    own = client.get(f"/api/v1/agencies/{hunan.czt.pk}/staff").json()
    assert [(s["username"], s["role"]) for s in own] == [("czt_admin", "agency_admin")]


def test_openapi_docs_are_served(client, db):
    assert client.get("/api/v1/docs").status_code == 200
    assert "/api/v1/calendar/due" in client.get("/api/v1/openapi.json").json()["paths"]
