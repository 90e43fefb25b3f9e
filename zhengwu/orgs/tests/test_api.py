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


def test_staff_endpoint_accepts_a_personal_api_token_within_the_owners_scope(client, hunan):
    from wagtail.models import APIToken

    admin = hunan.user("czt_admin", hunan.czt, "agency_admin")
    _row, token = APIToken.create_token(user=admin, name="省统一身份认证平台")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    own = client.get(f"/api/v1/agencies/{hunan.czt.pk}/staff", **auth)
    assert own.status_code == 200 and [r["username"] for r in own.json()] == ["czt_admin"]
    assert client.get(f"/api/v1/agencies/{hunan.zrzyt.pk}/staff", **auth).status_code == 403  # owner's scope only
    _row.revoke()
    refused = client.get(f"/api/v1/agencies/{hunan.czt.pk}/staff", **auth)
    assert refused.status_code == 401 and refused.json()["detail"] == "请先登录。"
    wrong = client.get(f"/api/v1/agencies/{hunan.czt.pk}/staff", HTTP_AUTHORIZATION="Bearer wagtail_forged")
    assert wrong.status_code == 401


def test_roles_that_integrate_may_issue_their_own_tokens_publishers_may_not(client, hunan):
    from zhengwu.conftest import PASSWORD

    hunan.user("foi", hunan.czt, "foi_handler")
    hunan.user("writer", hunan.czt, "publisher")
    client.login(username="foi", password=PASSWORD)
    assert client.get("/admin/api-tokens/").status_code == 200
    client.logout()
    client.login(username="writer", password=PASSWORD)
    assert client.get("/admin/api-tokens/").status_code in (302, 403)
