"""What the applicant sees of their own requests: all of them when signed in, the due date with how it is
counted, and the letter and released documents once the reply is sent, to nobody else."""

import io

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from zhengwu.foi import actions
from zhengwu.foi.actions import submit_request
from zhengwu.foi.forms import RequestForm
from zhengwu.foi.tests.test_submission import application


def filed_by(user, **extra):
    form = RequestForm(data=application(**extra))
    assert form.is_valid(), form.errors
    return submit_request(form.cleaned_data, applicant_user=user)


def test_signed_in_applicant_sees_all_and_only_their_requests(client, staff):
    citizen = get_user_model().objects.create_user("citizen01", password="Xiang-Jiang-River-88")
    mine = [filed_by(citizen, description=f"第{n}项") for n in range(2)]
    someone_else = filed_by(None, description="别人的申请", phone="13911112222")
    assert client.get(reverse("foi-mine")).status_code == 302  # sign in first
    client.login(username="citizen01", password="Xiang-Jiang-River-88")
    html = client.get(reverse("foi-mine")).content.decode()
    assert all(r.number in html for r in mine) and someone_else.number not in html
    assert client.get(reverse("foi-mine-detail", args=[someone_else.number])).status_code == 404
    detail = client.get(reverse("foi-mine-detail", args=[mine[0].number])).content.decode()
    assert "答复期限是怎样计算的" in detail and "开始计时" in detail


def test_letter_downloads_only_for_the_applicant_after_sending(client, staff):
    request = filed_by(None)
    actions.attach_document(request, actor=staff.handler, file=_text("预算表.txt", "2025年预算 一般公共服务支出"),
                            title="2025年预算表")
    reply = actions.draft_reply(request, actor=staff.handler, outcome="r1", how_to_obtain="网上获取")
    actions.review_reply(reply, actor=staff.reviewer, approve=True)
    reply.refresh_from_db()
    early = client.post(reverse("foi-document", args=[request.number, reply.letter_pdf.pk]),
                        {"code": request.tracking_code})
    assert early.status_code == 404  # signed off but not yet sent
    actions.send_reply(reply, actor=staff.handler)
    track = client.post(reverse("foi-track"), {"number": request.number, "code": request.tracking_code}).content.decode()
    assert "2025年预算表" in track and "答复告知书" in track and "?code=" not in track  # never in a URL
    url = reverse("foi-document", args=[request.number, reply.letter_pdf.pk])
    assert f'action="{url}"' in track
    assert client.post(url, {"code": "WRONG123"}).status_code == 404
    assert client.get(url, {"code": request.tracking_code}).status_code == 404  # a code in a URL opens nothing
    download = client.post(url, {"code": request.tracking_code})
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    document = request.release_documents.get()
    assert b"".join(client.post(reverse("foi-document", args=[request.number, document.pk]),
                                {"code": request.tracking_code}).streaming_content).decode() == "2025年预算 一般公共服务支出"
    assert client.get(document.url).status_code in (403, 404)  # never through the public document URL


def _text(name, content):
    stream = io.BytesIO(content.encode())
    stream.name = name
    return stream


def test_case_files_are_for_the_case_roles_only(client, staff, hunan):
    from zhengwu.conftest import PASSWORD

    request = filed_by(None)
    reply = actions.draft_reply(request, actor=staff.handler, outcome="r1", how_to_obtain="网上获取")
    reply = actions.review_reply(reply, actor=staff.reviewer, approve=True)
    letter = reply.letter_pdf
    hunan.user("czt_inspector", hunan.czt, "inspector")
    hunan.user("czt_publisher", hunan.czt, "publisher")
    for username, allowed in (("czt_foi", True), ("czt_head", True), ("czt_inspector", False),
                              ("czt_publisher", False)):
        client.login(username=username, password=PASSWORD)
        assert client.get(letter.url).status_code == (200 if allowed else 404), username
        listing = client.get("/admin/documents/").content.decode()
        assert letter.title not in listing, username  # in nobody's document library
        client.logout()


def test_guessed_codes_for_downloads_count_and_lock_only_the_guessing_network(client, staff, settings):
    settings.LOOKUP_FAILURES_PER_NUMBER = 2
    request = filed_by(None)
    reply = actions.draft_reply(request, actor=staff.handler, outcome="r1", how_to_obtain="网上获取")
    actions.review_reply(reply, actor=staff.reviewer, approve=True)
    actions.send_reply(reply, actor=staff.handler)
    reply.refresh_from_db()
    url = reverse("foi-document", args=[request.number, reply.letter_pdf.pk])
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    assert guesser.post(url, {"code": "AAAAAAAA"}).status_code == 404
    refused = guesser.post(url, {"code": "BBBBBBBB"})
    assert refused.status_code == 429 and "查询失败次数过多" in refused.content.decode()
    assert guesser.post(url, {"code": request.tracking_code}).status_code == 429  # not even checked any more
    owner = Client(REMOTE_ADDR="198.51.100.20").post(url, {"code": request.tracking_code})
    assert owner.status_code == 200 and b"".join(owner.streaming_content).startswith(b"%PDF")
