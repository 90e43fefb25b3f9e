"""The four-eyes publication of a record (publishing.models.Publishable): a draft is
edited and submitted by staff holding DRAFT_ROLES, approved (published) or sent back by an administrator
(APPROVE_ROLES) who neither drafted nor submitted it. Each step writes its timeline event and tells the
people concerned; the callers hold the transaction and the row lock."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from zhengwu.cases.errors import ActionForbidden, ActionRefused
from zhengwu.notifications.actions import notify_many
from zhengwu.orgs import duties
from zhengwu.orgs.models import Agency, StaffRole, holds
from zhengwu.publishing.models import Publication

DRAFT_ROLES = duties.roles("consultation.draft")
APPROVE_ROLES = duties.roles("consultation.approve")


def now():
    return timezone.now()


def require_role(user, agency, roles=DRAFT_ROLES, message=None):
    if user is None or not holds(user, agency, roles):
        raise ActionForbidden(message or f"您没有管理{agency.name}决策公开事务的权限。")


def approvers_of(agency, exclude=()):
    """Users who may approve for `agency`: administrators of it or of any agency above it."""
    paths = [agency.path[:end] for end in range(Agency.steplen, len(agency.path) + 1, Agency.steplen)]
    users = StaffRole.objects.filter(role__in=APPROVE_ROLES, agency__path__in=paths).values("user")
    excluded = [user.pk for user in exclude if user is not None]
    return get_user_model().objects.filter(pk__in=users, is_active=True).exclude(pk__in=excluded).order_by("pk")


def tell_staff(users, subject, body, about):
    """In-site messages to staff (written now, visible once the transaction commits)."""
    users = [user for user in dict.fromkeys(users) if user is not None]
    if users:
        notify_many("site", to_users=users, subject=subject, body=body, about=about)


@dataclass(frozen=True)
class Flow:
    """What is being published, for whom, and how its steps are logged."""

    what: str  # for messages: 征求意见稿《…》
    agency: object
    log: Callable  # log(kind, actor, message) writes the timeline event
    kinds: tuple  # the event kinds of (saved, submitted, published, returned)


def prepare_edit(record, actor, flow):
    """Before a draft is saved: the editor holds a drafting role and the stored record is still a draft
    (checked under a row lock). The caller saves the record and logs kinds[0]."""
    require_role(actor, flow.agency, DRAFT_ROLES)
    if record.pk:
        stored = type(record).objects.select_for_update(of=("self",)).get(pk=record.pk)
        if stored.publication != Publication.DRAFT:
            hint = "如需修改，请审核人先退回。" if stored.publication == Publication.SUBMITTED else ""
            raise ActionRefused(f"{flow.what}当前为“{stored.get_publication_display()}”，不能再修改。{hint}")
        if getattr(stored, "agency_id", None) not in (None, getattr(record, "agency_id", None)):
            require_role(actor, stored.agency, DRAFT_ROLES)  # moving it away from an agency is changing it too
    record.publication = Publication.DRAFT
    record.drafted_by = actor


def submit(record, actor, flow):
    require_role(actor, flow.agency, DRAFT_ROLES)
    if record.publication != Publication.DRAFT:
        raise ActionRefused(f"{flow.what}当前为“{record.get_publication_display()}”，不能提交审核。")
    record.publication, record.submitted_by, record.submitted_at = Publication.SUBMITTED, actor, now()
    record.save()
    flow.log(flow.kinds[1], actor, "提交审核。")
    tell_staff(approvers_of(flow.agency, exclude=[actor]), f"待审核：{flow.what}",
               f"{_name(actor)}提交了{flow.what}，请审核后发布或退回修改。", record)


def approve(record, actor, flow):
    require_role(actor, flow.agency, APPROVE_ROLES, "只有本单位或上级单位的单位管理员可以审核发布。")
    if record.publication != Publication.SUBMITTED:
        raise ActionRefused(f"{flow.what}当前为“{record.get_publication_display()}”，不在待审核状态。")
    if actor.pk in (record.drafted_by_id, record.submitted_by_id):
        raise ActionForbidden("起草或提交人不能审核发布自己经手的内容，须由另一位审核人审核。")
    record.publication, record.approved_by, record.published_at = Publication.PUBLISHED, actor, now()
    record.return_note = ""
    record.save()
    flow.log(flow.kinds[2], actor, "审核通过，已向社会公布。")
    tell_staff([record.drafted_by, record.submitted_by], f"已发布：{flow.what}",
               f"{flow.what}已由{_name(actor)}审核发布。", record)


def send_back(record, actor, note, flow):
    require_role(actor, flow.agency, APPROVE_ROLES, "只有本单位或上级单位的单位管理员可以退回修改。")
    if record.publication != Publication.SUBMITTED:
        raise ActionRefused(f"{flow.what}当前为“{record.get_publication_display()}”，不在待审核状态。")
    note = (note or "").strip()
    if not note:
        raise ActionRefused("退回修改须写明意见。")
    record.publication, record.return_note = Publication.DRAFT, note
    record.save()
    flow.log(flow.kinds[3], actor, f"退回修改：{note}")
    tell_staff([record.drafted_by, record.submitted_by], f"退回修改：{flow.what}",
               f"{_name(actor)}退回了{flow.what}。意见：{note}", record)


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else "系统"
