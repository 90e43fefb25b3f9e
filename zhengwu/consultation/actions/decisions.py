"""The major-decision catalog (重大行政决策事项目录): items drafted and approved like everything public here;
the progress of each statutory stage recorded afterwards, each change in the item's timeline."""

from django.db import transaction

from zhengwu.consultation.actions.common import DRAFT_ROLES, ActionRefused, lock, require_role, today
from zhengwu.consultation.display import chinese_date
from zhengwu.consultation.models import DecisionEvent, DecisionItem, DecisionStage, Stage, StageStatus
from zhengwu.consultation.models.decisions import MANDATORY_STAGES
from zhengwu.publishing import actions as publishing

Kind = DecisionEvent.Kind


def record(item, kind, actor=None, message="", data=None):
    return DecisionEvent.record(item, kind, actor, message, data=data)


def flow(item) -> publishing.Flow:
    return publishing.Flow(
        what=f"重大行政决策事项“{item.title}”", agency=item.agency,
        log=lambda kind, actor, message: record(item, kind, actor, message),
        kinds=(Kind.SAVED, Kind.SUBMITTED, Kind.PUBLISHED, Kind.RETURNED))


def _clean_stages(stages):
    """{stage: {status, done_on, note}} for every stage (missing ones: 未完成), checked."""
    cleaned = {}
    for stage in Stage:
        given = stages.get(stage) or stages.get(stage.value) or {}
        status = given.get("status") or StageStatus.PENDING
        done_on, note = given.get("done_on"), (given.get("note") or "").strip()
        if status not in StageStatus.values:
            raise ActionRefused(f"{stage.label}：进展只能是无需开展、未完成或已完成。")
        if status == StageStatus.NOT_REQUIRED and stage in MANDATORY_STAGES:
            raise ActionRefused(f"{stage.label}是重大行政决策的必经程序，不能选择“无需开展”。")
        if status == StageStatus.DONE and done_on is None:
            raise ActionRefused(f"{stage.label}已完成的，请填写完成日期。")
        if done_on is not None and done_on > today():
            raise ActionRefused(f"{stage.label}的完成日期不能晚于今天。")
        cleaned[stage] = {"status": status, "done_on": done_on if status == StageStatus.DONE else None,
                          "note": note[:300]}
    return cleaned


def _write_stages(item, cleaned):
    """Store the stages; returns the human-readable changes."""
    existing = {stage.stage: stage for stage in item.stages.all()}
    changes = []
    for stage, values in cleaned.items():
        row = existing.get(stage) or DecisionStage(item=item, stage=stage)
        before = (row.status, row.done_on, row.note) if row.pk else None
        if before == (values["status"], values["done_on"], values["note"]):
            continue
        row.status, row.done_on, row.note = values["status"], values["done_on"], values["note"]
        row.save()
        when = f"（{chinese_date(row.done_on)}）" if row.done_on else ""
        changes.append(f"{Stage(stage).label}：{row.get_status_display()}{when}")
    return changes


@transaction.atomic
def save_decision(item, *, actor, stages) -> DecisionItem:
    """Create or edit a draft item with its stages."""
    cleaned = _clean_stages(stages)
    created = item.pk is None
    publishing.prepare_edit(item, actor, flow(item))
    item.save()
    _write_stages(item, cleaned)
    record(item, Kind.SAVED, actor, "创建草稿。" if created else "修改草稿。")
    return item


@transaction.atomic
def record_progress(item, *, actor, stages) -> DecisionItem:
    """Update the stages of a published item (what is public changes at once: each change is logged)."""
    item = lock(item)
    require_role(actor, item.agency, DRAFT_ROLES)
    if not item.is_published:
        raise ActionRefused("该事项尚未发布，请在草稿中修改程序进展。")
    changes = _write_stages(item, _clean_stages(stages))
    if changes:
        record(item, Kind.PROGRESS, actor, "；".join(changes) + "。")
    return item


@transaction.atomic
def submit_decision(item, *, actor) -> DecisionItem:
    item = lock(item)
    publishing.submit(item, actor, flow(item))
    return item


@transaction.atomic
def approve_decision(item, *, actor) -> DecisionItem:
    item = lock(item)
    publishing.approve(item, actor, flow(item))
    return item


@transaction.atomic
def return_decision(item, *, actor, note) -> DecisionItem:
    item = lock(item)
    publishing.send_back(item, actor, note, flow(item))
    return item
