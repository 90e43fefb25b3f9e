"""State changes of catalog items: first publication (索引号, 发布日期, Art. 26 clock), withdrawal,
migration of legacy items. One function per change, each one transaction with its log entry."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from zhengwu.numbering.models import allocate
from zhengwu.timelimits.actions import start_clock, stop_clock
from zhengwu.timelimits.engine import ClockState

from .models import DisclosureItemPage, SecrecyReview, Validity

INDEX_SERIES = "disclosure.index"
PUBLICATION_WORKDAYS = 20  # 条例第二十六条


def format_index_number(prefix: str, year: int, serial: int) -> str:
    return f"{prefix}/{year}-{serial:05d}"


def index_prefix(agency) -> str:
    """前段码: the 统一社会信用代码, or the agency's id where it has none yet (made visible, never hidden)."""
    return agency.credit_code or f"ZW{agency.pk:07d}"


def start_publication_clock(item: DisclosureItemPage, actor=None):
    """Art. 26: 20 working days from the day the information was formed or changed."""
    clock = start_clock(f"主动公开时限：{item.title}"[:200], item.formed_on, PUBLICATION_WORKDAYS, owner=item,
                        actor=actor, reason="条例第二十六条：形成或者变更之日起20个工作日内公开")
    DisclosureItemPage.objects.filter(pk=item.pk).update(publication_clock=clock)
    item.publication_clock = clock
    return clock


@transaction.atomic
def record_publication(item: DisclosureItemPage, user=None):
    """Called whenever an item goes live: on the first publication allocate the 索引号 and the 发布日期;
    on every publication stop the Art. 26 clock of the current formation date and record lateness."""
    item = DisclosureItemPage.objects.select_for_update(of=("self",)).get(pk=item.pk)
    today = timezone.localdate()
    changes = {}
    if not item.index_number:
        published_on = item.published_on or today
        serial = allocate(INDEX_SERIES, item.agency, published_on.year)
        changes.update(index_number=format_index_number(index_prefix(item.agency), published_on.year, serial),
                       published_on=published_on, published_year=published_on.year)
    clock = item.publication_clock
    if clock is None or clock.started_on != item.formed_on:
        clock = start_publication_clock(item, actor=user)
    if clock.state != ClockState.STOPPED:
        # First publication: its (possibly imported) 发布日期; a republication after a change: today.
        stop_on = max(changes.get("published_on", today), item.formed_on)
        stop_clock(clock, stop_on, reason="已公开", actor=user)
        late = max(clock.days_used - clock.limit_workdays, 0)
        changes.update(published_late=late > 0, late_workdays=late or None)
    if changes:
        DisclosureItemPage.objects.filter(pk=item.pk).update(**changes)
        if "index_number" in changes:
            log(item, "disclosure.index_number", user=user, data={"index_number": changes["index_number"]})
    return changes


@transaction.atomic
def withdraw_item(item: DisclosureItemPage, user, reason: str):
    """撤回: take the item off the site with a stated reason; its 索引号 and history stay."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "撤回须填写原因。"})
    if not item.live:
        raise ValidationError("该信息未公开，无需撤回。")
    item.unpublish(user=user, log_action=False)
    DisclosureItemPage.objects.filter(pk=item.pk).update(
        withdrawn_at=timezone.now(), withdrawn_by=user, withdraw_reason=reason)
    log(item, "disclosure.withdraw", user=user, data={"reason": reason, "index_number": item.index_number})
    item.refresh_from_db()
    return item


@transaction.atomic
def publish_migrated(item: DisclosureItemPage, user, source: str):
    """Put a legacy item live without a fresh review, recording that it was migrated and by whom."""
    revision = item.save_revision(user=user, log_action=False)
    who = user.get_username() if user else "系统"
    SecrecyReview.objects.create(
        item=item, revision=revision, reviewer=user, decision=SecrecyReview.Decision.MIGRATED,
        opinion=f"历史数据迁移：由 {who} 于 {timezone.localtime():%Y-%m-%d %H:%M} 从 {source} 导入，沿用原发布记录。")
    revision.publish(user=user, skip_permission_checks=True)
    return revision


def refresh_validity(today=None) -> int:
    """Re-derive the stored 有效性 of every item from its dates (an item expires or is repealed by the
    calendar, not by an edit); four UPDATEs, returns how many rows changed."""
    today = today or timezone.localdate()
    items = DisclosureItemPage.objects
    repealed = Q(repealed_on__lte=today)
    expired = ~repealed & Q(valid_until__lt=today)
    pending = ~repealed & ~Q(valid_until__lt=today) & Q(effective_on__gt=today)
    valid = ~repealed & ~Q(valid_until__lt=today) & ~Q(effective_on__gt=today)
    return sum(items.filter(condition).exclude(validity=value).update(validity=value) for condition, value in (
        (repealed, Validity.REPEALED), (expired, Validity.EXPIRED), (pending, Validity.PENDING),
        (valid, Validity.VALID)))


def ensure_validity_fresh():
    """Refresh 有效性 once a day, on the first catalog read of the day (and by `refresh_validity`)."""
    today = timezone.localdate()
    if cache.add(f"disclosure:validity-refreshed:{today:%Y%m%d}", True, timeout=2 * 86400):
        refresh_validity(today)
