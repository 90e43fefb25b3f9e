"""索引号, 发布日期, withdrawal and the Art. 26 twenty-working-day rule, as an agency sees them."""

import datetime
import re

from django.urls import reverse
from wagtail.models import PageLogEntry

from zhengwu.conftest import PASSWORD
from zhengwu.disclosure.models import DisclosureItemPage, SecrecyReview
from zhengwu.timelimits.calendar import add_workdays


def test_index_numbers_follow_credit_code_year_and_serial(catalog):
    czt = catalog.tree.czt
    first = catalog.item(czt, title="第一条", published_on=datetime.date(2025, 3, 3))
    second = catalog.item(czt, title="第二条", published_on=datetime.date(2025, 6, 3))
    this_year = catalog.item(czt, title="今年第一条")
    other = catalog.item(catalog.tree.zrzyt, title="自然资源厅第一条", published_on=datetime.date(2025, 6, 3))
    year = datetime.date.today().year
    assert first.index_number == f"{czt.credit_code}/2025-00001"
    assert second.index_number == f"{czt.credit_code}/2025-00002"
    assert this_year.index_number == f"{czt.credit_code}/{year}-00001"
    assert other.index_number == f"{catalog.tree.zrzyt.credit_code}/2025-00001"


def test_index_number_never_changes_and_is_never_reused(client, catalog):
    item = catalog.item(catalog.tree.czt, title="原标题")
    number = item.index_number
    item.title = "修改后的标题"
    item.save_revision(user=catalog.tree.editor)
    catalog.approve(item)
    assert (item.title, item.index_number) == ("修改后的标题", number)
    # Publishing the very first revision again must not bring back an empty number.
    item.revisions.order_by("created_at").first().publish(skip_permission_checks=True)
    item.refresh_from_db()
    assert item.index_number == number
    client.login(username="czt_editor", password=PASSWORD)
    client.post(reverse("disclosure_withdraw", args=[item.pk]), {"reason": "信息有误，更正后重新发布。"})
    follower = catalog.item(catalog.tree.czt, title="下一条")
    assert follower.index_number != number
    assert follower.index_number.endswith("-00002")


def test_withdrawal_needs_a_reason_and_keeps_number_and_history(client, catalog):
    item = catalog.item(catalog.tree.czt)
    client.login(username="czt_editor", password=PASSWORD)
    response = client.post(reverse("disclosure_withdraw", args=[item.pk]), {"reason": "  "})
    assert "撤回须填写原因" in response.content.decode()
    item.refresh_from_db()
    assert item.live
    client.post(reverse("disclosure_withdraw", args=[item.pk]), {"reason": "涉及个人隐私，撤回处理。"})
    item.refresh_from_db()
    assert not item.live
    assert item.index_number and item.withdraw_reason == "涉及个人隐私，撤回处理。"
    entry = PageLogEntry.objects.get(page=item, action="disclosure.withdraw")
    assert entry.data["reason"] == "涉及个人隐私，撤回处理。"
    assert client.get(item.url_path.replace("/hunan", "", 1)).status_code == 404


def test_plain_unpublish_leads_to_the_withdraw_form(client, catalog):
    item = catalog.item(catalog.tree.czt)
    client.login(username="czt_editor", password=PASSWORD)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[item.pk]))
    assert response.status_code == 302 and response.url == reverse("disclosure_withdraw", args=[item.pk])
    item.refresh_from_db()
    assert item.live


def test_other_agency_editor_cannot_withdraw(client, catalog):
    item = catalog.item(catalog.tree.czt)
    catalog.tree.user("zrzyt_editor", catalog.tree.zrzyt, "publisher")
    client.login(username="zrzyt_editor", password=PASSWORD)
    response = client.post(reverse("disclosure_withdraw", args=[item.pk]), {"reason": "越权"})
    assert response.status_code in (302, 403)
    item.refresh_from_db()
    assert item.live


def test_late_publication_is_flagged_and_reported(client, catalog):
    today = datetime.date.today()
    formed = today - datetime.timedelta(days=60)
    late = catalog.item(catalog.tree.czt, title="迟发的预算信息", written_on=formed, formed_on=formed)
    on_time = catalog.item(catalog.tree.czt, title="按时发布的预算信息")
    assert late.published_late and late.late_workdays > 0
    assert late.publication_clock.due_on is None and late.publication_clock.days_used > 20
    assert not on_time.published_late
    client.login(username="czt_editor", password=PASSWORD)
    report = client.get(reverse("disclosure_lateness")).content.decode()
    assert "迟发的预算信息" in report and "按时发布的预算信息" not in report
    client.logout()
    catalog.tree.user("zrzyt_editor", catalog.tree.zrzyt, "publisher")
    client.login(username="zrzyt_editor", password=PASSWORD)
    assert "迟发的预算信息" not in client.get(reverse("disclosure_lateness")).content.decode()


def test_unpublished_draft_past_its_due_date_is_overdue(client, catalog):
    formed = datetime.date.today() - datetime.timedelta(days=45)
    draft = catalog.item(catalog.tree.czt, title="超期未发的草稿", publish=False, formed_on=formed, written_on=formed)
    draft = DisclosureItemPage.objects.get(pk=draft.pk)
    assert draft.publication_clock.due_on == add_workdays(formed, 20)
    client.login(username="czt_editor", password=PASSWORD)
    assert "超期未发的草稿" in client.get(reverse("disclosure_lateness")).content.decode()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "公开时效提醒" in dashboard and "1</strong> 条信息已超过20个工作日仍未公开" in dashboard


def test_migrated_items_carry_a_review_record_naming_who(catalog):
    item = catalog.item(catalog.tree.czt, user=catalog.tree.editor)
    review = SecrecyReview.objects.get(item=item)
    assert review.decision == SecrecyReview.Decision.MIGRATED
    assert "czt_editor" in review.opinion and re.search(r"\d{4}-\d{2}-\d{2}", review.opinion)


def test_validity_follows_the_calendar_without_an_edit(catalog):
    from zhengwu.disclosure.actions import refresh_validity

    today = datetime.date.today()
    item = catalog.item(catalog.tree.czt, title="即将失效的通知", valid_until=today + datetime.timedelta(days=10))
    assert item.validity == "valid"
    assert refresh_validity(today + datetime.timedelta(days=11)) >= 1
    item.refresh_from_db()
    assert item.validity == "expired"
    refresh_validity(today)
    item.refresh_from_db()
    assert item.validity == "valid"
