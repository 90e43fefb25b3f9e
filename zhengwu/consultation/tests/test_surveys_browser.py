"""In headless Chromium: a citizen answers a survey without help from JavaScript — first leaving a required
question out (the message is at the question, the answers typed are kept), then sending it; a second try
with the same number is refused; after the close the results page shows the bars with their figures."""

import pytest
from playwright.sync_api import expect

from zhengwu.conftest import needs_chromium, serious_violations
from zhengwu.consultation.models import SurveyResponse
from zhengwu.consultation.tests.survey_helpers import close_survey, published_survey

pytestmark = [pytest.mark.browser, needs_chromium]
SHOTS = "/tmp/shots-surveys"


def test_citizen_answers_a_survey(browser_page, live_server, desk):
    survey = published_survey(desk)
    page = browser_page
    page.goto(f"{live_server.url}/yjzj/")
    page.get_by_role("link", name=survey.title).click()
    expect(page.locator("h1")).to_have_text(survey.title)
    assert serious_violations(page) == []
    page.screenshot(path=f"{SHOTS}/survey-form.png", full_page=True)
    page.get_by_role("checkbox", name="采购公告").check()
    page.get_by_label("3. 您还有什么建议？").fill("建议公开每个项目的采购意向。")
    page.get_by_role("textbox", name="手机号码").fill("13712345678")
    page.get_by_role("button", name="提交答卷").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("请选择一项。")
    expect(summary).to_contain_text("本题至少选择 2 项，您选择了 1 项。")
    expect(page.get_by_role("checkbox", name="采购公告")).to_be_checked()
    expect(page.get_by_label("3. 您还有什么建议？")).to_have_value("建议公开每个项目的采购意向。")
    expect(page.get_by_role("textbox", name="手机号码")).to_have_value("13712345678")
    page.screenshot(path=f"{SHOTS}/survey-errors.png", full_page=True)
    assert serious_violations(page) == []
    page.get_by_role("radio", name="基本满意").check()
    page.get_by_role("checkbox", name="政策法规").check()
    page.get_by_role("button", name="提交答卷").click()
    expect(page.locator("#response-filed")).to_contain_text("您的答卷已提交")
    filed = SurveyResponse.objects.get()
    assert sorted(o.text for a in filed.answers.all() for o in a.options.all()) == ["基本满意", "政策法规", "采购公告"]

    page.goto(f"{live_server.url}/yjzj/surveys/{survey.pk}/")
    page.get_by_role("radio", name="满意", exact=True).check()
    page.get_by_role("checkbox", name="合同公示").check()
    page.get_by_role("checkbox", name="投诉处理").check()
    page.get_by_role("textbox", name="手机号码").fill("137 1234 5678")
    page.get_by_role("button", name="提交答卷").click()
    expect(page.locator(".error-summary")).to_contain_text("该手机号码已经参与过本次调查")
    assert SurveyResponse.objects.count() == 1

    close_survey(survey)
    page.goto(f"{live_server.url}/yjzj/surveys/{survey.pk}/")
    results = page.locator("#results")
    expect(results).to_contain_text("共收到答卷 1 份")
    expect(results.get_by_role("row", name="基本满意")).to_contain_text("100.0%")
    assert serious_violations(page) == []
    page.screenshot(path=f"{SHOTS}/survey-results.png", full_page=True)
