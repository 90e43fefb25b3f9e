"""Nobody reaches another agency's records through any admin URL; every staff change is logged."""

from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from zhengwu.conftest import PASSWORD
from zhengwu.orgs.models import Agency, Role, StaffRole
from zhengwu.portal.models import ArticlePage


def login(client, hunan, username, agency, role):
    hunan.user(username, agency, role)
    assert client.login(username=username, password=PASSWORD)


def assert_denied(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard and a message."""
    assert response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/"), (
        response.status_code, response.get("Location"))


def test_agency_admin_lists_only_own_agency(client, hunan):
    login(client, hunan, "czt_admin", hunan.czt, Role.AGENCY_ADMIN)
    html = client.get(reverse("agencies:index")).content.decode()
    assert "湖南省财政厅" in html and "湖南省自然资源厅" not in html


def test_agency_admin_cannot_open_or_change_another_agency(client, hunan):
    login(client, hunan, "czt_admin", hunan.czt, Role.AGENCY_ADMIN)
    other = hunan.zrzyt
    for name in ("agencies:edit", "agencies:inspect", "agencies:history", "agencies:delete"):
        assert_denied(client.get(reverse(name, args=[other.pk])))
    assert_denied(client.post(reverse("agencies:edit", args=[other.pk]), {
        "name": "被篡改", "slug": "zrzyt", "kind": "component", "credit_code": other.credit_code}))
    other.refresh_from_db()
    assert other.name == "湖南省自然资源厅"


def test_agency_admin_edit_is_logged_and_visible_in_site_history(client, hunan):
    login(client, hunan, "czt_admin", hunan.czt, Role.AGENCY_ADMIN)
    czt = hunan.czt
    response = client.post(reverse("agencies:edit", args=[czt.pk]), {
        "name": czt.name, "short_name": "财政厅", "slug": "czt", "kind": "component",
        "credit_code": czt.credit_code, "division": czt.division.pk})
    assert response.status_code == 302
    czt.refresh_from_db()
    assert czt.short_name == "财政厅"
    entry = ModelLogEntry.objects.get(action="wagtail.edit", object_id=str(czt.pk))
    assert entry.user.username == "czt_admin"

    client.logout()
    login(client, hunan, "admin", hunan.province, Role.SYSTEM_ADMIN)
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "湖南省财政厅" in history and "czt_admin" in history


def test_invalid_credit_code_is_refused_with_chinese_message(client, hunan):
    login(client, hunan, "czt_admin", hunan.czt, Role.AGENCY_ADMIN)
    czt = hunan.czt
    response = client.post(reverse("agencies:edit", args=[czt.pk]), {
        "name": czt.name, "slug": "czt", "kind": "component", "credit_code": "11430000690000023X"})
    assert response.status_code == 200
    assert "校验位错误" in response.content.decode()
    czt.refresh_from_db()
    assert czt.credit_code != "11430000690000023X"


def test_agency_admin_grants_roles_only_inside_scope(client, hunan, django_user_model):
    login(client, hunan, "czt_admin", hunan.czt, Role.AGENCY_ADMIN)
    clerk = django_user_model.objects.create_user("new_clerk", password=PASSWORD)
    ok = client.post(reverse("staff_roles:add"), {"user": clerk.pk, "agency": hunan.czt.pk, "role": "publisher"})
    assert ok.status_code == 302
    assert StaffRole.objects.filter(user=clerk, agency=hunan.czt, role="publisher").exists()
    assert ModelLogEntry.objects.filter(action="wagtail.create", user__username="czt_admin").exists()

    refused = client.post(reverse("staff_roles:add"), {"user": clerk.pk, "agency": hunan.zrzyt.pk, "role": "publisher"})
    assert refused.status_code == 200  # form redisplayed with an error, nothing granted
    assert not StaffRole.objects.filter(user=clerk, agency=hunan.zrzyt).exists()
    escalate = client.post(reverse("staff_roles:add"), {"user": clerk.pk, "agency": hunan.czt.pk, "role": "system_admin"})
    assert escalate.status_code == 200
    assert not StaffRole.objects.filter(user=clerk, role="system_admin").exists()


def test_other_agencys_staff_role_cannot_be_revoked(client, hunan):
    login(client, hunan, "czt_admin", hunan.czt, Role.AGENCY_ADMIN)
    other_role = hunan.user("zr", hunan.zrzyt, Role.PUBLISHER).staff_roles.get()
    assert_denied(client.post(reverse("staff_roles:delete", args=[other_role.pk])))
    assert StaffRole.objects.filter(pk=other_role.pk).exists()


def test_department_editor_edits_own_pages_only(client, hunan):
    login(client, hunan, "czt_editor", hunan.czt, Role.PUBLISHER)
    own, other = hunan.czt.home_page, hunan.zrzyt.home_page
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200
    assert_denied(client.get(reverse("wagtailadmin_pages:edit", args=[other.pk])))
    assert_denied(client.post(reverse("wagtailadmin_pages:edit", args=[other.pk]), {"title": "被篡改", "slug": "zrzyt"}))
    other.refresh_from_db()
    assert other.title == "湖南省自然资源厅"
    # Exploring the province sends the editor to their own subtree.
    explorer = client.get(reverse("wagtailadmin_explore", args=[hunan.province.home_page_id]))
    assert explorer.status_code == 302
    assert explorer["Location"] == reverse("wagtailadmin_explore", args=[hunan.czt.home_page_id])


def test_department_editor_page_edit_is_logged(client, hunan):
    login(client, hunan, "czt_editor", hunan.czt, Role.PUBLISHER)
    column = hunan.czt.home_page.get_children().first()
    response = client.post(reverse("wagtailadmin_pages:add", args=["portal", "articlepage", column.pk]), {
        "title": "财政厅测试文章", "slug": "test-article", "date": "2026-11-20", "source": "财政厅",
        "body": '{"blocks":[{"key":"a","type":"unstyled","text":"正文","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
        "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] != "/admin/", response["Location"]
    article = ArticlePage.objects.child_of(column).get(title="财政厅测试文章")
    assert article.live and article.agency_id == hunan.czt.pk
    assert PageLogEntry.objects.filter(page=article, action="wagtail.publish", user__username="czt_editor").exists()


def test_provincial_administrator_sees_and_edits_everything(client, hunan):
    login(client, hunan, "admin", hunan.province, Role.SYSTEM_ADMIN)
    html = client.get(reverse("agencies:index")).content.decode()
    assert "湖南省财政厅" in html and "湖南省自然资源厅" in html and "长沙县人民政府" in html
    assert client.get(reverse("agencies:edit", args=[hunan.zrzyt.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[hunan.zrzyt.home_page_id])).status_code == 200
    assert Agency.objects.count() == 7


def test_the_link_chooser_opens_only_live_pages_and_ones_own_drafts(client, hunan):
    login(client, hunan, "czt_publisher", hunan.czt, Role.PUBLISHER)
    own_column = hunan.czt.home_page.get_children().first()
    own_draft = own_column.add_child(instance=ArticlePage(title="财政厅未发布草稿", live=False))
    other_column = hunan.zrzyt.home_page.get_children().first()
    other_draft = other_column.add_child(instance=ArticlePage(title="自然资源厅未发布草稿", live=False))
    chooser = "wagtailadmin_choose_page_child"
    assert client.get(reverse(chooser, args=[own_draft.pk])).status_code == 200
    assert client.get(reverse(chooser, args=[other_column.pk])).status_code == 200  # live: anyone may link to it
    refused = client.get(reverse(chooser, args=[other_draft.pk]))
    assert refused.status_code == 404 and "自然资源厅未发布草稿" not in refused.content.decode()
    listed = client.get(reverse(chooser, args=[other_column.pk])).content.decode()
    assert "自然资源厅未发布草稿" not in listed
    assert client.get("/admin/reports/page-types-usage/").status_code in (302, 403)  # superusers only
