"""Service cases (办件): an application for one matter, received at the government's one window (综合窗口),
routed to the implementing department, and worked step by step on the clock engine.

Clocks: `step_clock` times the current step (受理: 5 working days from receipt, 行政许可法第三十二条; 送达:
10 from the decision, 第四十四条); `clock` is the promised 办结时限 from acceptance, paused by special
procedures that do not count (第四十五条). Supervision reads both.
"""

from django.conf import settings
from django.db import models

from zhengwu.cases.events import CaseEvent as CaseEventBase
from zhengwu.cases.tracking import tracking_digest_field
from zhengwu.privacy import hashing, masking
from zhengwu.privacy.fields import BlindIndexField, EncryptedCharField, EncryptedJSONField


class CaseChannel(models.TextChoices):
    ONLINE = "online", "网上申请"
    COUNTER = "counter", "窗口申请"


class ApplicantKind(models.TextChoices):
    PERSON = "person", "自然人"
    COMPANY = "company", "法人或其他组织"


class CaseState(models.TextChoices):
    RECEIVED = "received", "窗口已收件"
    ROUTED = "routed", "已分送部门"
    CORRECTION = "correction", "待补正"
    ACCEPTED = "accepted", "已受理（审查中）"
    SPECIAL = "special", "特别程序中"
    DECIDED = "decided", "已决定（待送达）"
    COMPLETED = "completed", "已办结"
    REFUSED = "refused", "不予受理"
    WITHDRAWN = "withdrawn", "已撤回"


OPEN_CASE_STATES = [CaseState.RECEIVED, CaseState.ROUTED, CaseState.CORRECTION, CaseState.ACCEPTED,
                    CaseState.SPECIAL, CaseState.DECIDED]


class Decision(models.TextChoices):
    APPROVED = "approved", "准予"
    DENIED = "denied", "不予准予"


class ServiceCase(models.Model):
    wagtail_reference_index_ignore = True  # a record, not content
    number = models.CharField("办件编号", max_length=40, unique=True)
    tracking_digest = tracking_digest_field()  # the 查询码 itself is never stored
    matter = models.ForeignKey("services.Matter", verbose_name="事项", on_delete=models.PROTECT, related_name="cases")
    agency = models.ForeignKey("orgs.Agency", verbose_name="办理部门", on_delete=models.PROTECT,
                               related_name="service_cases")
    window_agency = models.ForeignKey("orgs.Agency", verbose_name="收件窗口（人民政府）", on_delete=models.PROTECT,
                                      related_name="window_cases")
    channel = models.CharField("申请渠道", max_length=10, choices=CaseChannel.choices)
    applicant_kind = models.CharField("申请人类型", max_length=10, choices=ApplicantKind.choices)
    applicant_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人账号", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="service_cases")
    name = EncryptedCharField("申请人姓名/名称", max_length=500)
    id_number = EncryptedCharField("证件号码", max_length=500)
    id_number_index = BlindIndexField(source="id_number", purpose=hashing.ID_NUMBER)
    phone = EncryptedCharField("联系电话", max_length=500)
    phone_index = BlindIndexField(source="phone", purpose=hashing.PHONE)
    form_data = EncryptedJSONField("申请表内容", default=dict, blank=True)  # what the applicant typed: ciphertext
    state = models.CharField("状态", max_length=12, choices=CaseState.choices, default=CaseState.RECEIVED)
    received_on = models.DateField("收件日期")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    completed_on = models.DateField("办结日期", null=True, blank=True)
    step_clock = models.OneToOneField("timelimits.Clock", verbose_name="环节时限", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    clock = models.OneToOneField("timelimits.Clock", verbose_name="办结时限", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    corrections = models.PositiveSmallIntegerField("补正告知次数", default=0)
    refusal_reason = models.TextField("不予受理理由", blank=True)
    decision = models.CharField("决定", max_length=10, choices=Decision.choices, blank=True)
    decision_reason = models.TextField("决定理由", blank=True)
    result_text = models.CharField("办理结果", max_length=300, blank=True)
    fee_charged = models.DecimalField("实收费用（元）", max_digits=10, decimal_places=2, default=0)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="assigned_service_cases")
    submitted_at = models.DateTimeField("提交时间")
    is_demo = models.BooleanField("演示数据", default=False)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "办件"
        verbose_name_plural = "办件"
        indexes = [models.Index(fields=["agency", "state"]), models.Index(fields=["window_agency", "state"]),
                   models.Index(fields=["matter", "state"])]

    def __str__(self):
        return self.number

    @property
    def is_open(self):
        return self.state in OPEN_CASE_STATES

    @property
    def masked_name(self):
        return self.name if self.applicant_kind == ApplicantKind.COMPANY else masking.mask_name(self.name)

    @property
    def masked_phone(self):
        return masking.mask_phone(self.phone)


class CaseEvent(CaseEventBase):
    """One typed step of a case's timeline, written in the same transaction as the state change."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "网上申请"
        REGISTERED = "registered", "窗口收件"
        ROUTED = "routed", "分送部门"
        ASSIGNED = "assigned", "分派经办人"
        CORRECTION_REQUESTED = "correction_requested", "一次性告知补正"
        CORRECTED = "corrected", "收到补正材料"
        ACCEPTED = "accepted", "受理"
        REFUSED = "refused", "不予受理"
        SPECIAL_STARTED = "special_started", "特别程序开始"
        SPECIAL_ENDED = "special_ended", "特别程序结束"
        DECIDED = "decided", "作出决定"
        FEE = "fee", "登记收费"
        COMPLETED = "completed", "办结送达"
        WITHDRAWN = "withdrawn", "撤回申请"
        NOTE = "note", "内部备注"
        MATERIAL = "material", "上传材料"

    subject_field = "case"
    case = models.ForeignKey(ServiceCase, verbose_name="办件", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=24, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "办件记录"
        verbose_name_plural = "办件记录"

    def __str__(self):
        return f"{self.case_id} {self.get_kind_display()}"


class CaseMaterial(models.Model):
    """A material supplied against the matter's list; the file is private to those who work the case."""

    case = models.ForeignKey(ServiceCase, verbose_name="办件", on_delete=models.CASCADE, related_name="materials")
    requirement = models.ForeignKey("services.MaterialRequirement", verbose_name="对应材料", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    document = models.ForeignKey("files.AgencyDocument", verbose_name="文件", on_delete=models.PROTECT,
                                 related_name="+")
    supplied_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = "办件材料"
        verbose_name_plural = "办件材料"

    def __str__(self):
        return f"{self.case_id} {self.requirement or self.document}"


class SpecialProcedureRun(models.Model):
    """One special procedure on a case; while a non-counting one runs, the 办结 clock is paused."""

    case = models.ForeignKey(ServiceCase, verbose_name="办件", on_delete=models.CASCADE,
                             related_name="special_runs")
    procedure = models.ForeignKey("services.SpecialProcedure", verbose_name="特别程序", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    name = models.CharField("环节名称", max_length=100)
    counts_toward_limit = models.BooleanField("计算在办结时限内", default=False)
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    result = models.TextField("结果", blank=True)

    class Meta:
        ordering = ["case", "pk"]
        verbose_name = "特别程序记录"
        verbose_name_plural = "特别程序记录"

    def __str__(self):
        return f"{self.case_id} {self.name}"
