"""The writer's and the reader's pages under /hdjl/xx/: writing (with bad input, limits and files), the receipt,
following a letter by number and code, rating, the published letters and the monthly figures."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from zhengwu.interaction import actions
from zhengwu.interaction.letters.stats import monthly
from zhengwu.interaction.models import Letter, LetterAttachment, LetterState
from zhengwu.interaction.tests.conftest import WRITER
from zhengwu.testing.codes import issued_code

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
FORM = {"category": "consult", "subject": "社保卡补办需要哪些材料", "body": "我的社保卡丢失了，请问补办需要带哪些材料，到哪里办理？",
        "name": "王小明", "phone": "13900000001", "email": "", "address": "", "may_publish": "on", "pledge": "on"}


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def answered(tree, publish=True, **changes):
    letter = actions.write_letter(tree.box, {**WRITER, **changes})
    actions.draft_reply(letter, tree.office, "请携带身份证到社保经办机构补办。")
    actions.approve_reply(letter, tree.office2, publish=publish)
    fresh = Letter.objects.get(pk=letter.pk)
    fresh.tracking_code = letter.tracking_code  # the clear code exists only where it was issued
    return fresh


def test_writing_a_letter_gives_the_receipt_with_number_and_code(client, mailbox):
    page = client.get("/hdjl/xx/szxx/write/")
    assert page.status_code == 200 and "给省长信箱写信" in page.content.decode()
    response = client.post("/hdjl/xx/szxx/write/", FORM, follow=True)
    letter = Letter.objects.get()
    text = response.content.decode()
    assert letter.number in text and issued_code(text) and "答复期限" in text
    assert issued_code(text) not in letter.tracking_digest
    assert letter.name == "王小明" and letter.may_publish and letter.state == LetterState.RECEIVED


def test_a_wrong_letter_is_sent_back_with_chinese_messages_and_nothing_lost(client, mailbox):
    response = client.post("/hdjl/xx/szxx/write/", {**FORM, "phone": "1234", "body": "太短", "pledge": ""})
    text = response.content.decode()
    assert response.status_code == 400 and Letter.objects.count() == 0
    assert "手机号码格式不正确" in text and "来信内容过短" in text and "请阅读并勾选真实性承诺" in text
    assert "社保卡补办需要哪些材料" in text and 'value="王小明"' in text  # what was typed is kept


def test_attachments_are_stored_privately_with_the_letter(client, mailbox):
    photo = SimpleUploadedFile("路灯.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf")
    response = client.post("/hdjl/xx/szxx/write/", {**FORM, "files": [photo]})
    assert response.status_code == 302
    attachment = LetterAttachment.objects.get()
    assert attachment.document.private and attachment.letter == Letter.objects.get()


def test_a_disguised_file_is_refused_and_the_letter_kept_on_the_form(client, mailbox):
    fake = SimpleUploadedFile("照片.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post("/hdjl/xx/szxx/write/", {**FORM, "files": [fake]})
    assert response.status_code == 400 and Letter.objects.count() == 0
    assert "您上次选择的文件没有保存" in response.content.decode()


@override_settings(INTERACTION_LETTERS_SOFT_LIMIT=1, INTERACTION_LETTERS_HARD_LIMIT=2)
def test_past_the_soft_limit_a_question_then_past_the_hard_limit_a_refusal(client, mailbox):
    assert client.post("/hdjl/xx/szxx/write/", FORM).status_code == 302
    asked = client.post("/hdjl/xx/szxx/write/", {**FORM, "phone": "13900000002"})
    assert asked.status_code == 400 and "captcha_token" in asked.content.decode()
    assert Letter.objects.count() == 1


def test_the_same_letter_twice_is_refused_with_its_number(client, mailbox):
    client.post("/hdjl/xx/szxx/write/", FORM)
    again = client.post("/hdjl/xx/szxx/write/", FORM)
    assert again.status_code == 400 and Letter.objects.get().number in again.content.decode()


def test_following_a_letter_needs_the_right_code_and_shows_the_reply(client, mailbox):
    letter = answered(mailbox)
    wrong = client.post("/hdjl/xx/track/", {"number": letter.number, "code": "WRONG123"})
    assert wrong.status_code == 400 and "未找到该来信，或查询码不正确" in wrong.content.decode()
    unknown = client.post("/hdjl/xx/track/", {"number": "XJ2026-00000-00000", "code": letter.tracking_code})
    assert "未找到该来信，或查询码不正确" in unknown.content.decode()
    found = client.post("/hdjl/xx/track/", {"number": letter.number, "code": letter.tracking_code.lower()})
    text = found.content.decode()
    assert found.status_code == 200 and "请携带身份证到社保经办机构补办。" in text and "已答复" in text
    assert "139****0001" in text and "13900000001" not in text and "王**" in text


def test_the_writer_rates_the_reply_once(client, mailbox):
    letter = answered(mailbox)
    data = {"number": letter.number, "code": letter.tracking_code}
    unhappy = client.post("/hdjl/xx/rate/", {**data, "rating": "unsatisfied", "comment": ""})
    assert unhappy.status_code == 400 and "请说明原因" in unhappy.content.decode()
    done = client.post("/hdjl/xx/rate/", {**data, "rating": "satisfied"}, follow=True)
    assert "感谢您的评价" in done.content.decode() and Letter.objects.get().rating == "satisfied"
    again = client.post("/hdjl/xx/rate/", {**data, "rating": "unsatisfied", "comment": "不行"})
    assert again.status_code == 400 and "已评价过" in again.content.decode()


def test_a_published_letter_shows_without_personal_details_and_a_private_one_not_at_all(client, mailbox):
    shown = answered(mailbox, subject="路灯不亮", body="我叫王小明，电话13900000001，身份证430121199001011237，路灯不亮。<script>x</script>")
    private = answered(mailbox, publish=False, phone="13900000009", subject="私人问题", body="不希望公开的问题内容")
    page = client.get("/hdjl/xx/szxx/").content.decode()
    assert "路灯不亮" in page and "私人问题" not in page
    detail = client.get(f"/hdjl/xx/letters/{shown.number}/").content.decode()
    assert "路灯不亮" in detail and "请携带身份证到社保经办机构补办。" in detail and mailbox.province.name in detail
    assert "13900000001" not in detail and "430121199001011237" not in detail and "<script>x" not in detail
    assert client.get(f"/hdjl/xx/letters/{private.number}/").status_code == 404
    assert "路灯不亮" in client.get("/hdjl/xx/szxx/?q=路灯").content.decode()
    assert "路灯不亮" not in client.get("/hdjl/xx/szxx/?q=公积金").content.decode()


def test_monthly_figures_count_received_replied_on_time_days_and_satisfaction(mailbox):
    def written(day, **changes):
        return actions.write_letter(mailbox.box, {**WRITER, **changes},
                                    submitted_at=datetime(day.year, day.month, day.day, 9, tzinfo=SHANGHAI))

    quick = written(date(2026, 3, 2))
    actions.draft_reply(quick, mailbox.office, "答复")
    actions.approve_reply(quick, mailbox.office2, on=date(2026, 3, 6))  # 4 working days after
    actions.rate_reply(quick, "basically")
    late = written(date(2026, 3, 3), phone="13900000002", body="另一封来信的内容，关于公积金提取。")
    actions.draft_reply(late, mailbox.office, "答复")
    actions.approve_reply(late, mailbox.office2, on=date(2026, 4, 1))  # past 15 working days
    actions.rate_reply(late, "unsatisfied", "太慢")
    written(date(2026, 3, 20), phone="13900000003", body="第三封来信，还没有答复的内容。")
    months, total = monthly(mailbox.box, 2026)
    march, april = months[2], months[3]
    assert (march.received, march.replied, march.on_time, march.average_days) == (3, 1, 1, 4.0)
    assert march.satisfaction_rate == 100.0 and april.replied == 1 and april.on_time == 0
    assert april.satisfaction_rate == 0.0
    assert (total.received, total.replied, total.on_time, total.rated, total.satisfaction_rate) == (3, 2, 1, 2, 50.0)


def test_the_statistics_page_and_the_mailbox_list(client, mailbox):
    answered(mailbox)
    stats = client.get("/hdjl/xx/szxx/stats/").content.decode()
    assert "省长信箱来信统计" in stats and "按时答复" in stats and "满意率" in stats
    listing = client.get("/hdjl/xx/").content.decode()
    assert "省长信箱" in listing and "我要写信" in listing
    assert "领导信箱" in client.get("/hdjl/").content.decode()


def test_a_closed_mailbox_says_so_instead_of_a_form(client, mailbox):
    mailbox.box.is_active = False
    mailbox.box.save()
    response = client.get("/hdjl/xx/szxx/write/")
    assert response.status_code == 410 and "暂停受理来信" in response.content.decode()
    assert client.post("/hdjl/xx/szxx/write/", FORM).status_code == 410 and not Letter.objects.exists()


def test_the_writers_timeline_shows_each_step_on_the_day_it_took_effect(client, mailbox):
    letter = actions.write_letter(mailbox.box, dict(WRITER), submitted_at=datetime(2026, 3, 2, 9, tzinfo=SHANGHAI))
    actions.assign(letter, mailbox.office, mailbox.czt, "请答复", on=date(2026, 3, 4))
    text = client.post("/hdjl/xx/track/", {"number": letter.number, "code": letter.tracking_code}).content.decode()
    timeline = text[text.index('class="timeline"'):]
    assert timeline.index("2026年3月2日") < timeline.index("2026年3月4日") < timeline.index("交办湖南省财政厅办理")


def test_a_photo_can_be_attached_to_a_letter(client, mailbox):
    from zhengwu.files.tests.test_extract import _image_bytes

    photo = SimpleUploadedFile("路灯坏了.jpg", _image_bytes("JPEG"), "image/jpeg")
    response = client.post("/hdjl/xx/szxx/write/", {**FORM, "files": [photo]})
    assert response.status_code == 302
    assert LetterAttachment.objects.get().document.title.startswith("路灯坏了")
