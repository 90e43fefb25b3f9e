"""The 在线访谈 admin through the pages staff use: drafting with guests and approving, the question queue (contact
masked, revealed only with a reason), and the 直播控制台 — which another agency's staff and supervisors cannot
open, let alone control."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.conftest import PASSWORD
from zhengwu.interaction.actions import interviews as actions
from zhengwu.interaction.models import Interview, InterviewMessage, QuestionState
from zhengwu.interaction.tests import test_interviews as base
from zhengwu.interaction.tests.test_interviews import ask, live_interview, png_bytes, published_interview
from zhengwu.privacy.models import PersonalDataAccess

# The shared fixtures (defined in test_interviews.py).
media_root = base.media_root
studio = base.studio

pytestmark = pytest.mark.django_db

INTERVIEWS = "/admin/interaction/interviews/"
QUESTIONS = "/admin/interaction/interview-questions/"
CONSOLE = "/admin/interaction/interview-console/"


def login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)


def form_data(agency, **extra):
    return {"agency": str(agency.pk), "title": "惠企政策直播解读", "summary": "介绍惠企政策。", "host": "主持人 李文",
            "starts_at": "2030-03-01 10:00", "ends_at": "2030-03-01 11:30",
            "guests-TOTAL_FORMS": "2", "guests-INITIAL_FORMS": "0", "guests-MIN_NUM_FORMS": "0",
            "guests-MAX_NUM_FORMS": "1000", "guests-0-name": "张明", "guests-0-post": "湖南省财政厅副厅长",
            "guests-0-photo": "", "guests-1-name": "", "guests-1-post": "", "guests-1-photo": "", **extra}


def test_publisher_drafts_with_guests_and_an_administrator_publishes(client, studio):
    login(client, studio.editor)
    response = client.post(f"{INTERVIEWS}new/", form_data(studio.czt, **{"guests-0-post": ""}))
    assert response.status_code == 200 and "请填写嘉宾职务" in response.content.decode()
    response = client.post(f"{INTERVIEWS}new/", form_data(studio.czt))
    assert response.status_code == 302, response.content.decode()[-3000:]
    interview = Interview.objects.get()
    assert [g.name for g in interview.guests.all()] == ["张明"] and interview.drafted_by == studio.editor
    assert client.post(f"{INTERVIEWS}inspect/{interview.pk}/act/submit/").status_code == 302
    assert client.post(f"{INTERVIEWS}inspect/{interview.pk}/act/approve/").status_code == 403
    login(client, studio.chief)
    assert client.post(f"{INTERVIEWS}inspect/{interview.pk}/act/approve/").status_code == 302
    interview.refresh_from_db()
    assert interview.is_published and interview.approved_by == studio.chief
    page = client.get(f"{INTERVIEWS}inspect/{interview.pk}/").content.decode()
    assert "进入直播控制台" in page and f"/hdjl/zxft/{interview.pk}/" in page


def test_another_agency_neither_sees_nor_controls(client, studio):
    interview = live_interview(studio)
    question = ask(interview)
    for outsider in (studio.outsider, studio.outsider_admin):
        login(client, outsider)
        assert interview.title not in client.get(INTERVIEWS).content.decode()
        assert client.get(f"{INTERVIEWS}inspect/{interview.pk}/").status_code == 404
        assert client.get(f"{QUESTIONS}inspect/{question.pk}/").status_code == 404
        assert client.get(f"{CONSOLE}{interview.pk}/").status_code == 404
        assert client.get(f"{CONSOLE}{interview.pk}/queue/").status_code == 404
        response = client.post(f"{CONSOLE}{interview.pk}/", {"op": "put", "question": question.pk})
        assert response.status_code == 404
        assert client.post(f"{CONSOLE}{interview.pk}/", {"op": "end"}).status_code == 404
    login(client, studio.inspector)  # supervisors read the records, and host nothing
    assert client.get(f"{INTERVIEWS}inspect/{interview.pk}/").status_code == 200
    assert client.get(f"{CONSOLE}{interview.pk}/").status_code == 404
    assert not InterviewMessage.objects.exists()
    interview.refresh_from_db()
    assert interview.status == "live"


def test_question_queue_masks_the_contact_and_records_a_reveal(client, studio):
    interview = published_interview(studio)
    question = ask(interview, contact="13812345678")
    login(client, studio.editor)
    queue = client.get(f"{QUESTIONS}?state=pending").content.decode()
    assert f"提问 {question.pk}" in queue
    page = client.get(f"{QUESTIONS}inspect/{question.pk}/").content.decode()
    assert "138****5678" in page and "13812345678" not in page
    response = client.post(f"{QUESTIONS}inspect/{question.pk}/act/reveal/", {"reveal-reason": "电话核实提问内容"})
    assert "13812345678" in response.content.decode()
    assert PersonalDataAccess.objects.filter(user=studio.editor).exists()
    assert client.post(f"{QUESTIONS}inspect/{question.pk}/act/select/").status_code == 302
    question.refresh_from_db()
    assert question.state == QuestionState.SELECTED


def test_host_runs_the_interview_from_the_console(client, studio):
    interview = published_interview(studio)
    question = ask(interview, text="补贴多久到账？")
    spam = ask(interview, text="广告")
    login(client, studio.editor)
    assert interview.title in client.get(CONSOLE).content.decode()
    page = client.get(f"{CONSOLE}{interview.pk}/").content.decode()
    assert "开始直播" in page and "补贴多久到账" in page and "选中并发布<span" not in page  # not live yet
    assert client.post(f"{CONSOLE}{interview.pk}/", {"op": "go-live"}).status_code == 302
    response = client.post(f"{CONSOLE}{interview.pk}/", {"op": "reject", "question": spam.pk, "reason": ""})
    assert response.status_code == 400 and "不予采用的理由" in response.content.decode()
    assert client.post(f"{CONSOLE}{interview.pk}/", {"op": "reject", "question": spam.pk,
                                                     "reason": "广告"}).status_code == 302
    assert "广告" not in client.get(f"{CONSOLE}{interview.pk}/queue/").content.decode()
    assert client.post(f"{CONSOLE}{interview.pk}/", {"op": "put", "question": question.pk}).status_code == 302
    guest = interview.guests.first()
    response = client.post(f"{CONSOLE}{interview.pk}/", {"op": "answer", "answer-guest": guest.pk,
                                                         "answer-question": "", "answer-text": ""})
    assert response.status_code == 400 and "请填写回答内容或选择一张图片" in response.content.decode()
    response = client.post(f"{CONSOLE}{interview.pk}/", {
        "op": "answer", "answer-guest": guest.pk, "answer-question": question.pk, "answer-text": "5个工作日内到账。",
        "answer-image": SimpleUploadedFile("现场.png", png_bytes(), content_type="image/png"),
        "answer-image_caption": "办理流程图"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    response = client.post(f"{CONSOLE}{interview.pk}/", {
        "op": "remark", "remark-text": "", "remark-image": SimpleUploadedFile("x.txt", b"not a picture")})
    assert response.status_code == 400
    assert client.post(f"{CONSOLE}{interview.pk}/", {"op": "remark", "remark-text": "感谢收看"}).status_code == 302
    assert client.post(f"{CONSOLE}{interview.pk}/", {"op": "end"}).status_code == 302
    lines = list(interview.messages.order_by("pk"))
    assert [line.kind for line in lines] == ["question", "answer", "host"]
    assert lines[1].question == question and lines[1].image.title == "办理流程图"
    interview.refresh_from_db()
    assert interview.status == "ended"
    assert client.post(f"{CONSOLE}{interview.pk}/", {"op": "remark", "remark-text": "晚了"}).status_code in (400, 404)


def test_console_refuses_a_question_already_taken(client, studio):
    interview = live_interview(studio)
    question = ask(interview)
    actions.put_question(question, actor=studio.chief)  # another host was quicker
    login(client, studio.editor)
    response = client.post(f"{CONSOLE}{interview.pk}/", {"op": "put", "question": question.pk})
    assert response.status_code == 400 and "不在待处理队列中" in response.content.decode()
    assert InterviewMessage.objects.count() == 1


def test_menu_shows_the_console_to_hosts_only(client, studio):
    import json
    import re

    def menu():
        html = client.get("/admin/").content.decode()
        props = re.search(r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
        return json.dumps(json.loads(props), ensure_ascii=False)

    login(client, studio.editor)
    labels = menu()
    assert all(label in labels for label in ("在线访谈", "访谈安排", "网友提问审核", "直播控制台"))
    login(client, studio.inspector)
    assert "访谈安排" in menu() and "直播控制台" not in menu()
