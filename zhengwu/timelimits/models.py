"""Working-day calendar and legal clocks.

The calendar stores only exceptions to the weekend rule: 法定节假日 on weekdays and 调休上班日 on
weekends (a holiday falling on a weekend may be stored too; it changes nothing). A year without a
CalendarYear row, or with a provisional one, is counted by weekends alone and flagged 临时.

A Clock is the denormalised summary of its append-only ClockEvent rows; `engine.replay` derives it
and `actions` stores it. Nothing here writes clock figures directly.
"""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from . import calendar as workcalendar
from .bands import Band, band_of, overdue_before, warn_days
from .engine import ClockError, ClockState, EventKind, ReplayedClock, replay

__all__ = [
    "CalendarYear",
    "CalendarDay",
    "Clock",
    "ClockEvent",
    "ClockError",
    "ClockState",
    "DayKind",
    "EventKind",
]


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField("年份", unique=True)
    provisional = models.BooleanField(
        "临时安排",
        default=False,
        help_text="勾选表示该年节假日安排尚未正式公布，到期日按临时数据推算并标注“临时”。",
    )
    source = models.CharField("数据来源", max_length=100, blank=True, default="管理员录入")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"

    def __str__(self):
        return f"{self.year} 年（{'临时' if self.provisional else '正式'}）"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日"
    WORKDAY = "workday", "调休上班日"


class CalendarDay(models.Model):
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField(
        "节日名称", max_length=60, help_text="如：国庆节。调休上班日填写所调休的节日，如：国庆节、中秋节。"
    )
    source = models.CharField(
        "来源",
        max_length=100,
        default="管理员录入",
        help_text="如：chinese-calendar 1.11.0、国办发明电〔2024〕12号。",
    )
    provisional = models.BooleanField(
        "临时", default=False, help_text="尚未正式公布的安排；依赖该日的到期日标注“临时”。"
    )

    class Meta:
        ordering = ["-date"]
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"

    def __str__(self):
        return f"{self.date.isoformat()} {self.name}（{self.get_kind_display()}）"

    def clean(self):
        # A makeup workday on a weekday would be a no-op and almost certainly a typo.
        if self.kind == DayKind.WORKDAY and self.date and self.date.weekday() < 5:
            raise ValidationError({"kind": "调休上班日应为周六或周日；工作日本来就要上班。"})


class ClockQuerySet(models.QuerySet):
    """The queries supervision runs over millions of clocks, all on the (state, due_on) index."""

    def for_owner(self, owner):
        return self.filter(owner_type=ContentType.objects.get_for_model(owner), owner_id=str(owner.pk))

    def open(self):
        return self.filter(state__in=[ClockState.RUNNING, ClockState.PAUSED])

    def overdue(self, today: date | None = None):
        """Running clocks past their due date by a working day (paused and stopped ones have no due date)."""
        return self.filter(state=ClockState.RUNNING, due_on__lt=overdue_before(today or timezone.localdate()))

    def due_between(self, first: date, last: date):
        return self.filter(state=ClockState.RUNNING, due_on__gte=first, due_on__lte=last)


class Clock(models.Model):
    wagtail_reference_index_ignore = True  # a record, not content: no "usage" to index inside every write
    label = models.CharField("名称", max_length=200)
    limit_workdays = models.PositiveIntegerField("期限（工作日）", help_text="含延长的总期限。")
    state = models.CharField("状态", max_length=10, choices=ClockState.choices, default=ClockState.RUNNING)
    started_on = models.DateField("起算日", help_text="首次开始计时的日期（当日不计入）。")
    counting_from = models.DateField(
        "本段起算日", null=True, blank=True, help_text="计时中时，此日之后的工作日计入；暂停或停止时为空。"
    )
    due_on = models.DateField("到期日", null=True, blank=True, db_index=True, help_text="暂停或停止时为空。")
    days_used = models.IntegerField("已用工作日", default=0, help_text="截至最近一次事件。")
    stopped_on = models.DateField("停止日", null=True, blank=True)
    provisional = models.BooleanField("临时推算", default=False, help_text="计算涉及无官方节假日安排的年份。")
    owner_type = models.ForeignKey(
        ContentType, verbose_name="所属对象类型", null=True, blank=True, on_delete=models.PROTECT
    )
    owner_id = models.CharField("所属对象编号", max_length=64, null=True, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = ClockQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = "法定时限"
        verbose_name_plural = "法定时限"
        indexes = [
            models.Index(fields=["state", "due_on"], name="timelimits_clock_state_due"),
            models.Index(fields=["owner_type", "owner_id"], name="timelimits_clock_owner"),
        ]

    def __str__(self):
        return self.label

    def apply(self, replayed: ReplayedClock) -> bool:
        """Copy replayed figures onto the row; True when anything changed."""
        changed = False
        for field, value in replayed.stored_fields().items():
            if getattr(self, field) != value:
                setattr(self, field, value)
                changed = True
        return changed

    def replayed(self, cal=None) -> ReplayedClock:
        return replay(list(self.events.all()), cal or workcalendar.current())

    def days_left(self, today: date | None = None) -> int:
        """Working days left; 0 on the due date itself, negative once overdue."""
        if self.state != ClockState.RUNNING:
            return self.limit_workdays - self.days_used
        today = today or timezone.localdate()  # the legal day is the day in China, not on the server
        counted = self.days_used
        if self.counting_from and today > self.counting_from:
            counted += workcalendar.workdays_between(self.counting_from, today)
        return self.limit_workdays - counted

    def is_overdue(self, today: date | None = None) -> bool:
        """Past the due date by at least one working day (timelimits.bands)."""
        return self.days_left(today) < 0

    def band(self, today: date | None = None, case_type: str | None = None) -> Band | None:
        """Overdue, due soon (by the supervision rule of `case_type`) or on time; None unless running."""
        if self.state != ClockState.RUNNING or self.due_on is None:
            return None
        return band_of(self.days_left(today), warn_days(case_type))

    def status_text(self, awaiting_correction: bool = False) -> str:
        """Where the clock stands, in the words every page and event message uses (no final 。)."""
        if self.state == ClockState.RUNNING:
            return f"期限至 {self.due_on:%Y-%m-%d}（共 {self.limit_workdays} 个工作日）"
        if self.state == ClockState.PAUSED and awaiting_correction:
            return f"暂停计算，自收到补正之日起重新计算 {self.limit_workdays} 个工作日"
        if self.state == ClockState.PAUSED:
            return f"暂停计算（已用 {self.days_used} / {self.limit_workdays} 个工作日）"
        stopped = f"{self.stopped_on:%Y-%m-%d}，" if self.stopped_on else ""
        return f"已停止（{stopped}共用 {self.days_used} 个工作日）"

    def explain(self, today: date | None = None) -> list[str]:
        """One Chinese line per event, then where the clock stands on `today` (default: today in China)."""
        cal = workcalendar.current()
        replayed = self.replayed(cal)
        lines = [step.describe() for step in replayed.steps]
        if replayed.state == ClockState.RUNNING:
            today = today or timezone.localdate()
            counted = replayed.used + cal.workdays_between(replayed.counting_from, today)
            remaining = replayed.limit - counted
            detail = cal.explain(replayed.counting_from, replayed.limit - replayed.used).summary \
                if replayed.limit > replayed.used else f"到期日 {replayed.due_on.isoformat()}"
            if remaining >= 0:
                lines.append(f"截至 {today.isoformat()}：已用 {counted} 个工作日，剩余 {remaining} 个；{detail}")
            else:
                lines.append(f"截至 {today.isoformat()}：已用 {counted} 个工作日，已超过 {replayed.limit} 个工作日的期限 "
                             f"{-remaining} 个工作日；{detail}")
        elif replayed.state == ClockState.PAUSED:
            lines.append(
                f"当前暂停：已用 {replayed.used} / {replayed.limit} 个工作日，暂停期间不计时，无到期日"
            )
        else:
            lines.append(
                f"已停止于 {replayed.stopped_on.isoformat()}：共用 {replayed.used} 个工作日（期限 {replayed.limit} 个）"
            )
        if replayed.provisional:
            lines.append("注意：计算涉及无官方节假日安排的年份，按周末和法定节假日推算（临时）")
        return lines


class ClockEventQuerySet(models.QuerySet):
    # Bulk paths bypass Model.save/delete, so the append-only rule is enforced here as well.
    def update(self, **kwargs):
        raise ClockError("计时事件只能追加，不能修改")

    def delete(self):
        raise ClockError("计时事件只能追加，不能删除")


class ClockEvent(models.Model):
    wagtail_reference_index_ignore = True  # a record, not content: no "usage" to index inside every write
    clock = models.ForeignKey(Clock, verbose_name="时限", related_name="events", on_delete=models.PROTECT)
    kind = models.CharField("事件", max_length=10, choices=EventKind.choices)
    on = models.DateField("日期")
    workdays = models.PositiveIntegerField(
        "工作日数", null=True, blank=True, help_text="开始、重新计时：期限；延长：增加的工作日数。"
    )
    reason = models.TextField("原因", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    objects = ClockEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = "计时事件"
        verbose_name_plural = "计时事件"

    def __str__(self):
        text = f"{self.on.isoformat()} {self.get_kind_display()}"
        if self.workdays is not None:
            text += f"（{self.workdays} 个工作日）"
        return text

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ClockError("计时事件只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ClockError("计时事件只能追加，不能删除")
