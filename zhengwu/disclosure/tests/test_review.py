"""保密审查: nothing goes live without a reviewer of the item's agency approving it; four eyes."""

import re

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from zhengwu.conftest import PASSWORD
from zhengwu.disclosure.models import DisclosureItemPage, SecrecyReview
from zhengwu.disclosure.models.review import secrecy_workflow
from zhengwu.orgs.models import Role
from zhengwu.testing.forms import submit

INDEX_NUMBER = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}/\d{4}-\d{5}$")


def submit_item(catalog, title="关于做好预算公开工作的通知"):
    tree = catalog.tree
    item = catalog.item(tree.czt, title=title, publish=False, user=tree.editor)
    workflow_state = secrecy_workflow().start(item, tree.editor)
    return DisclosureItemPage.objects.get(pk=item.pk), workflow_state.current_task_state


def act(client, user, item, task_state, action, comment):
    client.logout()
    client.login(username=user.username, password=PASSWORD)
    url = reverse("wagtailadmin_pages:workflow_action", args=[item.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def test_reviewer_approval_publishes_with_opinion_and_index_number(client, catalog):
    item, task_state = submit_item(catalog)
    assert not item.live
    response = act(client, catalog.tree.reviewer, item, task_state, "approve", "不涉密，同意公开。")
    assert response.status_code in (200, 302)
    item.refresh_from_db()
    assert item.live
    assert INDEX_NUMBER.match(item.index_number)
    assert item.index_number.startswith(catalog.tree.czt.credit_code + "/")
    review = SecrecyReview.objects.get(item=item)
    assert (review.reviewer, review.decision, review.opinion) == (
        catalog.tree.reviewer, SecrecyReview.Decision.APPROVED, "不涉密，同意公开。")
    history = PageLogEntry.objects.filter(page=item, action="wagtail.workflow.approve").get()
    assert history.data["comment"] == "不涉密，同意公开。"


def test_the_reviewer_is_told_what_the_decision_did(client, catalog):
    item, task_state = submit_item(catalog, title="需要告知结果的通知")
    response = act(client, catalog.tree.reviewer, item, task_state, "approve", "不涉密，同意公开。")
    page = client.get(response["Location"], follow=True)
    item.refresh_from_db()
    assert f"已审查通过“需要告知结果的通知”并公开，索引号 {item.index_number}。" in page.content.decode()
    other, task_state = submit_item(catalog, title="需要退回的通知")
    response = act(client, catalog.tree.reviewer, other, task_state, "reject", "请删除第三段。")
    assert "已退回“需要退回的通知”修改" in client.get(response["Location"], follow=True).content.decode()


def test_writer_cannot_approve_own_item_even_as_reviewer(client, catalog):
    tree = catalog.tree
    tree.user("both", tree.czt, Role.SECRECY_REVIEWER)
    from django.contrib.auth import get_user_model

    both = get_user_model().objects.get(username="both")
    from zhengwu.orgs.actions import grant_role

    grant_role(both, tree.czt, Role.PUBLISHER)
    item = catalog.item(tree.czt, publish=False, user=both)
    task_state = secrecy_workflow().start(item, both).current_task_state
    assert task_state.task.specific.get_actions(item, both) == []
    act(client, both, item, task_state, "approve", "自己审自己")
    item.refresh_from_db()
    assert not item.live
    assert not SecrecyReview.objects.filter(item=item).exists()


def test_editor_and_other_agency_reviewer_cannot_approve(client, catalog):
    item, task_state = submit_item(catalog)
    for user in (catalog.tree.editor, catalog.tree.other_reviewer):
        act(client, user, item, task_state, "approve", "越权审查")
        item.refresh_from_db()
        assert not item.live
    assert not SecrecyReview.objects.exists()


def test_reject_records_opinion_and_keeps_item_offline(client, catalog):
    item, task_state = submit_item(catalog)
    act(client, catalog.tree.reviewer, item, task_state, "reject", "第三段涉及内部事务信息，请删除后重新提交。")
    item.refresh_from_db()
    assert not item.live and item.index_number is None
    assert SecrecyReview.objects.get(item=item).decision == SecrecyReview.Decision.REJECTED


def test_opinion_is_required(client, catalog):
    item, task_state = submit_item(catalog)
    client.login(username="czt_reviewer", password=PASSWORD)
    url = reverse("wagtailadmin_pages:workflow_action", args=[item.pk, "approve", task_state.pk])
    response = client.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    assert "请填写审查意见" in response.json()["html"]
    item.refresh_from_db()
    assert not item.live


@pytest.mark.parametrize("who", ["superuser", "editor", "reviewer"])
def test_nobody_publishes_directly(client, catalog, who):
    from django.contrib.auth import get_user_model

    item, _task_state = submit_item(catalog)
    user = {"superuser": lambda: get_user_model().objects.create_superuser("root", password=PASSWORD),
            "editor": lambda: catalog.tree.editor, "reviewer": lambda: catalog.tree.reviewer}[who]()
    assert not item.permissions_for_user(user).can_publish()
    client.login(username=user.username, password=PASSWORD)
    # The whole form as the page shows it, with a change, so that only the guard can keep the item offline.
    response = submit(client, reverse("wagtailadmin_pages:edit", args=[item.pk]), {"title": "直接发布的尝试"},
                      **{"action-publish": "action-publish"})
    item.refresh_from_db()
    assert not item.live
    if who == "editor":  # under review the item is locked for its writer: nothing is saved
        assert response.status_code == 200 and item.latest_revision.content["title"] != "直接发布的尝试"
    else:  # saved as a draft revision, not published
        assert response.status_code == 302 and item.latest_revision.content["title"] == "直接发布的尝试"


def test_reviewer_dashboard_lists_only_reviewable_items(client, catalog):
    item, _task_state = submit_item(catalog, title="待审查的预算公开通知")
    client.login(username="czt_reviewer", password=PASSWORD)
    assert "待审查的预算公开通知" in client.get(reverse("wagtailadmin_home")).content.decode()
    client.logout()
    client.login(username="zrzyt_reviewer", password=PASSWORD)
    assert "待审查的预算公开通知" not in client.get(reverse("wagtailadmin_home")).content.decode()
