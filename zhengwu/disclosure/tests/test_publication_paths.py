"""先审查、后公开 on every admin path: create, copy, edit, revert, move, bulk actions and scheduled go-live each
drive the real Wagtail admin view, as staff would, and an item stays a draft unless a review approved the very
revision that goes live."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from zhengwu.conftest import PASSWORD
from zhengwu.disclosure.importer import catalog_of
from zhengwu.disclosure.models import DisclosureItemPage, Genre, SecrecyReview, StatutoryCategory, Theme
from zhengwu.disclosure.models.review import secrecy_workflow
from zhengwu.orgs.models import Role
from zhengwu.testing.forms import submit

PUBLISH = {"action-publish": "action-publish"}


def login(client, username):
    client.logout()
    assert client.login(username=username, password=PASSWORD)


def item_fields(title, **extra):
    return {"title": title, "written_on": "2026-12-01", "formed_on": "2026-12-01",
            "theme": str(Theme.objects.get(code="zt0401").pk), "genre": str(Genre.objects.get(code="tcfl05").pk),
            "category": str(StatutoryCategory.objects.get(code="a20-07").pk), "keywords": "预算", **extra}


def assert_draft(item):
    item.refresh_from_db()
    assert not item.live and item.live_revision_id is None and item.index_number is None
    assert not PageLogEntry.objects.filter(page=item, action="wagtail.publish").exists()
    assert not DisclosureItemPage.objects.live().filter(pk=item.pk).exists()


@pytest.fixture
def superuser(catalog):
    return get_user_model().objects.create_superuser("root", password=PASSWORD)


@pytest.mark.parametrize("username", ["czt_editor", "czt_admin", "root"])
def test_creating_an_item_offers_no_publish_and_a_pressed_publish_keeps_a_draft(client, catalog, superuser,
                                                                                username):
    tree = catalog.tree
    tree.user("czt_admin", tree.czt, Role.AGENCY_ADMIN)
    login(client, username)
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "disclosureitempage", catalog_of(tree.czt).pk])
    assert 'name="action-publish"' not in client.get(url).content.decode()
    response = submit(client, url, item_fields("关于2027年预算编制的通知"), **PUBLISH)
    assert response.status_code == 302 and response["Location"] != "/admin/", response.get("Location")
    item = DisclosureItemPage.objects.get(title="关于2027年预算编制的通知")
    assert_draft(item)
    assert item.latest_revision.content["title"] == "关于2027年预算编制的通知"  # what was typed is kept
    login(client, "czt_reviewer")  # and it waits for review like any draft: submit, approve, live
    catalog.approve(item)
    assert item.live and item.index_number


def test_copying_an_item_offers_no_publish_and_makes_a_draft_copy(client, catalog, superuser):
    original = catalog.item(catalog.tree.czt, title="原信息")
    login(client, "root")
    url = reverse("wagtailadmin_pages:copy", args=[original.pk])
    assert 'name="publish_copies"' not in client.get(url).content.decode()
    crafted = submit(client, url, {"new_title": "原信息（强行发布的副本）", "new_slug": "copy-0", "publish_copies": "on"})
    assert crafted.status_code == 200 and "只能保存为草稿" in crafted.content.decode()  # a hand-made request
    assert not DisclosureItemPage.objects.filter(title="原信息（强行发布的副本）").exists()
    response = submit(client, url, {"new_title": "原信息（副本）", "new_slug": "copy-1"})
    assert response.status_code == 302
    copy = DisclosureItemPage.objects.get(title="原信息（副本）")
    assert_draft(copy)
    original.refresh_from_db()
    assert original.live and original.index_number.endswith("-00001")


def test_copying_a_whole_catalog_live_copies_its_items_as_drafts(client, catalog, superuser):
    tree = catalog.tree
    catalog.item(tree.czt, title="目录里的信息")
    source = catalog_of(tree.czt)
    login(client, "root")
    response = submit(client, reverse("wagtailadmin_pages:copy", args=[source.pk]), {
        "new_title": "公开目录（副本）", "new_slug": "gkml-copy", "copy_subpages": "on", "publish_copies": "on",
        "new_parent_page": str(source.get_parent().pk)})
    assert response.status_code == 302
    copied = DisclosureItemPage.objects.exclude(pk__in=source.get_children().values("pk")).get(title="目录里的信息")
    assert_draft(copied)


def test_a_reviewer_who_edits_an_approved_item_cannot_publish_the_edit(client, catalog):
    tree = catalog.tree
    item = catalog.approve(catalog.item(tree.czt, title="已审查的标题", publish=False, user=tree.editor))
    approved = item.live_revision_id
    login(client, "czt_reviewer")
    url = reverse("wagtailadmin_pages:edit", args=[item.pk])
    response = submit(client, url, {"title": "审查后改动的标题"}, **PUBLISH)
    assert response.status_code == 302 and response["Location"] == url
    assert "须经保密审查通过后才能公开" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    item.refresh_from_db()
    assert item.live and item.live_revision_id == approved and item.title == "已审查的标题"
    assert item.latest_revision.content["title"] == "审查后改动的标题"  # kept as a draft revision
    assert not item.permissions_for_user(tree.reviewer).can_publish()  # now its writer: another must review


def test_reverting_to_an_earlier_revision_goes_back_through_review(client, catalog):
    tree = catalog.tree
    item = catalog.approve(catalog.item(tree.czt, title="第一版", publish=False, user=tree.editor))
    first = item.live_revision
    item.title = "第二版"
    item.save_revision(user=tree.editor)
    item = catalog.approve(item)
    assert item.title == "第二版"
    tree.user("czt_reviewer2", tree.czt, Role.SECRECY_REVIEWER)
    login(client, "czt_reviewer2")
    url = reverse("wagtailadmin_pages:revisions_revert", args=[item.pk, first.pk])
    response = submit(client, url, **PUBLISH)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.live and item.title == "第二版"
    assert item.latest_revision.content["title"] == "第一版" and item.has_unpublished_changes


def test_bulk_publish_leaves_an_unreviewed_draft(client, catalog, superuser):
    draft = catalog.item(catalog.tree.czt, title="批量操作的草稿", publish=False, user=catalog.tree.editor)
    for username in ("root", "czt_reviewer"):
        login(client, username)
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={draft.pk}"
        client.post(url, {"include_descendants": ""})
        assert_draft(draft)


def test_moving_a_draft_keeps_it_a_draft(client, catalog, superuser):
    draft = catalog.item(catalog.tree.czt, title="待移动的草稿", publish=False, user=catalog.tree.editor)
    login(client, "root")
    destination = catalog_of(catalog.tree.zrzyt)
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, destination.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.get_parent().pk == destination.pk
    assert_draft(draft)


def test_scheduled_item_goes_live_at_its_time_after_review_and_not_before(client, catalog):
    tree = catalog.tree
    login(client, "czt_editor")
    url = reverse("wagtailadmin_pages:add", args=["disclosure", "disclosureitempage", catalog_of(tree.czt).pk])
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    response = submit(client, url, item_fields("定时公开的通知", go_live_at=f"{go_live:%Y-%m-%d %H:%M}"),
                      **{"action-submit": "action-submit"})
    assert response.status_code == 302
    item = DisclosureItemPage.objects.get(title="定时公开的通知")
    assert item.go_live_at is not None and abs(item.go_live_at - go_live) < datetime.timedelta(minutes=1)
    task_state = item.current_workflow_task_state
    task_state.task.specific.on_action(task_state, tree.reviewer, "approve", comment="同意，按时公开。")
    item.refresh_from_db()
    assert not item.live and item.index_number is None  # approved, waiting for its time
    call_command("publish_scheduled")
    item.refresh_from_db()
    assert not item.live
    # Two days later (the approved revision's time is moved back instead of the clock forward):
    revision = item.latest_revision
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    item.refresh_from_db()
    assert item.live and item.index_number


def test_publishing_an_unreviewed_revision_in_code_is_refused(catalog):
    item = catalog.item(catalog.tree.czt, title="代码路径")
    item.title = "未经审查的修改"
    revision = item.save_revision(user=catalog.tree.editor)
    with pytest.raises(PermissionDenied):
        revision.publish(skip_permission_checks=True)
    item.refresh_from_db()
    assert item.title == "代码路径"


def test_a_migrated_or_approved_revision_is_the_only_live_one(catalog):
    item = catalog.item(catalog.tree.czt, title="迁移的信息")
    assert SecrecyReview.objects.get(item=item).decision == SecrecyReview.Decision.MIGRATED
    assert SecrecyReview.objects.filter(item=item, revision=item.live_revision).exists()
    assert secrecy_workflow().workflow_tasks.count() == 1

