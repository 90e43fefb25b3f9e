"""行政执法决定 and their 双公示: a 行政许可 or 行政处罚 decision recorded by the agency that made it, published
within the publicity period (7 working days by default, `PublicityRule`) on the one clock engine, the
personal data of a natural person masked. A penalty decision carries the benchmark's answer for the facts
found, so a fine outside it shows, and must give its reason."""

from django.conf import settings
from django.db import models
from wagtail.search import index

from zhengwu.cases.events import CaseEvent
from zhengwu.privacy import masking
from zhengwu.privacy.fields import EncryptedCharField

from .catalog import Power


class DecisionKind(models.TextChoices):
    LICENSING = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"


class PublicityRule(models.Model):
    """How many working days after a decision it must be published (双公示). Data, not a constant: the
    national rule says 7 working days, and a province may set a shorter period."""

    kind = models.CharField("决定类型", max_length=10, choices=DecisionKind.choices, unique=True)
    workdays = models.PositiveSmallIntegerField("公示期限（工作日）", default=7,
                                                help_text="自作出决定之日起多少个工作日内上网公示。")

    class Meta:
        verbose_name = "双公示期限"
        verbose_name_plural = "双公示期限"

    def __str__(self):
        return f"{self.get_kind_display()}：{self.workdays} 个工作日"

    @classmethod
    def workdays_for(cls, kind: str) -> int:
        rule = cls.objects.filter(kind=kind).first()
        return rule.workdays if rule else cls._meta.get_field("workdays").default


class PartyKind(models.TextChoices):
    ORGANISATION = "organisation", "法人及非法人组织"
    SOLE_TRADER = "sole_trader", "个体工商户"
    PERSON = "person", "自然人"


class DecisionState(models.TextChoices):
    DECIDED = "decided", "待公示"
    PUBLISHED = "published", "已公示"
    WITHDRAWN = "withdrawn", "已撤下"


class EnforcementDecision(index.Indexed, models.Model):
    wagtail_reference_index_ignore = True
    number = models.CharField("登记编号", max_length=40, unique=True)
    document_number = models.CharField("决定书文号", max_length=100)
    agency = models.ForeignKey("orgs.Agency", verbose_name="决定机关", on_delete=models.PROTECT,
                               related_name="enforcement_decisions")
    power = models.ForeignKey(Power, verbose_name="行政权力事项", on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField("决定类型", max_length=10, choices=DecisionKind.choices, db_index=True)
    party_kind = models.CharField("当事人类别", max_length=12, choices=PartyKind.choices)
    party_name = models.CharField("当事人名称", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    representative = models.CharField("法定代表人（负责人）", max_length=50, blank=True)
    # A natural person's ID number is never published; kept encrypted, for the agency's own records.
    id_number = EncryptedCharField("身份证件号码", max_length=30, blank=True)
    content = models.TextField("决定内容", help_text="行政许可：许可内容；行政处罚：违法事实和处罚内容。")
    basis = models.TextField("决定依据")
    decided_on = models.DateField("决定日期")
    valid_from = models.DateField("有效期自", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    # Penalty decisions: the facts found (benchmark circumstance codes), what the benchmark gives for them (a
    # copy, as it stood on the day), what was decided, and the reason for any departure.
    facts = models.JSONField("违法情形", default=list, blank=True)
    grade = models.CharField("裁量阶次", max_length=10, blank=True)
    benchmark_range = models.CharField("基准幅度", max_length=300, blank=True)
    benchmark_min = models.DecimalField("基准罚款下限（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    benchmark_max = models.DecimalField("基准罚款上限（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    benchmark_rule = models.TextField("基准条款", blank=True)
    fine = models.DecimalField("罚款金额（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    confiscated = models.DecimalField("没收违法所得（元）", max_digits=14, decimal_places=2, null=True, blank=True)
    departs = models.BooleanField("偏离裁量基准", default=False)
    departure_reason = models.TextField("偏离基准的理由", blank=True)
    state = models.CharField("状态", max_length=10, choices=DecisionState.choices, default=DecisionState.DECIDED,
                             db_index=True)
    publicity_clock = models.OneToOneField("timelimits.Clock", verbose_name="双公示期限", on_delete=models.PROTECT,
                                           related_name="+")
    published_on = models.DateField("公示日期", null=True, blank=True)
    published_late = models.BooleanField("逾期公示", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField("录入时间", auto_now_add=True)

    # The site search finds published decisions by what the public sees: the masked party, never the name.
    search_fields = [index.SearchField("document_number", boost=2), index.SearchField("public_party", boost=2),
                     index.SearchField("public_content"), index.FilterField("state"),
                     index.FilterField("agency"), index.FilterField("kind"), index.FilterField("decided_on")]

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = "行政执法决定"
        verbose_name_plural = "行政执法决定"
        indexes = [models.Index(fields=["state", "published_on"], name="powers_decision_published")]

    def __str__(self):
        return f"{self.document_number} {self.public_party}"

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().filter(state=DecisionState.PUBLISHED)  # the unpublished are not searched

    @property
    def public_party(self) -> str:
        """The party as the public sees it: a natural person's name masked (个人信息保护法), a business's in full."""
        if self.party_kind == PartyKind.PERSON:
            return masking.mask_name(self.party_name)
        return self.party_name

    @property
    def public_content(self) -> str:
        """The content with ID, phone numbers and e-mail masked, and a natural person's name wherever it appears."""
        text = self.content
        if self.party_kind == PartyKind.PERSON and self.party_name.strip():
            text = text.replace(self.party_name.strip(), self.public_party)
        return masking.mask_text(text)

    @property
    def public_representative(self) -> str:
        return self.representative if self.party_kind == PartyKind.ORGANISATION else ""


class DecisionEvent(CaseEvent):
    class Kind(models.TextChoices):
        RECORDED = "recorded", "录入决定"
        DEPARTED = "departed", "偏离裁量基准"
        PUBLISHED = "published", "公示"
        WITHDRAWN = "withdrawn", "撤下公示"

    subject_field = "decision"
    decision = models.ForeignKey(EnforcementDecision, verbose_name="行政执法决定", on_delete=models.CASCADE,
                                 related_name="events")
    kind = models.CharField("事项", max_length=10, choices=Kind.choices)

    class Meta(CaseEvent.Meta):
        verbose_name = "执法决定记录"
        verbose_name_plural = "执法决定记录"
