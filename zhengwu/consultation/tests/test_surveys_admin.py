"""The survey admin through the pages staff use: drafting with the questions formset, four eyes, the figures and
the moderation of open answers, the responses and the export — and that another agency's staff see none of
it, and that full mobile numbers leave only with an administrator, a reason and a record."""

import pytest

from zhengwu.consultation.models import Answer, Publication, Survey, SurveyEvent
from zhengwu.consultation.tests.survey_helpers import answer, close_survey, draft_survey, published_survey
from zhengwu.consultation.tests.test_admin import login, menu
from zhengwu.privacy.models import PersonalDataAccess

pytestmark = pytest.mark.django_db

SURVEYS = "/admin/consultation/surveys/"


def management(total, initial=0):
    return {"questions-TOTAL_FORMS": str(total), "questions-INITIAL_FORMS": str(initial),
            "questions-MIN_NUM_FORMS": "0", "questions-MAX_NUM_FORMS": "1000"}


def question(index, kind, text, options="", required=True, low="", high="", order=""):
    prefix = f"questions-{index}-"
    data = {f"{prefix}kind": kind, f"{prefix}question_text": text, f"{prefix}note": "", f"{prefix}options": options,
            f"{prefix}min_choices": low, f"{prefix}max_choices": high, f"{prefix}ORDER": order}
    if required:
        data[f"{prefix}required"] = "on"
    return data


def form_data(desk, *lines, **extra):
    data = {"agency": str(desk.czt.pk), "title": "湖南省政府采购网用户满意度调查", "intro": "为改进服务开展调查。",
            "opens_on": "2026-12-07", "closes_on": "2027-01-05", **management(len(lines))}
    for line in lines:
        data.update(line)
    return {**data, **extra}


def test_the_menu_has_the_surveys(client, desk):
    login(client, desk.editor)
    assert "征集调查" in menu(client)


def test_publisher_drafts_with_questions_and_an_administrator_publishes(client, desk):
    login(client, desk.editor)
    response = client.post(f"{SURVEYS}new/", form_data(
        desk, question(0, "text", "您还有什么建议？", required=False, order="3"),
        question(1, "single", "总体评价", "满意\n基本满意\n不满意", order="1"),
        question(2, "multiple", "常用功能", "采购公告\n合同公示\n政策法规", low="1", high="2", order="2"),
        question(3, "", "")))  # a blank line is left out
    assert response.status_code == 302, response.content.decode()[-3000:]
    survey = Survey.objects.get()
    assert [(q.number, q.kind, q.text) for q in survey.questions.all()] == [
        (1, "single", "总体评价"), (2, "multiple", "常用功能"), (3, "text", "您还有什么建议？")]
    assert survey.questions.get(number=2).max_choices == 2 and survey.drafted_by == desk.editor
    page = client.get(response["Location"]).content.decode()
    assert "提交审核" in page and "审核发布" not in page
    assert client.post(f"{SURVEYS}inspect/{survey.pk}/act/submit/").status_code == 302
    assert client.post(f"{SURVEYS}inspect/{survey.pk}/act/approve/").status_code == 403
    assert client.get(f"{SURVEYS}edit/{survey.pk}/").status_code == 302  # submitted: no longer edited
    login(client, desk.chief)
    assert client.post(f"{SURVEYS}inspect/{survey.pk}/act/approve/").status_code == 302
    survey.refresh_from_db()
    assert survey.publication == Publication.PUBLISHED


def test_the_form_says_which_question_is_wrong_and_keeps_the_lines(client, desk):
    login(client, desk.editor)
    response = client.post(f"{SURVEYS}new/", form_data(
        desk, question(0, "single", "总体评价", "满意"), question(1, "multiple", "常用功能", "甲\n乙", low="3")))
    html = response.content.decode()
    assert response.status_code == 200 and not Survey.objects.exists()
    assert "选择题至少要有两个选项" in html and "“最少选几项”应在 1 至 2 之间" in html
    assert 'value="总体评价"' in html and "甲\n乙</textarea>" in html
    response = client.post(f"{SURVEYS}new/", form_data(desk, question(0, "", "")))
    assert "调查至少要有一道题目" in response.content.decode() and not Survey.objects.exists()


def test_a_published_survey_is_not_edited(client, desk):
    survey = published_survey(desk)
    login(client, desk.editor)
    response = client.get(f"{SURVEYS}edit/{survey.pk}/")
    assert response.status_code == 302 and response["Location"].endswith(f"inspect/{survey.pk}/")
    assert client.post(f"{SURVEYS}delete/{survey.pk}/").status_code == 302
    assert Survey.objects.filter(pk=survey.pk).exists()


def test_figures_and_moderation_on_the_survey_page(client, desk):
    survey = published_survey(desk)
    answer(survey, "13800000001", text="建议增加移动端，电话 13912345678。")
    login(client, desk.editor)
    page = client.get(f"{SURVEYS}inspect/{survey.pk}/").content.decode()
    assert "答卷</dt><dd id=\"sv-response-count\">1 份" in page and "问答题回答待审核 1 条" in page
    assert "公开时显示为：建议增加移动端，电话 139****5678。" in page
    open_answer = Answer.objects.get(question__kind="text")
    refused = client.post(f"{SURVEYS}inspect/{survey.pk}/act/moderate/", {
        "moderate-answer": open_answer.pk, "moderate-decision": "rejected", "moderate-reason": ""})
    assert refused.status_code == 400 and "不予公开的，请写明理由" in refused.content.decode()
    assert client.post(f"{SURVEYS}inspect/{survey.pk}/act/moderate/", {
        "moderate-answer": open_answer.pk, "moderate-decision": "approved"}).status_code == 302
    open_answer.refresh_from_db()
    assert open_answer.state == "approved" and open_answer.moderated_by == desk.editor


def test_another_agency_sees_neither_the_survey_nor_its_responses(client, desk):
    survey = published_survey(desk)
    answer(survey, "13800000001", text="建议")
    login(client, desk.outsider)
    assert survey.title not in client.get(SURVEYS).content.decode()
    for path in ("", "responses/", "export/"):
        assert client.get(f"{SURVEYS}inspect/{survey.pk}/{path}").status_code == 404, path
    assert client.post(f"{SURVEYS}inspect/{survey.pk}/export/", {}).status_code == 404
    assert client.post(f"{SURVEYS}inspect/{survey.pk}/act/moderate/", {
        "moderate-answer": Answer.objects.get(question__kind="text").pk,
        "moderate-decision": "approved"}).status_code == 404
    login(client, desk.outsider_admin)  # an administrator elsewhere neither
    assert client.get(f"{SURVEYS}inspect/{survey.pk}/responses/").status_code == 404


def test_responses_show_numbers_masked_and_the_export_leaves_them_out(client, desk):
    survey = published_survey(desk)
    answer(survey, "13800000001", text="=HYPERLINK(\"http://example.com\")")
    login(client, desk.editor)
    page = client.get(f"{SURVEYS}inspect/{survey.pk}/responses/").content.decode()
    assert "138****0001" in page and "13800000001" not in page
    form = client.get(f"{SURVEYS}inspect/{survey.pk}/export/").content.decode()
    assert "with_phones" not in form and "只有本单位或上级单位的单位管理员可以导出手机号码" in form
    response = client.post(f"{SURVEYS}inspect/{survey.pk}/export/", {"with_phones": "on", "reason": "想看"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header.startswith("答卷编号,提交时间,1. 您对省级政府采购网的总体评价") and "手机号码" not in header
    assert "13800000001" not in text and "满意" in row and "采购公告；合同公示" in row
    assert "'=HYPERLINK" in row  # a formula is not a formula in the spreadsheet
    assert not PersonalDataAccess.objects.exists()
    assert SurveyEvent.objects.filter(survey=survey, kind="exported").count() == 1


def test_an_administrator_exports_the_numbers_with_a_reason_and_a_record(client, desk):
    survey = close_survey(published_survey(desk))
    from zhengwu.consultation.models import SurveyResponse

    SurveyResponse.objects.create(survey=survey, phone="13800000001")
    SurveyResponse.objects.create(survey=survey, phone="13800000002")
    login(client, desk.chief)
    refused = client.post(f"{SURVEYS}inspect/{survey.pk}/export/", {"with_phones": "on", "reason": ""})
    assert refused.status_code == 400 and "请填写此项" in refused.content.decode()
    response = client.post(f"{SURVEYS}inspect/{survey.pk}/export/", {"with_phones": "on", "reason": "电话回访"})
    text = response.content.decode("utf-8-sig")
    assert "手机号码" in text.splitlines()[0] and "13800000001" in text and "13800000002" in text
    accesses = PersonalDataAccess.objects.all()
    assert accesses.count() == 2 and {a.reason for a in accesses} == {"电话回访"}
    assert {a.user for a in accesses} == {desk.chief}


def test_inspector_reads_but_does_not_moderate(client, desk):
    survey = published_survey(desk)
    answer(survey, "13800000001", text="建议")
    draft_survey(desk, title="草稿")
    login(client, desk.inspector)
    assert client.get(SURVEYS).status_code == 200
    assert client.get(f"{SURVEYS}inspect/{survey.pk}/responses/").status_code == 200
    assert client.post(f"{SURVEYS}inspect/{survey.pk}/act/moderate/", {
        "moderate-answer": Answer.objects.get(question__kind="text").pk,
        "moderate-decision": "approved"}).status_code == 403
    assert client.get(f"{SURVEYS}new/").status_code in (302, 403)
