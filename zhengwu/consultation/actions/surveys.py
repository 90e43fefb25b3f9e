"""征集调查: drafting and publishing a survey (four eyes, as every public record here), taking the public's
responses (one per mobile number), moderating open answers, and handing staff the respondents' numbers for an
export (administrators only, each number's viewing recorded)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from zhengwu.consultation.actions.common import (
    DRAFT_ROLES,
    VIEW_ROLES,
    ActionRefused,
    lock,
    now,
    require_role,
    today,
)
from zhengwu.consultation.display import chinese_date
from zhengwu.consultation.models import (
    Answer,
    CommentState,
    Option,
    Question,
    QuestionKind,
    Survey,
    SurveyEvent,
    SurveyResponse,
)
from zhengwu.consultation.models.surveys import MAX_TEXT_ANSWER_LENGTH
from zhengwu.orgs import duties
from zhengwu.privacy import hashing
from zhengwu.privacy.access import reveal
from zhengwu.privacy.masking import validate_mobile_phone
from zhengwu.publishing import actions as publishing

Kind = SurveyEvent.Kind
MAX_QUESTIONS = 50
MAX_OPTIONS = 20
# Who may take the respondents' full mobile numbers out in an export: the agency's administrators.
PHONE_EXPORT_ROLES = duties.roles("consultation.export_phones")
ALREADY_ANSWERED = "该手机号码已经参与过本次调查。每个手机号码只能提交一次，感谢您的参与。"


class AlreadyAnswered(ActionRefused):
    """The mobile number has answered this survey before."""


def record(survey, kind, actor=None, message="", *, answer=None, data=None):
    return SurveyEvent.record(survey, kind, actor, message, answer=answer, data=data)


def flow(survey) -> publishing.Flow:
    return publishing.Flow(
        what=f"征集调查《{survey.title}》", agency=survey.agency,
        log=lambda kind, actor, message: record(survey, kind, actor, message),
        kinds=(Kind.SAVED, Kind.SUBMITTED, Kind.PUBLISHED, Kind.RETURNED))


# -- drafting and publishing -------------------------------------------------------------------------------------

def _count(value):
    return None if value in (None, "") else int(value)


def check_question(spec):
    """One question as the editor gave it — a dict of kind, text, note, required, min_choices, max_choices and
    options (a list of texts) — cleaned; a mistake is refused with the reason."""
    kind, text = spec.get("kind"), (spec.get("text") or "").strip()
    options = [option.strip() for option in spec.get("options") or [] if option and option.strip()]
    low, high = _count(spec.get("min_choices")), _count(spec.get("max_choices"))
    if kind not in QuestionKind.values:
        raise ActionRefused("请选择题型（单选、多选或问答）。")
    if not text:
        raise ActionRefused("请填写题目。")
    if kind == QuestionKind.TEXT and options:
        raise ActionRefused("问答题不设选项，请删去选项或改为选择题。")
    if kind != QuestionKind.MULTIPLE and (low or high):
        raise ActionRefused("只有多选题可以规定最少、最多选几项。")
    if kind != QuestionKind.TEXT:
        if len(options) < 2:
            raise ActionRefused("选择题至少要有两个选项（每行一个）。")
        if len(options) > MAX_OPTIONS:
            raise ActionRefused(f"选项不能超过 {MAX_OPTIONS} 个。")
        if len(set(options)) != len(options):
            raise ActionRefused("有重复的选项，请合并或修改。")
        if any(len(option) > 200 for option in options):
            raise ActionRefused("每个选项不能超过 200 字。")
    if kind == QuestionKind.MULTIPLE:
        if low is not None and not 1 <= low <= len(options):
            raise ActionRefused(f"“最少选几项”应在 1 至 {len(options)} 之间。")
        if high is not None and not 1 <= high <= len(options):
            raise ActionRefused(f"“最多选几项”应在 1 至 {len(options)} 之间。")
        if low and high and low > high:
            raise ActionRefused("“最少选几项”不能大于“最多选几项”。")
    return {"kind": kind, "text": text, "note": (spec.get("note") or "").strip(), "required": bool(spec.get("required")),
            "min_choices": low, "max_choices": high, "options": options}


def check_questions(questions):
    """All the questions, in order, cleaned; a mistake is refused naming the question (第 N 题：…)."""
    if not questions:
        raise ActionRefused("调查至少要有一道题目。")
    if len(questions) > MAX_QUESTIONS:
        raise ActionRefused(f"一份调查最多 {MAX_QUESTIONS} 道题目。")
    cleaned = []
    for number, spec in enumerate(questions, start=1):
        try:
            cleaned.append(check_question(spec))
        except ActionRefused as refusal:
            raise ActionRefused(f"第 {number} 题：{refusal}") from None
    return cleaned


def _check_dates(survey):
    if survey.closes_on < survey.opens_on:
        raise ActionRefused("调查截止日期不能早于开始日期。")


@transaction.atomic
def save_survey(survey, *, actor, questions) -> Survey:
    """Create or edit a draft: its fields as set on `survey` (unsaved changes) and its questions, in order
    (see check_questions), which replace the draft's questions."""
    questions = check_questions(questions)
    _check_dates(survey)
    created = survey.pk is None
    publishing.prepare_edit(survey, actor, flow(survey))
    if not created and SurveyResponse.objects.filter(survey_id=survey.pk).exists():
        # A draft never has responses (publication is not undone); should one ever, what was answered stays.
        raise ActionRefused("该调查已有答卷，题目不能再修改。")
    survey.save()
    survey.questions.all().delete()
    for number, spec in enumerate(questions, start=1):
        question = Question.objects.create(
            survey=survey, number=number, kind=spec["kind"], text=spec["text"], note=spec["note"],
            required=spec["required"], min_choices=spec["min_choices"], max_choices=spec["max_choices"])
        Option.objects.bulk_create([Option(question=question, number=index, text=text)
                                    for index, text in enumerate(spec["options"], start=1)])
    record(survey, Kind.SAVED, actor, f"{'创建' if created else '修改'}草稿，共 {len(questions)} 道题目。")
    return survey


def _check_ready(survey):
    _check_dates(survey)
    if not survey.questions.exists():
        raise ActionRefused("调查还没有题目。")
    if survey.closes_on < today():
        raise ActionRefused(f"调查截止日期（{chinese_date(survey.closes_on)}）已过，请修改日期。")


@transaction.atomic
def submit_survey(survey, *, actor) -> Survey:
    survey = lock(survey)
    _check_ready(survey)
    publishing.submit(survey, actor, flow(survey))
    return survey


@transaction.atomic
def approve_survey(survey, *, actor) -> Survey:
    """Publish: the public answers it within the period; the figures follow the survey's setting."""
    survey = lock(survey)
    _check_ready(survey)
    publishing.approve(survey, actor, flow(survey))
    return survey


@transaction.atomic
def return_survey(survey, *, actor, note) -> Survey:
    survey = lock(survey)
    publishing.send_back(survey, actor, note, flow(survey))
    return survey


# -- responses ---------------------------------------------------------------------------------------------------

def survey_closed_message(survey, today=None):
    """Why no response is taken now, or "" while the survey is open."""
    if not survey.is_published:
        return "该调查尚未发布。"
    phase = survey.phase(today)
    if phase == "upcoming":
        return f"调查将于{chinese_date(survey.opens_on)}开始，届时欢迎参与。"
    if phase == "closed":
        return f"调查已于{chinese_date(survey.closes_on)}结束，不再接受答卷。感谢您的关注。"
    return ""


def empty_answer_message(question):
    if question.kind == QuestionKind.TEXT:
        return "请回答本题。"
    if question.kind == QuestionKind.SINGLE:
        return "请选择一项。"
    return f"请至少选择 {question.fewest} 项。" if question.fewest > 1 else "请至少选择一项。"


def answer_problem(question, option_ids, text):
    """Why this answer to `question` cannot be taken, or "" when it can. One set of rules (and Chinese
    messages) for the web form, the API and submit_response. `option_ids` are ints."""
    option_ids, text = list(option_ids or []), (text or "").strip()
    if question.kind == QuestionKind.TEXT:
        if option_ids:
            return "本题为问答题，请填写文字回答。"
        if not text:
            return empty_answer_message(question) if question.required else ""
        if len(text) > MAX_TEXT_ANSWER_LENGTH:
            return f"回答不能超过 {MAX_TEXT_ANSWER_LENGTH} 字（现有 {len(text)} 字）。"
        return ""
    if text:
        return "本题为选择题，请选择选项。"
    if not option_ids:
        return empty_answer_message(question) if question.required else ""
    if not set(option_ids) <= {option.pk for option in question.options.all()}:
        return "所选选项不属于本题，请重新选择。"
    if len(set(option_ids)) != len(option_ids):
        return "同一选项不能重复选择。"
    if question.kind == QuestionKind.SINGLE and len(option_ids) > 1:
        return "本题只能选择一项。"
    if question.kind == QuestionKind.MULTIPLE:
        if len(option_ids) < question.fewest:
            return f"本题至少选择 {question.fewest} 项，您选择了 {len(option_ids)} 项。"
        if question.max_choices and len(option_ids) > question.max_choices:
            return f"本题最多选择 {question.max_choices} 项，您选择了 {len(option_ids)} 项。"
    return ""


def clean_phone(phone):
    """The number as stored and indexed (full-width digits, spaces and hyphens tolerated), or ActionRefused."""
    phone = hashing.normalise(phone or "", hashing.PHONE)
    try:
        validate_mobile_phone(phone)
    except ValidationError as error:
        raise ActionRefused(error.messages[0]) from None
    return phone


@transaction.atomic
def submit_response(survey, *, phone, answers) -> SurveyResponse:
    """File one person's answers: `answers` maps a question's id to (option ids, text); a question left out is
    unanswered. Refused outside the period, on a broken rule (第 N 题：…), and — AlreadyAnswered — when this
    mobile number has answered before; the unique constraint on (survey, phone_index) refuses the second of
    two simultaneous submissions even when both passed the check."""
    survey = Survey.objects.select_related("agency").get(pk=survey.pk)
    refusal = survey_closed_message(survey)
    if refusal:
        raise ActionRefused(refusal)
    phone = clean_phone(phone)
    questions = list(survey.questions.prefetch_related("options"))
    if set(answers) - {question.pk for question in questions}:
        raise ActionRefused("所答题目不属于本调查，请刷新页面后重新填写。")
    for question in questions:
        option_ids, text = answers.get(question.pk, ((), ""))
        problem = answer_problem(question, option_ids, text)
        if problem:
            raise ActionRefused(f"第 {question.number} 题：{problem}")
    if SurveyResponse.objects.filter(survey=survey, phone_index__matches=phone).exists():
        raise AlreadyAnswered(ALREADY_ANSWERED)
    try:
        with transaction.atomic():  # a savepoint: the constraint's refusal leaves the outer transaction usable
            response = SurveyResponse.objects.create(survey=survey, phone=phone)
    except IntegrityError:
        raise AlreadyAnswered(ALREADY_ANSWERED) from None
    chosen = []
    for question in questions:
        option_ids, text = answers.get(question.pk, ((), ""))
        text = (text or "").strip()
        if question.kind == QuestionKind.TEXT and text:
            Answer.objects.create(response=response, question=question, text=text, state=CommentState.PENDING)
        elif question.kind != QuestionKind.TEXT and option_ids:
            answer = Answer.objects.create(response=response, question=question)
            chosen += [Answer.options.through(answer_id=answer.pk, option_id=pk) for pk in option_ids]
    Answer.options.through.objects.bulk_create(chosen)
    return response


# -- moderating open answers -------------------------------------------------------------------------------------

def _moderate(answer, actor, state, note, kind, message):
    answer = lock(answer)
    survey = answer.response.survey
    require_role(actor, survey.agency, DRAFT_ROLES, f"您没有审核{survey.agency.name}调查回答的权限。")
    if answer.question.kind != QuestionKind.TEXT:
        raise ActionRefused("只有问答题的回答需要审核。")
    if answer.state == state:
        raise ActionRefused(f"该回答已经是“{answer.get_state_display()}”。")
    answer.state, answer.moderated_by, answer.moderated_at, answer.moderation_note = state, actor, now(), note
    answer.save()
    record(survey, kind, actor, message, answer=answer)
    return answer


@transaction.atomic
def approve_answer(answer, *, actor) -> Answer:
    """Show the open answer to the public with the results (personal data in it masked)."""
    return _moderate(answer, actor, CommentState.APPROVED, "", Kind.ANSWER_APPROVED,
                     f"第 {answer.question.number} 题的回答（编号 {answer.pk}）审核通过，随统计结果公开。")


@transaction.atomic
def reject_answer(answer, *, actor, reason) -> Answer:
    """Keep the open answer from the public (abuse, advertising, personal matters); staff still read it."""
    reason = (reason or "").strip()
    if not reason:
        raise ActionRefused("请写明不予公开的理由。")
    return _moderate(answer, actor, CommentState.REJECTED, reason[:200], Kind.ANSWER_REJECTED,
                     f"第 {answer.question.number} 题的回答（编号 {answer.pk}）不予公开：{reason}")


# -- exports -----------------------------------------------------------------------------------------------------

@transaction.atomic
def record_export(survey, *, actor, count, with_phones=False, reason="", request=None):
    """Log an export of the responses; with the mobile numbers (administrators only, with a reason), return
    {response id: number}, each viewing written by privacy.access.reveal before the numbers leave."""
    phones = {}
    if with_phones:
        require_role(actor, survey.agency, PHONE_EXPORT_ROLES, "只有本单位或上级单位的单位管理员可以导出手机号码。")
        reason = (reason or "").strip()
        if not reason:
            raise ActionRefused("导出手机号码须写明事由。")
        for response in survey.responses.order_by("pk"):
            phones[response.pk] = reveal(actor, response, ["phone"], request=request, reason=reason)["phone"]
    else:
        require_role(actor, survey.agency, VIEW_ROLES)
    detail = f"，含手机号码，事由：{reason}" if with_phones else "（不含手机号码）"
    record(survey, Kind.EXPORTED, actor, f"导出答卷 {count} 份{detail}。", data={"with_phones": with_phones})
    return phones
