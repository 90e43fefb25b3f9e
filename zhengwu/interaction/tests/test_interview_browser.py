"""In headless Chromium: a live interview with two viewers. Both open the live page; one asks a question; the host,
in the admin's 直播控制台, puts it to the guests and posts a guest's answer; both viewers see the question and the
answer appear without reloading. With INTERVIEW_SHOTS=1 the pages are also saved as screenshots under
/tmp/shots-interviews/ (normal and 适老化 mode) for a person to look at."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from zhengwu.conftest import admin_login, needs_chromium, serious_violations
from zhengwu.interaction.actions import interviews as actions
from zhengwu.interaction.tests import test_interviews as base
from zhengwu.interaction.tests.test_interviews import ask, live_interview, published_interview

# The shared fixtures (defined in test_interviews.py).
media_root = base.media_root
studio = base.studio

pytestmark = [pytest.mark.browser, needs_chromium]
SHOTS = Path("/tmp/shots-interviews")


def new_page(browser_context):
    return browser_context(locale="zh-CN").new_page()


def test_two_viewers_see_the_answer_appear_without_reloading(browser_context, live_server, studio):
    interview = live_interview(studio)
    actions.post_remark(interview, actor=studio.editor, text="各位网友大家好，欢迎收看本期访谈！")
    live_url = f"{live_server.url}/hdjl/zxft/{interview.pk}/"
    viewers = [new_page(browser_context), new_page(browser_context)]
    for viewer in viewers:
        viewer.goto(live_url)
        expect(viewer.locator("[data-live-feed]")).to_contain_text("欢迎收看本期访谈")
    assert serious_violations(viewers[0]) == []
    loads = [viewer.evaluate("performance.getEntriesByType('navigation').length") for viewer in viewers]

    asker = viewers[0]
    asker.get_by_label("问题").fill("高校毕业生求职创业补贴什么时候发放？")
    asker.get_by_label("网名").fill("湘江学子")
    asker.get_by_role("button", name="提交问题").click()
    expect(asker.locator("#question-filed")).to_contain_text("您的提问已提交")
    question = interview.questions.get()

    host = new_page(browser_context)
    admin_login(host, live_server, studio.editor.username)
    host.goto(f"{live_server.url}/admin/interaction/interview-console/{interview.pk}/")
    expect(host.locator("#queue")).to_contain_text("求职创业补贴")
    host.locator(f"#q-{question.pk}").get_by_role("button", name="选中并发布").click()
    expect(host.locator("#live")).to_contain_text("求职创业补贴")
    host.get_by_label("回答嘉宾").select_option(label=str(interview.guests.first()))
    host.get_by_label("回答内容").fill("求职创业补贴在毕业学年的11月底前直接发放到学生本人的社会保障卡。")
    host.get_by_role("button", name="发布回答").click()
    expect(host.locator(".messages")).to_contain_text("嘉宾回答已发布")

    watcher = viewers[1]  # never reloaded: the lines arrive through live.js
    feed = watcher.locator("[data-live-feed]")
    expect(feed).to_contain_text("网友“湘江学子”", timeout=10_000)
    expect(feed).to_contain_text("11月底前直接发放", timeout=10_000)
    expect(viewers[0].locator("[data-live-feed]")).to_contain_text("11月底前直接发放", timeout=10_000)
    assert watcher.evaluate("performance.getEntriesByType('navigation').length") == loads[1]
    assert watcher.locator("[data-live-feed] .zf-msg").count() == 3
    assert serious_violations(watcher) == []

    host.get_by_role("button", name="结束访谈").click()
    expect(watcher.locator("[data-live-status-text]")).to_contain_text("访谈已结束", timeout=10_000)
    expect(watcher.locator("[data-live-badge]")).to_have_text("已结束")


def test_without_javascript_the_refreshing_page_shows_the_latest(browser_context, live_server, studio):
    interview = live_interview(studio)
    actions.post_remark(interview, actor=studio.editor, text="第一条")
    context = browser_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/hdjl/zxft/{interview.pk}/")
    page.get_by_role("link", name="打开自动刷新的直播页面（每 15 秒更新一次）").click()
    expect(page.locator("meta[http-equiv=refresh]")).to_have_attribute("content", "15")
    actions.post_remark(interview, actor=studio.editor, text="第二条")
    page.reload()
    expect(page.locator(".zf-feed li").first).to_contain_text("第二条")  # newest first


def test_archive_announcement_and_transcript_pass_axe(browser_context, live_server, studio):
    coming = published_interview(studio, title="惠企资金直达快享政策解读")
    actions.select_question(ask(coming, text="资金多久能到账？"), actor=studio.editor)
    past = live_interview(studio, title="稳就业政策解读")
    question = ask(past, text="失业登记到哪里办？")
    actions.put_question(question, actor=studio.editor)
    actions.post_answer(past, actor=studio.editor, guest=past.guests.first(), text="到公共就业服务机构办理。",
                        question=question)
    actions.end_interview(past, actor=studio.editor)
    transcript = actions.save_transcript(past, actor=studio.editor, summary="介绍了稳就业政策。")
    actions.submit_transcript(transcript, actor=studio.editor)
    actions.approve_transcript(transcript, actor=studio.chief)
    page = new_page(browser_context)
    for path in ("/hdjl/zxft/", f"/hdjl/zxft/{coming.pk}/", f"/hdjl/zxft/{past.pk}/",
                 f"/hdjl/zxft/{past.pk}/transcript/"):
        page.goto(live_server.url + path)
        assert serious_violations(page) == [], path
    page.goto(f"{live_server.url}/hdjl/zxft/{coming.pk}/")
    page.get_by_role("button", name="提交问题").click()  # nothing typed: the error summary, keyboard reachable
    expect(page.locator(".error-summary")).to_contain_text("请填写问题内容")
    assert serious_violations(page) == []


@pytest.mark.skipif(not os.environ.get("INTERVIEW_SHOTS"), reason="截图仅在设置 INTERVIEW_SHOTS=1 时生成。")
def test_screenshots(browser_context, live_server, studio):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhengwu.interaction.interviews.demo import demo_picture

    SHOTS.mkdir(exist_ok=True)
    coming = published_interview(studio, title="惠企资金直达快享政策解读")
    for text, nickname in (("资金多久能到账？", "星沙小王"), ("个体工商户能申请吗？", "")):
        actions.select_question(ask(coming, text=text, nickname=nickname), actor=studio.editor)
    interview = live_interview(studio, title="稳就业 促增收——高校毕业生就业服务政策解读")
    actions.post_remark(interview, actor=studio.editor, text="各位网友大家好，欢迎收看本期在线访谈！")
    question = ask(interview, text="离校未就业的毕业生到哪里办理失业登记？电话13812345678", nickname="湘江学子")
    actions.put_question(question, actor=studio.editor)
    actions.post_answer(interview, actor=studio.editor, guest=interview.guests.first(), question=question,
                        text="可以到户籍地、常住地或就业创业地的公共就业服务机构办理，也可以在“湘就业”平台网上办理。")
    picture = demo_picture("访谈现场", 3)
    image = actions.store_picture(SimpleUploadedFile("p.png", picture.read()), actor=studio.editor, title="访谈现场")
    actions.post_remark(interview, actor=studio.editor, text="", image=image, image_caption="图为访谈现场。")
    ask(interview, text="灵活就业人员社保补贴怎么申请？")
    page = new_page(browser_context)
    for name, path in (("list", "/hdjl/zxft/"), ("upcoming", f"/hdjl/zxft/{coming.pk}/"),
                       ("live", f"/hdjl/zxft/{interview.pk}/"), ("refresh", f"/hdjl/zxft/{interview.pk}/live-refresh/")):
        page.goto(live_server.url + path)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.goto(f"{live_server.url}/hdjl/zxft/{interview.pk}/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.screenshot(path=str(SHOTS / "live-focus.png"))
    page.goto(f"{live_server.url}/accessibility/elder-mode/?next=/hdjl/zxft/{interview.pk}/")
    page.screenshot(path=str(SHOTS / "live-elder.png"), full_page=True)
    page.goto(f"{live_server.url}/hdjl/zxft/{coming.pk}/")
    page.get_by_role("button", name="提交问题").click()
    page.screenshot(path=str(SHOTS / "form-errors-elder.png"), full_page=True)
    import io

    from zhengwu.interaction.interviews.demo import load_interview_demo
    from zhengwu.interaction.models import Interview

    studio.user("admin", studio.province, "system_admin")
    load_interview_demo(io.StringIO())
    demo_live = Interview.objects.get(is_demo=True, status="live")
    demo_past = Interview.objects.filter(is_demo=True, status="ended").first()
    for name, path in (("demo-list", "/hdjl/zxft/"), ("demo-live", f"/hdjl/zxft/{demo_live.pk}/"),
                       ("demo-transcript", f"/hdjl/zxft/{demo_past.pk}/transcript/")):
        page.goto(live_server.url + path)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    admin_login(page, live_server, studio.editor.username)
    page.goto(f"{live_server.url}/admin/interaction/interview-console/{interview.pk}/")
    page.screenshot(path=str(SHOTS / "console.png"), full_page=True)
    page.goto(f"{live_server.url}/admin/interaction/interviews/inspect/{interview.pk}/")
    page.screenshot(path=str(SHOTS / "admin-interview.png"), full_page=True)
