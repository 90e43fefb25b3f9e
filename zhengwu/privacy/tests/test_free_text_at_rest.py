"""What citizens type is ciphertext in the database: filed through the real pages and API, the raw column holds
no plaintext, while staff pages still show it and the published text stays masked and searchable."""

import pytest
from django.db import connection
from django.urls import reverse

from zhengwu.consultation.models import Comment
from zhengwu.consultation.tests.conftest import desk, published_consultation  # noqa: F401  (fixture)
from zhengwu.foi.models import Complaint, InformationRequest
from zhengwu.foi.tests.conftest import staff  # noqa: F401  (fixture)
from zhengwu.foi.tests.test_submission import application
from zhengwu.interaction import actions as letter_actions
from zhengwu.interaction.models import Letter
from zhengwu.interaction.tests.conftest import mailbox  # noqa: F401  (fixture)
from zhengwu.services.tests.conftest import hall  # noqa: F401  (fixture)
from zhengwu.testing.tree import PASSWORD

pytestmark = pytest.mark.django_db

SECRET = "我家住在芙蓉区五一大道1号的老房子漏水"


def raw(model, pk, column):
    """The value as stored, bypassing the field's decryption."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name(column)} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_a_letter_written_on_the_site_is_stored_encrypted_and_published_masked(client, mailbox):  # noqa: F811
    form = {"category": "consult", "subject": "房屋漏水", "body": f"{SECRET}，电话 13900000001，请帮忙。",
            "name": "王小明", "phone": "13900000001", "email": "", "address": "", "may_publish": "on", "pledge": "on"}
    assert client.post("/hdjl/xx/szxx/write/", form).status_code == 302
    letter = Letter.objects.get()
    stored = raw(Letter, letter.pk, "body")
    assert SECRET not in stored and "13900000001" not in stored and stored.startswith("gAAAA")
    assert letter.body.startswith(SECRET)  # the staff read it as written
    letter_actions.draft_reply(letter, mailbox.office, "已转请住建部门上门查看。")
    letter_actions.approve_reply(letter, mailbox.office2, publish=True)
    detail = client.get(f"/hdjl/xx/letters/{letter.number}/").content.decode()
    assert "五一大道" in detail and "13900000001" not in detail  # public text masked, from the decrypted body
    assert letter.number in client.get("/hdjl/xx/szxx/?q=漏水").content.decode()  # public search still finds it
    letter_actions.rate_reply(Letter.objects.get(pk=letter.pk), "unsatisfied", f"{SECRET}还没修")
    assert SECRET not in raw(Letter, letter.pk, "rating_comment")


def test_an_foi_request_description_and_a_complaint_are_stored_encrypted(client, staff):  # noqa: F811
    response = client.post("/api/v1/foi/requests", application(description=f"{SECRET}的房屋征收补偿决定",
                                                               purpose_note=f"{SECRET}，用于维权"),
                           content_type="application/json")
    assert response.status_code == 201
    request = InformationRequest.objects.get()
    assert SECRET not in raw(InformationRequest, request.pk, "description")
    assert SECRET not in raw(InformationRequest, request.pk, "purpose_note")
    assert request.description == f"{SECRET}的房屋征收补偿决定"
    filed = client.post(reverse("foi-complaint"), {"agency": "湖南省财政厅", "name": "李四", "phone": "13700001111",
                                                   "email": "", "content": f"{SECRET}，申请超期未答复。",
                                                   "related_number": ""})
    assert filed.status_code == 302
    complaint = Complaint.objects.get()
    assert SECRET not in raw(Complaint, complaint.pk, "content") and complaint.content.startswith(SECRET)


def test_a_comment_is_stored_encrypted_and_moderators_still_find_it_by_its_text(client, desk):  # noqa: F811
    consultation = published_consultation(desk)
    values = {"article": "", "text": f"{SECRET}，建议提高补偿标准。", "name": "李四", "contact": "13912345678"}
    assert client.post(f"/yjzj/consultations/{consultation.pk}/", values).status_code == 302
    comment = Comment.objects.get()
    assert SECRET not in raw(Comment, comment.pk, "text")
    assert client.login(username=desk.editor.username, password=PASSWORD)
    found = client.get("/admin/consultation/comments/", {"q": "补偿标准"}).content.decode()
    assert f"意见 {comment.pk}" in found
    missed = client.get("/admin/consultation/comments/", {"q": "公积金"}).content.decode()
    assert f"意见 {comment.pk}" not in missed


def test_a_service_application_form_is_stored_encrypted(client, hall):  # noqa: F811
    from zhengwu.services.models import ServiceCase
    from zhengwu.services.tests.test_case_api import application

    payload = application(hall, materials=[], form_data={"shop_name": f"{SECRET}小吃店"})
    response = client.post("/api/v1/services/cases", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    case = ServiceCase.objects.get()
    assert SECRET not in raw(ServiceCase, case.pk, "form_data")
    assert case.form_data == {"shop_name": f"{SECRET}小吃店"}  # staff read it as typed
