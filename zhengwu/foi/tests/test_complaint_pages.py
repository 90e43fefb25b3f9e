"""举报投诉 as the public files and follows it, without an account or JavaScript."""

from django.urls import reverse

from zhengwu.foi import actions
from zhengwu.foi.models import Complaint
from zhengwu.foi.tests.test_queue import file
from zhengwu.testing.codes import issued_code


def complaint(**extra):
    data = {"agency": "湖南省财政厅", "name": "李四", "phone": "13700001111", "email": "",
            "content": "我的申请已超过答复期限，至今未收到答复。", "related_number": ""}
    data.update(extra)
    return data


def test_file_and_follow_a_complaint(client, staff):
    request = file()
    response = client.post(reverse("foi-complaint"), complaint(related_number=request.number))
    assert response.status_code == 302
    filed_page = client.get(response.url).content.decode()
    filed = Complaint.objects.get()
    code = issued_code(filed_page)
    assert filed.number in filed_page and code not in filed.tracking_digest
    assert filed.related_request == request and filed.name == "李四"
    lookup = client.post(reverse("foi-complaint-lookup"), {"number": filed.number, "code": code})
    assert "办理中" in lookup.content.decode() and f"{filed.clock.due_on:%Y-%m-%d}" in lookup.content.decode()
    actions.answer_complaint(filed, actor=staff.handler, finding="partly", answer="已督促经办处室于三日内答复。")
    answered = client.post(reverse("foi-complaint-lookup"), {"number": filed.number, "code": code})
    html = answered.content.decode()
    assert "已答复" in html and "部分属实" in html and "已督促经办处室" in html
    wrong = client.post(reverse("foi-complaint-lookup"), {"number": filed.number, "code": "WRONG999"})
    assert "不正确" in wrong.content.decode() and "已督促" not in wrong.content.decode()


def test_bad_complaint_keeps_what_was_typed(client, hunan):
    response = client.post(reverse("foi-complaint"), complaint(phone="12", related_number="YSQ2026-99999-00001",
                                                               content="申请逾期未答复的问题"))
    html = response.content.decode()
    assert response.status_code == 400 and not Complaint.objects.exists()
    assert "手机号码格式不正确" in html and "没有编号为" in html and "申请逾期未答复的问题" in html


def test_related_request_must_be_to_the_same_agency(client, hunan):
    request = file(agency="湖南省自然资源厅")
    response = client.post(reverse("foi-complaint"), complaint(related_number=request.number))
    assert response.status_code == 400 and "不是向被投诉机关提出的" in response.content.decode()
