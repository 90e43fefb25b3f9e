"""The 决策公开 admin through the pages staff use: what each role sees and may do, and that another agency's
staff neither see nor moderate."""

import json
import re

import pytest

from zhengwu.conftest import PASSWORD
from zhengwu.consultation.models import Comment, CommentState, Consultation, Publication
from zhengwu.consultation.tests.conftest import comment, draft_consultation, published_consultation
from zhengwu.privacy.models import PersonalDataAccess

pytestmark = pytest.mark.django_db

DRAFTS = "/admin/consultation/drafts/"
COMMENTS = "/admin/consultation/comments/"


def login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)


def form_data(**extra):
    return {"agency": "", "title": "湖南省省级财政专项资金管理办法", "kind": "normative",
            "explanation": "为加强专项资金管理，起草本办法。", "opens_on": "2026-12-07", "closes_on": "2027-01-05",
            "short_period_reason": "", "other_channels": "", "draft_text": "第一条　目的。\n第二条　范围。",
            "attachments-TOTAL_FORMS": "1", "attachments-INITIAL_FORMS": "0", "attachments-MIN_NUM_FORMS": "0",
            "attachments-MAX_NUM_FORMS": "1000", "attachments-0-document": "", "attachments-0-title": "", **extra}


def menu(client):
    """The admin sidebar's labels (the menu is JSON in a script element, with its Chinese escaped)."""
    html = client.get("/admin/").content.decode()
    props = re.search(r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    return json.dumps(json.loads(props), ensure_ascii=False)


def test_menu_shows_the_group_to_staff_of_the_roles(client, desk):
    login(client, desk.editor)
    labels = menu(client)
    for label in ("决策公开", "征求意见", "意见审核", "重大行政决策目录", "听证会"):
        assert label in labels
    clerk = desk.user("czt_window", desk.czt, "window_clerk")
    login(client, clerk)
    assert "意见审核" not in menu(client)


def test_publisher_drafts_through_the_form_and_an_administrator_publishes(client, desk):
    login(client, desk.editor)
    response = client.post(f"{DRAFTS}new/", form_data(agency=str(desk.czt.pk)))
    assert response.status_code == 302, response.content.decode()[-3000:]
    consultation = Consultation.objects.get()
    assert consultation.articles.count() == 2 and consultation.drafted_by == desk.editor
    page = client.get(response["Location"]).content.decode()
    assert "提交审核" in page and "审核发布" not in page
    assert client.post(f"{DRAFTS}inspect/{consultation.pk}/act/submit/").status_code == 302
    # the drafter is not offered the approval, and is refused it
    assert client.post(f"{DRAFTS}inspect/{consultation.pk}/act/approve/").status_code == 403
    # once submitted, the draft no longer opens for editing
    assert client.get(f"{DRAFTS}edit/{consultation.pk}/").status_code == 302
    login(client, desk.chief)
    page = client.get(f"{DRAFTS}inspect/{consultation.pk}/").content.decode()
    assert "审核发布" in page and "退回修改" in page
    assert client.post(f"{DRAFTS}inspect/{consultation.pk}/act/approve/").status_code == 302
    consultation.refresh_from_db()
    assert consultation.publication == Publication.PUBLISHED


def test_attachments_must_be_public_documents(client, desk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from zhengwu.files.actions import store_document

    public = store_document(desk.czt, SimpleUploadedFile("说明.pdf", b"%PDF-1.4 demo"), title="起草说明附表")
    private = store_document(desk.czt, SimpleUploadedFile("内部.pdf", b"%PDF-1.4 demo"), title="内部稿", private=True)
    login(client, desk.editor)
    refused = client.post(f"{DRAFTS}new/", form_data(agency=str(desk.czt.pk), **{"attachments-0-document": private.pk}))
    assert refused.status_code == 200 and "附件须为公开文件" in refused.content.decode()
    response = client.post(f"{DRAFTS}new/", form_data(agency=str(desk.czt.pk), **{"attachments-0-document": public.pk}))
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert [a.document for a in consultation.attachments.all()] == [public]
    page = client.get(response["Location"]).content.decode()
    assert "起草说明附表" in page and "征求意见截止" not in page


def test_only_a_never_published_draft_can_be_deleted(client, desk):
    published = published_consultation(desk)
    draft = draft_consultation(desk, title="草稿")
    login(client, desk.editor)
    response = client.post(f"{DRAFTS}delete/{published.pk}/")
    assert response.status_code == 302 and response["Location"].endswith(f"inspect/{published.pk}/")
    assert Consultation.objects.filter(pk=published.pk).exists()
    assert client.post(f"{DRAFTS}delete/{draft.pk}/").status_code == 302
    assert not Consultation.objects.filter(pk=draft.pk).exists()
    login(client, desk.outsider)
    assert client.post(f"{DRAFTS}delete/{published.pk}/").status_code == 404


def test_the_form_refuses_an_agency_outside_the_editors_scope(client, desk):
    login(client, desk.editor)
    response = client.post(f"{DRAFTS}new/", form_data(agency=str(desk.zrzyt.pk)))
    assert response.status_code == 200 and not Consultation.objects.exists()


def test_the_form_shows_a_badly_numbered_draft(client, desk):
    login(client, desk.editor)
    response = client.post(f"{DRAFTS}new/", form_data(agency=str(desk.czt.pk), draft_text="第一条　甲。\n第三条　丙。"))
    assert response.status_code == 200 and "第一条之后应为“第二条”" in response.content.decode()
    assert not Consultation.objects.exists()


def test_another_agency_neither_sees_nor_moderates(client, desk):
    consultation = published_consultation(desk)
    filed = comment(consultation)
    login(client, desk.outsider)
    assert consultation.title not in client.get(DRAFTS).content.decode()
    assert client.get(f"{DRAFTS}inspect/{consultation.pk}/").status_code == 404
    assert f"inspect/{filed.pk}/" not in client.get(COMMENTS).content.decode()
    assert client.get(f"{COMMENTS}inspect/{filed.pk}/").status_code == 404
    assert client.post(f"{COMMENTS}inspect/{filed.pk}/act/approve/").status_code == 404
    filed.refresh_from_db()
    assert filed.state == CommentState.PENDING


def test_moderator_approves_and_rejects_in_the_queue(client, desk):
    consultation = published_consultation(desk)
    first, second = comment(consultation, text="第一条意见"), comment(consultation, text="第二条意见")
    login(client, desk.editor)
    queue = client.get(COMMENTS).content.decode()
    assert "待审核" in queue and "张**" in queue and "13812345678" not in queue
    page = client.get(f"{COMMENTS}inspect/{first.pk}/").content.decode()
    assert "138****5678" in page and "13812345678" not in page
    assert client.post(f"{COMMENTS}inspect/{first.pk}/act/approve/").status_code == 302
    response = client.post(f"{COMMENTS}inspect/{second.pk}/act/reject/", {"reject-reason": ""})
    assert response.status_code == 400 and "请填写此项" in response.content.decode()
    assert client.post(f"{COMMENTS}inspect/{second.pk}/act/reject/", {"reject-reason": "与草案无关"}).status_code == 302
    assert dict(Comment.objects.values_list("pk", "state")) == {first.pk: "approved", second.pk: "rejected"}


def test_contact_is_revealed_only_with_a_reason_and_a_record(client, desk):
    consultation = published_consultation(desk)
    filed = comment(consultation)
    login(client, desk.editor)
    response = client.post(f"{COMMENTS}inspect/{filed.pk}/act/reveal/", {"reveal-reason": "电话核实意见内容"})
    assert response.status_code == 200 and "13812345678" in response.content.decode()
    access = PersonalDataAccess.objects.get()
    assert access.user == desk.editor and access.reason == "电话核实意见内容"
    login(client, desk.inspector)  # supervisors read, but do not reveal or moderate
    assert client.get(f"{COMMENTS}inspect/{filed.pk}/").status_code == 200
    assert client.post(f"{COMMENTS}inspect/{filed.pk}/act/reveal/", {"reveal-reason": "看看"}).status_code == 403
    assert client.post(f"{COMMENTS}inspect/{filed.pk}/act/approve/").status_code == 403


def test_inspector_reads_every_list(client, desk):
    draft_consultation(desk)
    login(client, desk.inspector)
    for url in (DRAFTS, COMMENTS, "/admin/consultation/decisions/", "/admin/consultation/hearings/"):
        assert client.get(url).status_code == 200, url
    assert client.get(f"{DRAFTS}new/").status_code in (302, 403)
