"""Every state change of an online interview (在线访谈): one function each, one transaction with its timeline event.
The public pages, the admin (the interview's page and the 直播控制台) and the API call these and nothing else.

Who: the agency's 信息发布员, 单位管理员 and 系统管理员 (consultation's DRAFT_ROLES, through the one scope query)
draft, moderate and host; only 单位管理员/系统管理员 who neither drafted nor submitted approve the announcement and
the transcript (consultation.actions.publishing, the one four-eyes implementation).

The live record. A line becomes public when a host posts it; viewers poll for ids above the last one they have.
Under PostgreSQL a sequence hands out ids before commit, so two lines posted at once could commit out of id order
and a poller would skip the earlier one; every post therefore first locks the interview's row, which makes the
lines of one interview commit in id order (SQLite serialises writers anyway)."""


from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection

from zhengwu.cases.locking import lock
from zhengwu.interaction.actions.common import ActionForbidden, ActionRefused
from zhengwu.interaction.models import (
    Guest,
    Interview,
    InterviewEvent,
    InterviewMessage,
    InterviewStatus,
    MessageKind,
    Question,
    QuestionPhase,
    QuestionState,
    Transcript,
)
from zhengwu.notifications.actions import tell_public
from zhengwu.orgs import duties
from zhengwu.orgs.models import holds
from zhengwu.publishing import actions as publishing
from zhengwu.publishing.actions import APPROVE_ROLES, DRAFT_ROLES

Kind = InterviewEvent.Kind
MAX_QUESTION_LENGTH = 500
MAX_MESSAGE_LENGTH = 5000
# Who may read the admin pages as well as act: supervisors (监察员), read only.
VIEW_ROLES = duties.roles("consultation.view")


def record(interview, kind, actor=None, message="", *, question=None, data=None):
    return InterviewEvent.record(interview, kind, actor, message, question=question, data=data)


def require_host(user, interview, doing="主持"):
    """Staff of the interview's agency (or above) holding a drafting role."""
    if user is None or not holds(user, interview.agency_id, DRAFT_ROLES):
        raise ActionForbidden(f"您没有{doing}{interview.agency.name}在线访谈的权限。")


def local(moment):
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def flow(interview) -> publishing.Flow:
    return publishing.Flow(
        what=f"在线访谈预告“{interview.title}”", agency=interview.agency,
        log=lambda kind, actor, message: record(interview, kind, actor, message),
        kinds=(Kind.SAVED, Kind.SUBMITTED, Kind.PUBLISHED, Kind.RETURNED))


def transcript_flow(transcript) -> publishing.Flow:
    interview = transcript.interview
    return publishing.Flow(
        what=f"“{interview.title}”文字实录", agency=interview.agency,
        log=lambda kind, actor, message: record(interview, kind, actor, message),
        kinds=(Kind.TRANSCRIPT_SAVED, Kind.TRANSCRIPT_SUBMITTED, Kind.TRANSCRIPT_PUBLISHED, Kind.TRANSCRIPT_RETURNED))


# -- the announcement (预告) ------------------------------------------------------------------------------------

def _check_schedule(interview, guests):
    if interview.starts_at and interview.ends_at and interview.ends_at <= interview.starts_at:
        raise ActionRefused("计划结束时间应晚于开始时间。")
    if not guests:
        raise ActionRefused("请至少填写一位访谈嘉宾（姓名和职务）。")


@transaction.atomic
def save_interview(interview, *, actor, guests) -> Interview:
    """Store a draft with its guests: `guests` is a list of {"name", "post", "photo"} in speaking order."""
    guests = [g for g in guests if (g.get("name") or "").strip()]
    _check_schedule(interview, guests)
    require_host(actor, interview, "编辑")
    created = interview.pk is None
    publishing.prepare_edit(interview, actor, flow(interview))
    interview.save()
    interview.guests.all().delete()  # only a draft is edited, and a draft has no live record yet
    Guest.objects.bulk_create([Guest(interview=interview, name=g["name"].strip(), post=(g.get("post") or "").strip(),
                                     photo=g.get("photo"), order=index) for index, g in enumerate(guests)])
    record(interview, Kind.SAVED, actor, "创建草稿。" if created else "修改草稿。")
    return interview


@transaction.atomic
def submit_interview(interview, *, actor) -> Interview:
    interview = lock(interview)
    _check_schedule(interview, list(interview.guests.all()))
    publishing.submit(interview, actor, flow(interview))
    return interview


@transaction.atomic
def approve_interview(interview, *, actor) -> Interview:
    interview = lock(interview)
    if interview.ends_at <= timezone.now():
        raise ActionRefused(f"计划结束时间（{local(interview.ends_at)}）已过，请退回修改时间后再发布。")
    publishing.approve(interview, actor, flow(interview))
    return interview


@transaction.atomic
def return_interview(interview, *, actor, note) -> Interview:
    interview = lock(interview)
    publishing.send_back(interview, actor, note, flow(interview))
    return interview


# -- questions from the public ----------------------------------------------------------------------------------

def closed_message(interview):
    """Why no question is taken now, or "" while they are."""
    if not interview.is_published:
        return "该访谈尚未发布。"
    if interview.status == InterviewStatus.ENDED:
        return "访谈已结束，不再接受提问。感谢您的关注。"
    return ""


@transaction.atomic
def submit_question(interview, *, nickname="", text, contact="") -> Question:
    """File one question (待审核, seen by no one but the moderators): before the interview or during it."""
    interview = Interview.objects.select_related("agency").get(pk=interview.pk)
    refusal = closed_message(interview)
    if refusal:
        raise ActionRefused(refusal)
    text = (text or "").strip()
    if not text:
        raise ActionRefused("请填写问题内容。")
    if len(text) > MAX_QUESTION_LENGTH:
        raise ActionRefused(f"问题不能超过 {MAX_QUESTION_LENGTH} 字。")
    phase = QuestionPhase.LIVE if interview.is_live else QuestionPhase.BEFORE
    question = Question.objects.create(interview=interview, phase=phase, nickname=(nickname or "").strip()[:30],
                                       text=text, contact=(contact or "").strip())
    record(interview, Kind.QUESTION_RECEIVED, None, f"收到{question.get_phase_display()}（编号 {question.pk}）。",
           question=question)
    return question


def _moderate(question, actor, state, note=""):
    question = lock(question)
    interview = Interview.objects.select_related("agency").get(pk=question.interview_id)
    require_host(actor, interview, "审核")
    if question.state == state:
        raise ActionRefused(f"该提问已经是“{question.get_state_display()}”。")
    if question.put_to_guests:
        raise ActionRefused("该提问已在访谈中向嘉宾提出，审核结果不能再改变。")
    question.state, question.moderated_by, question.moderated_at = state, actor, timezone.now()
    question.moderation_note = note
    question.save()
    return question, interview


@transaction.atomic
def select_question(question, *, actor) -> Question:
    """采用: the question is shown with the interview (nickname or 网友, personal data masked) and may be put to
    the guests; its writer, when they left a mobile number or e-mail address, is told."""
    question, interview = _moderate(question, actor, QuestionState.SELECTED)
    record(interview, Kind.QUESTION_SELECTED, actor, f"采用提问（编号 {question.pk}）。", question=question)
    tell_public(question.contact, "提问已被采用",
                f"【{interview.agency.name}】您在“{interview.title}”在线访谈中的提问已被采用，请留意访谈页面。", question)
    return question


@transaction.atomic
def reject_question(question, *, actor, reason) -> Question:
    """不予采用 (repeated, off the subject, abuse, advertising): kept from the public, still counted."""
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused("请写明不予采用的理由。")
    question, interview = _moderate(question, actor, QuestionState.REJECTED, reason[:200])
    record(interview, Kind.QUESTION_REJECTED, actor, f"提问（编号 {question.pk}）不予采用：{reason}", question=question)
    return question


# -- the live session -----------------------------------------------------------------------------------------

@transaction.atomic
def go_live(interview, *, actor) -> Interview:
    interview = lock(interview)
    require_host(actor, interview, "主持")
    if not interview.is_published:
        raise ActionRefused("访谈预告审核发布后才能开始直播。")
    if interview.status != InterviewStatus.ANNOUNCED:
        raise ActionRefused(f"访谈当前为“{interview.get_status_display()}”，不能开始直播。")
    interview.status, interview.went_live_at = InterviewStatus.LIVE, timezone.now()
    interview.save(update_fields=["status", "went_live_at", "updated_at"])
    record(interview, Kind.WENT_LIVE, actor, "访谈开始，直播中。")
    return interview


@transaction.atomic
def end_interview(interview, *, actor) -> Interview:
    interview = lock(interview)
    require_host(actor, interview, "主持")
    if interview.status != InterviewStatus.LIVE:
        raise ActionRefused(f"访谈当前为“{interview.get_status_display()}”，不在直播中。")
    interview.status, interview.ended_at = InterviewStatus.ENDED, timezone.now()
    interview.save(update_fields=["status", "ended_at", "updated_at"])
    record(interview, Kind.ENDED, actor, f"访谈结束，共发布 {interview.messages.count()} 条内容。")
    return interview


def _live_interview(interview, actor):
    """The interview under its row lock (see the module's note on id order), live, hosted by `actor`."""
    interview = lock(interview)
    require_host(actor, interview, "主持")
    if interview.status != InterviewStatus.LIVE:
        raise ActionRefused(f"访谈当前为“{interview.get_status_display()}”，只有直播中才能发布内容。")
    return interview


def store_picture(upload, *, actor, title):
    """A picture for the live record, stored as a Wagtail image (the upload already checked by the form's
    WagtailImageField: format, size, dimensions). Public from the moment its line is posted."""
    image = get_image_model()(title=title[:255] or "访谈图片", file=upload, uploaded_by_user=actor,
                              collection=Collection.get_first_root_node())
    image.save()
    return image


@transaction.atomic
def put_question(question, *, actor) -> InterviewMessage:
    """Put a question to the guests: it is selected (采用) if still pending, and appears to every viewer."""
    interview = _live_interview(Interview.objects.select_related("agency").get(pk=question.interview_id), actor)
    question = lock(question)
    if question.state == QuestionState.REJECTED:
        raise ActionRefused("该提问已不予采用，不能向嘉宾提出。")
    if question.put_to_guests:
        raise ActionRefused("该提问已经向嘉宾提出。")
    if question.state == QuestionState.PENDING:
        question.state, question.moderated_by, question.moderated_at = QuestionState.SELECTED, actor, timezone.now()
        question.save(update_fields=["state", "moderated_by", "moderated_at"])
        record(interview, Kind.QUESTION_SELECTED, actor, f"采用提问（编号 {question.pk}）并向嘉宾提出。",
               question=question)
    return InterviewMessage.objects.create(interview=interview, kind=MessageKind.QUESTION, question=question,
                                           text=question.text, posted_by=actor)


def _post(interview, actor, kind, text, *, guest=None, question=None, image=None, image_caption=""):
    interview = _live_interview(interview, actor)
    text = (text or "").strip()
    if not text and image is None:
        raise ActionRefused("请填写内容或选择一张图片。")
    if len(text) > MAX_MESSAGE_LENGTH:
        raise ActionRefused(f"每条内容不能超过 {MAX_MESSAGE_LENGTH} 字，请分条发布。")
    if question is not None and question.interview_id != interview.pk:
        raise ActionRefused("所选问题不属于本场访谈。")
    return InterviewMessage.objects.create(interview=interview, kind=kind, guest=guest, question=question, text=text,
                                           image=image, image_caption=(image_caption or "").strip()[:200],
                                           posted_by=actor)


@transaction.atomic
def post_answer(interview, *, actor, guest, text, question=None, image=None, image_caption="") -> InterviewMessage:
    """A guest's answer (typed by the host), optionally to one question put earlier, optionally with a picture."""
    if guest is None or guest.interview_id != interview.pk:
        raise ActionRefused("请选择本场访谈的嘉宾。")
    return _post(interview, actor, MessageKind.ANSWER, text, guest=guest, question=question, image=image,
                 image_caption=image_caption)


@transaction.atomic
def post_remark(interview, *, actor, text, image=None, image_caption="") -> InterviewMessage:
    """The host's own words (opening, introductions, closing), or a picture with its caption."""
    return _post(interview, actor, MessageKind.HOST, text, image=image, image_caption=image_caption)


# -- the transcript (文字实录) ------------------------------------------------------------------------------------

@transaction.atomic
def save_transcript(interview, *, actor, summary) -> Transcript:
    interview = lock(interview)
    require_host(actor, interview, "编写")
    if interview.status != InterviewStatus.ENDED:
        raise ActionRefused("访谈结束后才能编写文字实录。")
    summary = (summary or "").strip()
    if not summary:
        raise ActionRefused("请填写访谈综述。")
    transcript = Transcript.objects.filter(interview=interview).first() or Transcript(interview=interview)
    publishing.prepare_edit(transcript, actor, transcript_flow(transcript))
    transcript.summary = summary
    transcript.save()
    record(interview, Kind.TRANSCRIPT_SAVED, actor, "编写文字实录。")
    return transcript


@transaction.atomic
def submit_transcript(transcript, *, actor) -> Transcript:
    transcript = lock(transcript)
    publishing.submit(transcript, actor, transcript_flow(transcript))
    return transcript


@transaction.atomic
def approve_transcript(transcript, *, actor) -> Transcript:
    transcript = lock(transcript)
    publishing.approve(transcript, actor, transcript_flow(transcript))
    return transcript


@transaction.atomic
def return_transcript(transcript, *, actor, note) -> Transcript:
    transcript = lock(transcript)
    publishing.send_back(transcript, actor, note, transcript_flow(transcript))
    return transcript


__all__ = ["APPROVE_ROLES", "DRAFT_ROLES", "VIEW_ROLES", "ActionForbidden", "ActionRefused", "approve_interview",
           "approve_transcript", "closed_message", "end_interview", "go_live", "post_answer", "post_remark",
           "put_question", "reject_question", "return_interview", "return_transcript", "save_interview",
           "save_transcript", "select_question", "store_picture", "submit_interview", "submit_question",
           "submit_transcript"]
