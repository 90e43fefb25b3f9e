"""Retention: `manage.py apply_retention` erases the personal data of closed records older than their type's
period, files included, marks them erased — and the yearly and monthly reports give the same figures after."""

from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from zhengwu.consultation import actions as consultation_actions
from zhengwu.consultation.models import Comment, Consultation
from zhengwu.consultation.tests.conftest import comment, desk, published_consultation  # noqa: F401  (fixture)
from zhengwu.foi.models import InformationRequest
from zhengwu.interaction import actions as letter_actions
from zhengwu.interaction.models import Letter, LetterAttachment
from zhengwu.interaction.tests.conftest import mailbox  # noqa: F401  (fixture)
from zhengwu.privacy.models import Erasure, RetentionRule
from zhengwu.privacy.tests.test_free_text_at_rest import raw
from zhengwu.reports.annual.report import figures
from zhengwu.reports.monthly.figures import month_json
from zhengwu.reports.tests.test_annual import year_of_requests  # noqa: F401  (fixture)
from zhengwu.scheduler.jobs import jobs

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_rules_are_seeded_per_record_type_and_the_job_is_scheduled():
    kinds = set(RetentionRule.objects.values_list("record_type", flat=True))
    assert {"foi_request", "letter", "service_case", "foi_complaint", "efficiency_complaint", "consultation_comment",
            "survey_answer", "enforcement_party", "citizen_upload"} <= kinds
    assert all(rule.years > 0 and rule.basis for rule in RetentionRule.objects.all())
    assert "apply_retention" in [job.command for job in jobs()]


def test_erasure_keeps_the_annual_and_monthly_figures(hunan, year_of_requests):  # noqa: F811
    RetentionRule.objects.filter(record_type="foi_request").update(years=1)
    before = (figures(hunan.czt, 2025), figures(hunan.czt, 2024), month_json(hunan.czt, 2025, 3))
    answered = InformationRequest.objects.filter(decided_on__lte=date(2025, 6, 30))  # past 1 year on any run day
    still_open = InformationRequest.objects.filter(decided_on=None)  # open records keep everything
    assert answered.exists() and still_open.exists()

    assert "将删除" in run("--dry-run")
    assert not Erasure.objects.exists() and all(r.name == "张三" for r in InformationRequest.objects.all())

    assert "已删除" in run()
    for request in InformationRequest.objects.filter(pk__in=answered.values("pk")):
        assert request.name == "" and request.phone == "" and request.id_number == "" and request.description == ""
        assert request.id_number_index is None and request.phone_index is None
        assert raw(InformationRequest, request.pk, "email") == ""
        marker = Erasure.objects.get(object_id=str(request.pk), record_type="foi_request")
        assert marker.label == request.number and "description" in marker.fields and marker.erased_at
    assert all(r.name == "张三" for r in InformationRequest.objects.filter(pk__in=still_open.values("pk")))
    after = (figures(hunan.czt, 2025), figures(hunan.czt, 2024), month_json(hunan.czt, 2025, 3))
    assert after == before
    count = Erasure.objects.count()
    assert "没有超过保存期限的记录" in run() and Erasure.objects.count() == count  # idempotent


def test_a_letter_loses_its_writer_text_and_files_but_not_its_published_text(client, mailbox):  # noqa: F811
    pdf = SimpleUploadedFile("漏水.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")
    form = {"category": "consult", "subject": "房屋漏水", "body": "我叫王小明，住五一大道1号，房屋漏水，电话13900000001。",
            "name": "王小明", "phone": "13900000001", "email": "w@example.com", "address": "五一大道1号",
            "may_publish": "on", "pledge": "on", "files": [pdf]}
    assert client.post("/hdjl/xx/szxx/write/", form).status_code == 302
    letter = Letter.objects.get()
    letter_actions.draft_reply(letter, mailbox.office, "已转请住建部门上门查看。")
    letter_actions.approve_reply(letter, mailbox.office2, publish=True)
    Letter.objects.filter(pk=letter.pk).update(received_on=date(2019, 3, 1), replied_on=date(2019, 3, 10))
    document = LetterAttachment.objects.get().document
    stored = document.file.name
    assert document.file.storage.exists(stored)
    run()
    letter.refresh_from_db()
    document.refresh_from_db()
    assert (letter.name, letter.phone, letter.email, letter.address, letter.body) == ("", "", "", "", "")
    assert letter.state == "replied" and letter.replied_on == date(2019, 3, 10) and letter.published
    assert not document.file.storage.exists(stored) and document.title == "（已按保存期限删除）"
    page = client.get(f"/hdjl/xx/letters/{letter.number}/").content.decode()
    assert "漏水" in page and "已转请住建部门上门查看" in page  # the masked public text and reply stay


def test_comments_keep_only_the_masked_text_the_public_saw(desk):  # noqa: F811
    consultation = published_consultation(desk)
    shown = comment(consultation, text="建议延长期限，我的电话13812345678。")
    consultation_actions.approve_comment(shown, actor=desk.editor)
    hidden = comment(consultation, text="广告：代办入围，加微信 abc123。")
    Consultation.objects.filter(pk=consultation.pk).update(opens_on=date(2019, 12, 1), closes_on=date(2020, 1, 1))
    run()
    shown, hidden = Comment.objects.get(pk=shown.pk), Comment.objects.get(pk=hidden.pk)
    assert shown.name == "" and shown.contact == "" and "13812345678" not in shown.text and "建议延长期限" in shown.text
    assert hidden.text == "" and shown.state == "approved"
