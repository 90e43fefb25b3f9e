"""Online interviews through their actions: four-eyes publishing of the announcement and the transcript, the
question queue, the live session, and who may do what (the scope query). The fixtures here serve the other
test_interview*.py modules too."""

import datetime
import io

import pytest
from django.utils import timezone

from zhengwu.interaction.actions import interviews as actions
from zhengwu.interaction.actions.interviews import ActionForbidden, ActionRefused
from zhengwu.interaction.models import (
    Interview,
    InterviewEvent,
    InterviewMessage,
    InterviewStatus,
    MessageKind,
    QuestionPhase,
    QuestionState,
)
from zhengwu.orgs.models import Role

GUESTS = [{"name": "张明", "post": "湖南省财政厅副厅长"}, {"name": "李华", "post": "湖南省财政厅预算处处长"}]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Pictures (Wagtail images and renditions) go to a temporary folder, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def studio(hunan):
    """tree.editor drafts and hosts for 财政厅, tree.chief approves there; tree.outsider publishes for 自然资源厅,
    tree.outsider_admin administers it; tree.inspector supervises the province."""
    tree = hunan
    tree.editor = tree.user("czt_editor", tree.czt, Role.PUBLISHER, first_name="财政厅信息发布员", is_staff=True)
    tree.chief = tree.user("czt_admin", tree.czt, Role.AGENCY_ADMIN, first_name="财政厅单位管理员", is_staff=True)
    tree.outsider = tree.user("zrzyt_editor", tree.zrzyt, Role.PUBLISHER, is_staff=True)
    tree.outsider_admin = tree.user("zrzyt_admin", tree.zrzyt, Role.AGENCY_ADMIN, is_staff=True)
    tree.inspector = tree.user("inspector", tree.province, Role.INSPECTOR, is_staff=True)
    return tree


def draft_interview(tree, *, agency=None, starts_in=datetime.timedelta(days=2), title="惠企资金直达快享政策解读"):
    starts_at = timezone.now() + starts_in
    interview = Interview(agency=agency or tree.czt, title=title, summary="介绍惠企资金直达快享的办理方式。",
                          host="主持人 李文", starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=90))
    return actions.save_interview(interview, actor=tree.editor, guests=GUESTS)


def published_interview(tree, **kwargs):
    interview = draft_interview(tree, **kwargs)
    actions.submit_interview(interview, actor=tree.editor)
    return actions.approve_interview(interview, actor=tree.chief)


def live_interview(tree, **kwargs):
    return actions.go_live(published_interview(tree, **kwargs), actor=tree.editor)


def ask(interview, text="惠企资金多久能到账？", nickname="星沙小王", contact=""):
    return actions.submit_question(interview, nickname=nickname, text=text, contact=contact)


def png_bytes(color=(30, 90, 160)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), color).save(buffer, "PNG")
    return buffer.getvalue()


# -- four eyes -------------------------------------------------------------------------------------------------

def test_announcement_needs_a_second_person_to_approve(studio):
    interview = draft_interview(studio)
    assert interview.publication == "draft" and interview.guests.count() == 2
    actions.submit_interview(interview, actor=studio.editor)
    with pytest.raises(ActionForbidden, match="单位管理员"):
        actions.approve_interview(interview, actor=studio.editor)  # a publisher never approves
    with pytest.raises(ActionRefused, match="须写明意见"):
        actions.return_interview(interview, actor=studio.chief, note=" ")
    actions.return_interview(interview, actor=studio.chief, note="请补充嘉宾职务全称。")
    interview.refresh_from_db()
    assert interview.publication == "draft" and interview.return_note == "请补充嘉宾职务全称。"
    actions.submit_interview(interview, actor=studio.chief)  # the administrator submits it himself …
    with pytest.raises(ActionForbidden, match="不能审核发布自己经手"):
        actions.approve_interview(interview, actor=studio.chief)  # … so he cannot approve it too
    deputy = studio.user("czt_admin2", studio.czt, Role.AGENCY_ADMIN)
    actions.approve_interview(interview, actor=deputy)
    interview.refresh_from_db()
    assert interview.is_published and interview.approved_by == deputy
    with pytest.raises(ActionRefused, match="不能再修改"):
        actions.save_interview(interview, actor=studio.editor, guests=GUESTS)
    kinds = list(interview.events.values_list("kind", flat=True))
    assert kinds[:4] == ["saved", "submitted", "returned", "submitted"] and kinds[-1] == "published"


def test_schedule_and_guests_are_checked(studio):
    starts_at = timezone.now() + datetime.timedelta(days=1)
    interview = Interview(agency=studio.czt, title="测试", summary="简介", host="李文", starts_at=starts_at,
                          ends_at=starts_at - datetime.timedelta(hours=1))
    with pytest.raises(ActionRefused, match="结束时间应晚于开始时间"):
        actions.save_interview(interview, actor=studio.editor, guests=GUESTS)
    interview.ends_at = starts_at + datetime.timedelta(hours=1)
    with pytest.raises(ActionRefused, match="至少填写一位访谈嘉宾"):
        actions.save_interview(interview, actor=studio.editor, guests=[{"name": " ", "post": ""}])
    with pytest.raises(ActionForbidden, match="没有编辑"):
        actions.save_interview(interview, actor=studio.outsider, guests=GUESTS)
    assert not Interview.objects.exists()


def test_an_announcement_whose_time_has_passed_is_not_approved(studio):
    interview = draft_interview(studio, starts_in=-datetime.timedelta(hours=3))
    actions.submit_interview(interview, actor=studio.editor)
    with pytest.raises(ActionRefused, match="已过"):
        actions.approve_interview(interview, actor=studio.chief)


# -- questions -------------------------------------------------------------------------------------------------

def test_questions_wait_for_moderation(studio):
    interview = published_interview(studio)
    question = ask(interview, contact="13812345678")
    assert question.state == QuestionState.PENDING and question.phase == QuestionPhase.BEFORE
    with pytest.raises(ActionRefused, match="不予采用的理由"):
        actions.reject_question(question, actor=studio.editor, reason="")
    actions.select_question(question, actor=studio.editor)
    question.refresh_from_db()
    assert question.state == QuestionState.SELECTED and question.moderated_by == studio.editor
    with pytest.raises(ActionRefused, match="已经是"):
        actions.select_question(question, actor=studio.editor)
    assert InterviewEvent.objects.filter(question=question).count() == 2  # received, selected


def test_no_questions_before_publication_or_after_the_end(studio):
    draft = draft_interview(studio)
    with pytest.raises(ActionRefused, match="尚未发布"):
        ask(draft)
    interview = live_interview(studio)
    assert ask(interview).phase == QuestionPhase.LIVE
    actions.end_interview(interview, actor=studio.editor)
    with pytest.raises(ActionRefused, match="访谈已结束"):
        ask(interview)


def test_only_hosts_of_the_agency_moderate_and_host(studio):
    interview = published_interview(studio)
    question = ask(interview)
    for outsider in (studio.outsider, studio.outsider_admin, studio.inspector):
        with pytest.raises(ActionForbidden):
            actions.select_question(question, actor=outsider)
        with pytest.raises(ActionForbidden):
            actions.go_live(interview, actor=outsider)
    actions.go_live(interview, actor=studio.editor)
    guest = interview.guests.first()
    for outsider in (studio.outsider, studio.inspector):
        with pytest.raises(ActionForbidden, match="主持"):
            actions.put_question(question, actor=outsider)
        with pytest.raises(ActionForbidden):
            actions.post_answer(interview, actor=outsider, guest=guest, text="答复")
        with pytest.raises(ActionForbidden):
            actions.end_interview(interview, actor=outsider)
    assert not InterviewMessage.objects.exists()
    # the province's administrator reaches every agency below it
    provincial = studio.user("hunan_admin", studio.province, Role.AGENCY_ADMIN)
    actions.put_question(question, actor=provincial)
    assert InterviewMessage.objects.count() == 1


# -- the live session -------------------------------------------------------------------------------------------

def test_live_session_from_start_to_end(studio):
    interview = published_interview(studio)
    before = ask(interview, "预先提的问题")
    actions.select_question(before, actor=studio.editor)
    with pytest.raises(ActionRefused, match="只有直播中"):
        actions.post_remark(interview, actor=studio.editor, text="大家好")
    actions.go_live(interview, actor=studio.editor)
    with pytest.raises(ActionRefused, match="不能开始直播"):
        actions.go_live(interview, actor=studio.editor)
    opening = actions.post_remark(interview, actor=studio.editor, text="各位网友大家好！")
    put = actions.put_question(before, actor=studio.editor)
    with pytest.raises(ActionRefused, match="已经向嘉宾提出"):
        actions.put_question(before, actor=studio.editor)
    with pytest.raises(ActionRefused, match="审核结果不能再改变"):
        actions.reject_question(before, actor=studio.editor, reason="重复")
    live = ask(interview, "直播中提的问题")
    put_live = actions.put_question(live, actor=studio.editor)  # pending: selected and put in one step
    live.refresh_from_db()
    assert live.state == QuestionState.SELECTED
    guest = interview.guests.last()
    answer = actions.post_answer(interview, actor=studio.editor, guest=guest, text="一般在5个工作日内到账。",
                                 question=live)
    other = published_interview(studio, title="另一场访谈")
    with pytest.raises(ActionRefused, match="本场访谈的嘉宾"):
        actions.post_answer(interview, actor=studio.editor, guest=other.guests.first(), text="答复")
    with pytest.raises(ActionRefused, match="内容或选择一张图片"):
        actions.post_remark(interview, actor=studio.editor, text="  ")
    assert [m.pk for m in interview.messages.order_by("pk")] == [opening.pk, put.pk, put_live.pk, answer.pk]
    assert [m.kind for m in interview.messages.order_by("pk")] == ["host", "question", "question", "answer"]
    assert answer.speaker == "湖南省财政厅预算处处长 李华" and put_live.speaker == "网友“星沙小王”"
    assert opening.speaker == "主持人 李文"
    nameless = actions.put_question(ask(interview, "没有网名的提问", nickname=""), actor=studio.editor)
    assert nameless.speaker == "网友"
    actions.end_interview(interview, actor=studio.editor)
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.ENDED and interview.ended_at
    with pytest.raises(ActionRefused, match="只有直播中"):
        actions.post_remark(interview, actor=studio.editor, text="补充")


def test_a_picture_goes_into_the_live_record(studio):
    from django.core.files.uploadedfile import SimpleUploadedFile

    interview = live_interview(studio)
    image = actions.store_picture(SimpleUploadedFile("现场.png", png_bytes(), content_type="image/png"),
                                  actor=studio.editor, title="访谈现场")
    line = actions.post_remark(interview, actor=studio.editor, text="", image=image, image_caption="访谈现场")
    assert line.kind == MessageKind.HOST and line.image.width == 120 and line.image_caption == "访谈现场"


# -- the transcript ---------------------------------------------------------------------------------------------

def test_transcript_after_the_end_with_four_eyes(studio):
    interview = live_interview(studio)
    with pytest.raises(ActionRefused, match="结束后才能编写"):
        actions.save_transcript(interview, actor=studio.editor, summary="综述")
    actions.post_remark(interview, actor=studio.editor, text="欢迎")
    actions.end_interview(interview, actor=studio.editor)
    with pytest.raises(ActionForbidden):
        actions.save_transcript(interview, actor=studio.outsider, summary="综述")
    transcript = actions.save_transcript(interview, actor=studio.editor, summary="访谈介绍了惠企资金直达的办理方式。")
    actions.submit_transcript(transcript, actor=studio.editor)
    with pytest.raises(ActionForbidden):
        actions.approve_transcript(transcript, actor=studio.outsider_admin)  # another agency's administrator
    actions.approve_transcript(transcript, actor=studio.chief)
    interview.refresh_from_db()
    assert interview.published_transcript == transcript.__class__.objects.get(pk=transcript.pk)
    with pytest.raises(ActionRefused, match="不能再修改"):
        actions.save_transcript(interview, actor=studio.editor, summary="改")
