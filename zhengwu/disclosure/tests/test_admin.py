"""The editor's path in the admin: write an item, submit it to 保密审查; taxonomies are editable data."""

from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from zhengwu.conftest import PASSWORD
from zhengwu.disclosure.models import DisclosureCatalogPage, DisclosureItemPage, Genre, Theme


def item_form(**extra):
    data = {
        "title": "关于公开2026年部门预算的通知", "slug": "", "doc_number": "湘财预〔2026〕1号",
        "written_on": "2026-01-05", "formed_on": "2026-01-06",
        "theme": str(Theme.objects.get(code="zt0401").pk), "genre": str(Genre.objects.get(code="tcfl05").pk),
        "category": "", "service_object": "", "keywords": "预算", "description": "", "effective_on": "",
        "valid_until": "", "repealed_on": "", "body": rich_text("<p>部门预算公开。</p>"), "interprets": "", "project": "", "project_stage": "",
        "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0", "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000", "comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0", "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_editor_writes_an_item_and_submits_it_for_review(client, catalog):
    catalog_page = DisclosureCatalogPage.objects.get(agency=catalog.tree.czt)
    client.login(username="czt_editor", password=PASSWORD)
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "disclosureitempage", catalog_page.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, item_form(**{"action-submit": "submit"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    item = DisclosureItemPage.objects.get(title="关于公开2026年部门预算的通知")
    assert not item.live and item.agency == catalog.tree.czt
    assert item.workflow_in_progress and item.current_workflow_task.name == "保密审查"
    assert item.publication_clock is not None


def test_form_errors_are_in_chinese_and_nothing_is_saved(client, catalog):
    catalog_page = DisclosureCatalogPage.objects.get(agency=catalog.tree.czt)
    client.login(username="czt_editor", password=PASSWORD)
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "disclosureitempage", catalog_page.pk])
    response = client.post(url, item_form(written_on="2026-02-01", formed_on="2026-01-01", theme=""))
    html = response.content.decode()
    assert "信息形成（变更）日期不能早于成文日期" in html or "这个字段是必填项" in html
    assert not DisclosureItemPage.objects.filter(title="关于公开2026年部门预算的通知").exists()


def test_editor_cannot_write_into_another_agency_catalog(client, catalog):
    other = DisclosureCatalogPage.objects.get(agency=catalog.tree.zrzyt)
    client.login(username="czt_editor", password=PASSWORD)
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "disclosureitempage", other.pk])
    client.post(url, item_form())
    assert not DisclosureItemPage.objects.filter(title="关于公开2026年部门预算的通知").exists()


def test_system_admin_edits_taxonomies_editors_cannot(client, catalog):
    catalog.tree.user("sysadmin", catalog.tree.province, "system_admin")
    client.login(username="sysadmin", password=PASSWORD)
    assert "综合政务" in client.get(reverse("themes:index")).content.decode()
    client.logout()
    client.login(username="czt_editor", password=PASSWORD)
    assert client.get(reverse("themes:index")).status_code in (302, 403)
