"""In headless Chromium: a citizen comments on one article of a draft, a moderator approves it in the admin,
and the comment then shows on the draft's page (name masked)."""

import pytest
from playwright.sync_api import expect

from zhengwu.conftest import admin_login, needs_chromium, serious_violations
from zhengwu.consultation.models import Comment
from zhengwu.consultation.tests.conftest import published_consultation

pytestmark = [pytest.mark.browser, needs_chromium]


def test_citizen_comments_on_an_article_and_a_moderator_approves_it(browser_page, live_server, desk):
    consultation = published_consultation(desk)
    page = browser_page
    page.goto(f"{live_server.url}/yjzj/")
    page.get_by_role("link", name=consultation.title).click()
    expect(page.locator("h1")).to_have_text(consultation.title)
    expect(page.locator(".yj-period")).to_contain_text("还剩 29 天")
    assert serious_violations(page) == []
    page.get_by_role("link", name="对第三条提意见").click()
    expect(page.get_by_label("意见针对")).to_have_value(str(consultation.articles.get(number=3).pk))
    page.get_by_label("意见内容").fill("建议在第三条写明征集公告的最短公告期限，如不少于5个工作日。")
    page.get_by_role("textbox", name="姓名").fill("刘洋")
    page.get_by_label("联系方式").fill("13712345678")
    page.get_by_role("button", name="提交意见").click()
    expect(page.locator("#comment-filed")).to_contain_text("您的意见已提交")
    expect(page.locator("#comments")).to_contain_text("暂无公开的意见")
    filed = Comment.objects.get()

    admin_login(page, live_server, desk.editor.username)
    page.goto(f"{live_server.url}/admin/consultation/comments/")
    page.get_by_role("link", name=f"意见 {filed.pk}", exact=True).click()
    expect(page.locator("#yj-comment-state")).to_contain_text("待审核")
    expect(page.locator("main")).to_contain_text("137****5678")
    page.get_by_role("button", name="审核通过").click()
    expect(page.locator("#yj-comment-state")).to_contain_text("已公开")

    page.goto(f"{live_server.url}/yjzj/consultations/{consultation.pk}/")
    comments = page.locator("#comments")
    expect(comments).to_contain_text("刘*")
    expect(comments).to_contain_text("最短公告期限")
    expect(comments).not_to_contain_text("刘洋")
    page.locator("#article-3 summary").click()
    expect(page.locator("#article-3")).to_contain_text("最短公告期限")
    assert serious_violations(page) == []


def test_citizen_registers_for_a_hearing_and_reads_the_catalog(browser_page, live_server, desk):
    from zhengwu.consultation import actions
    from zhengwu.consultation.models import DecisionItem, Registration
    from zhengwu.consultation.tests.conftest import published_hearing

    hearing = published_hearing(desk)
    item = DecisionItem(agency=desk.czt, year=2026, title="省级行政事业性收费标准调整", legal_basis="《价格法》",
                        planned="2026年12月", hearing=hearing)
    actions.save_decision(item, actor=desk.editor, stages={})
    actions.submit_decision(item, actor=desk.editor)
    actions.approve_decision(item, actor=desk.chief)
    page = browser_page
    page.goto(f"{live_server.url}/yjzj/decisions/")
    expect(page.locator("table")).to_contain_text("省级行政事业性收费标准调整")
    assert serious_violations(page) == []
    page.get_by_role("link", name="听证会", exact=True).last.click()
    expect(page.locator("h1")).to_contain_text(hearing.subject)
    assert serious_violations(page) == []
    page.get_by_role("textbox", name="姓名").fill("周杰")
    page.get_by_role("textbox", name="联系方式").fill("13955556666")
    page.get_by_role("radio", name="普通群众").check()
    page.get_by_role("radio", name="有条件支持").check()
    page.get_by_role("button", name="提交报名").click()
    expect(page.locator(".error-summary")).to_contain_text("主要观点")  # the statement was left out
    expect(page.get_by_role("textbox", name="姓名")).to_have_value("周杰")
    page.get_by_label("主要观点").fill("建议分档调整，并对低收入群体减免。")
    page.get_by_role("button", name="提交报名").click()
    expect(page.locator("#registration-filed")).to_contain_text("报名已提交")
    registration = Registration.objects.get()
    assert registration.interest == "public" and registration.position == "conditional"
