"""Powers, their changes and their discretion benchmarks.

A power's public facts are its latest `PowerChange` on or before a day: every change (新增, 调整, 下放, 合并,
保留, 取消) keeps the power's facts as they stood after it, with its decision document and date, so the list
as it stood on any day is one query and nothing is ever overwritten. A power is in the list on a day when its
latest change by then is not 取消 (cancelled) or 下放 (delegated to a lower level: the lower agency's list then
carries it)."""

from datetime import date

from django.db import models
from django.db.models import OuterRef, Subquery
from wagtail.search import index


class PowerType(models.TextChoices):
    LICENSING = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LEVY = "levy", "行政征收"
    PAYMENT = "payment", "行政给付"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    OTHER = "other", "其他行政权力"


class ChangeKind(models.TextChoices):
    ADDED = "added", "新增"
    ADJUSTED = "adjusted", "调整"
    DELEGATED = "delegated", "下放"
    MERGED = "merged", "合并"
    KEPT = "kept", "保留"
    CANCELLED = "cancelled", "取消"


GONE = (ChangeKind.CANCELLED, ChangeKind.DELEGATED)


class Power(models.Model):
    """A power's identity: its code and owning agency. What it is on a given day is its change of that day."""

    wagtail_reference_index_ignore = True
    code = models.CharField("权力编码", max_length=40, unique=True)
    agency = models.ForeignKey("orgs.Agency", verbose_name="实施机关", on_delete=models.PROTECT,
                               related_name="powers")
    power_type = models.CharField("权力类型", max_length=12, choices=PowerType.choices, db_index=True)

    class Meta:
        ordering = ["agency__path", "code"]
        verbose_name = "行政权力"
        verbose_name_plural = "行政权力"

    def __str__(self):
        state = self.state_on()
        return f"{self.code} {state.name if state else ''}".strip()

    def state_on(self, day: date | None = None):
        """The change that gives the power's facts on `day` (today by default), or None before its first."""
        changes = self.changes.all()
        if day is not None:
            changes = changes.filter(decided_on__lte=day)
        return changes.order_by("-decided_on", "-pk").first()


class PowerChange(index.Indexed, models.Model):
    """One step of 行政审批制度改革 on one power: what it became, by which decision, from which day. Indexed for
    the site search, which asks only the changes that give the powers' facts today."""

    wagtail_reference_index_ignore = True
    power = models.ForeignKey(Power, verbose_name="行政权力", on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField("变更类型", max_length=10, choices=ChangeKind.choices)
    decided_on = models.DateField("生效日期")
    document = models.CharField("决定文件", max_length=200, help_text="如：湘政发〔2025〕3号")
    note = models.TextField("说明", blank=True)
    name = models.CharField("权力名称", max_length=200)
    legal_basis = models.TextField("设定依据", help_text="法律、法规、规章名称及条款，含条文内容。")
    implementing_body = models.CharField("实施主体", max_length=200)
    responsibilities = models.TextField("责任事项", blank=True)
    accountability = models.TextField("追责情形", blank=True)
    recorded_at = models.DateTimeField("录入时间", auto_now_add=True)

    search_fields = [index.SearchField("name", boost=3), index.SearchField("legal_basis"),
                     index.SearchField("responsibilities"), index.FilterField("id")]

    class Meta:
        ordering = ["power", "decided_on", "pk"]
        verbose_name = "权力事项变更"
        verbose_name_plural = "权力事项变更"
        indexes = [models.Index(fields=["power", "decided_on"], name="powers_change_power_day")]

    def __str__(self):
        return f"{self.power.code} {self.get_kind_display()} {self.decided_on:%Y-%m-%d}"

    @property
    def in_force(self):
        return self.kind not in GONE


def with_state(day: date, powers=None):
    """Powers annotated with the change that gives their facts on `day` (`state_id`, `state_kind`; None before
    their first change): one query, whatever the number of powers."""
    powers = Power.objects.all() if powers is None else powers
    latest = (PowerChange.objects.filter(power=OuterRef("pk"), decided_on__lte=day)
              .order_by("-decided_on", "-pk"))
    return powers.annotate(state_id=Subquery(latest.values("pk")[:1]), state_kind=Subquery(latest.values("kind")[:1]))


def list_on(day: date, powers=None):
    """The powers in the list on `day`: those with a change by then, less the cancelled and delegated."""
    return with_state(day, powers).filter(state_id__isnull=False).exclude(state_kind__in=GONE)
