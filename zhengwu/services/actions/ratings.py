"""好差评: a rating per completed case (一事一评) or per visit (一次一评); every 差评 opens a rectification
on its own clock, whose outcome the rater sees."""

from django.db import transaction
from django.utils import timezone

from zhengwu.notifications.actions import notify_many
from zhengwu.orgs.models import StaffRole, holds
from zhengwu.services.actions.common import SERVICE_ROLES, ActionForbidden, ActionRefused
from zhengwu.services.models import (
    BAD_LEVELS,
    CaseState,
    Rating,
    RatingChannel,
    RatingLevel,
    RatingPolicy,
    Rectification,
)
from zhengwu.timelimits.actions import start_clock, stop_clock

RATABLE_STATES = (CaseState.COMPLETED, CaseState.REFUSED)


@transaction.atomic
def rate(*, level: int, case=None, matter=None, channel=RatingChannel.ONLINE, dimensions=None, comment="",
         real_name=True) -> Rating:
    """Record one rating. A case is rated once, after it is completed or refused."""
    if level not in RatingLevel.values:
        raise ActionRefused("请选择评价等级。")
    if case is not None:
        if case.state not in RATABLE_STATES:
            raise ActionRefused("办件办结后才能评价。")
        if Rating.objects.filter(case=case).exists():
            raise ActionRefused("该办件已评价，每件只能评价一次。")
        matter = case.matter
    if matter is None:
        raise ActionRefused("请选择评价的事项。")
    comment = comment.strip()
    if level in BAD_LEVELS and not comment:
        raise ActionRefused("差评请说明不满意的原因，以便整改。")
    rating = Rating.objects.create(case=case, matter=matter, agency=case.agency if case else matter.agency,
                                   channel=channel, level=level, dimensions=dimensions or {}, comment=comment,
                                   real_name=real_name, rated_on=timezone.localdate())
    if rating.is_bad:
        _open_rectification(rating)
    return rating


def _open_rectification(rating):
    workdays = RatingPolicy.load().rectification_workdays
    rectification = Rectification(rating=rating, agency=rating.agency)
    rectification.clock = start_clock(f"差评整改 {rating.matter.name}", rating.rated_on, workdays,
                                      reason=f"差评整改时限 {workdays} 个工作日（好差评设置）")
    rectification.save()
    rectification.clock.owner = rectification
    rectification.clock.save(update_fields=["owner_type", "owner_id"])
    staff = StaffRole.objects.filter(agency=rating.agency, role__in=SERVICE_ROLES).select_related("user")
    notify_many("site", to_users={grant.user for grant in staff}, subject="收到差评，请按期整改",
                body=f"“{rating.matter.name}”收到{rating.get_level_display()}：{rating.comment[:100]}\n"
                     f"请于 {rectification.clock.due_on:%Y-%m-%d} 前核实整改并回访。")
    return rectification


@transaction.atomic
def close_rectification(rectification, user, *, outcome: str, outcome_text: str, callback_note: str):
    """Close a 差评 rectification: the outcome (told to the rater) and the follow-up call (回访)."""
    if not holds(user, rectification.agency_id, SERVICE_ROLES):
        raise ActionForbidden("您没有办理该部门差评整改的权限。")
    rectification = Rectification.objects.select_for_update().select_related("clock").get(pk=rectification.pk)
    if rectification.state != Rectification.State.OPEN:
        raise ActionRefused("该差评整改已办结。")
    if outcome not in Rectification.Outcome.values:
        raise ActionRefused("请选择整改结果。")
    if not outcome_text.strip():
        raise ActionRefused("请填写整改情况，它将向评价人公开。")
    if not callback_note.strip() and rectification.rating.real_name:
        raise ActionRefused("实名差评须回访（实名差评回访整改率100%），请填写回访记录。")
    today = timezone.localdate()
    stop_clock(rectification.clock, max(today, rectification.clock.started_on), reason="整改办结", actor=user)
    rectification.state, rectification.outcome = Rectification.State.CLOSED, outcome
    rectification.outcome_text, rectification.callback_note = outcome_text.strip(), callback_note.strip()
    rectification.handled_by, rectification.closed_on = user, today
    rectification.save()
    return rectification
