"""依申请公开: information requests as cases — an applicant, an owning agency, a legal clock and typed
events written by `foi.actions` in the same transaction as each state change.

Applicant personal data is encrypted at rest (zhengwu.privacy); the blind indexes let duplicate
submissions be found without decrypting anything."""

from django.conf import settings
from django.db import models

from zhengwu.cases.events import CaseEvent
from zhengwu.cases.tracking import tracking_digest_field
from zhengwu.foi.outcomes import outcome_choices, outcome_label
from zhengwu.privacy import hashing, masking
from zhengwu.privacy.fields import BlindIndexField, EncryptedCharField, EncryptedTextField


class ApplicantType(models.TextChoices):
    """The seven columns of the annual report's table 三 (less 总计): keys as in annual_report_2021.json."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICES = "legal_services", "法律服务机构"
    OTHER_ORG = "other_org", "其他"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO_PERMIT = "hk_macao_permit", "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "taiwan_permit", "台湾居民来往大陆通行证"
    CREDIT_CODE = "credit_code", "统一社会信用代码"
    OTHER = "other", "其他证件"


class Channel(models.TextChoices):
    ONLINE = "online", "网上申请"
    IN_PERSON = "in_person", "当面提交"
    POST = "post", "邮寄（需签收）"
    PLAIN_LETTER = "plain_letter", "平常信函"
    FAX = "fax", "传真"


class DeliveryForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"


class DeliveryWay(models.TextChoices):
    POST = "post", "邮寄"
    PICKUP = "pickup", "自行领取"
    EMAIL = "email", "电子邮件"
    ONLINE = "online", "网上获取"


class RequestState(models.TextChoices):
    PROCESSING = "processing", "办理中"
    CORRECTION = "correction", "待补正"
    CONSULTING = "consulting", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    ANSWERED = "answered", "已答复"
    CLOSED = "closed", "已终止"


class InformationRequest(models.Model):
    wagtail_reference_index_ignore = True  # a record, not content: no "usage" to index inside every write
    number = models.CharField("申请编号", max_length=40, unique=True)
    tracking_digest = tracking_digest_field()  # the 查询码 itself is never stored
    agency = models.ForeignKey("orgs.Agency", verbose_name="受理机关", on_delete=models.PROTECT,
                               related_name="information_requests")
    channel = models.CharField("申请渠道", max_length=20, choices=Channel.choices)
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    applicant_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人账号", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="information_requests")
    name = EncryptedCharField("姓名/名称", max_length=500)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices)
    id_number = EncryptedCharField("证件号码", max_length=500)
    id_number_index = BlindIndexField(source="id_number", purpose=hashing.ID_NUMBER)
    contact_person = EncryptedCharField("联系人", max_length=500, blank=True)
    phone = EncryptedCharField("联系电话", max_length=500)
    phone_index = BlindIndexField(source="phone", purpose=hashing.PHONE)
    email = EncryptedCharField("电子邮箱", max_length=500, blank=True)
    address = EncryptedTextField("通信地址", blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    info_title = models.CharField("所需信息名称", max_length=500, blank=True)
    info_doc_number = models.CharField("文号", max_length=200, blank=True)
    # Free text often names the applicant's own affairs (a house, a relative, a case): ciphertext at rest.
    description = EncryptedTextField("所需信息的特征描述", max_length=5000)
    purpose_note = EncryptedTextField("用途（选填）", blank=True, max_length=2000)
    delivery_form = models.CharField("提供形式", max_length=20, choices=DeliveryForm.choices)
    delivery_way = models.CharField("获取方式", max_length=20, choices=DeliveryWay.choices)
    submitted_at = models.DateTimeField("提交时间")
    received_on = models.DateField("收到申请之日", help_text="条例第三十一条；答复期限自次日起算。")
    state = models.CharField("状态", max_length=20, choices=RequestState.choices, default=RequestState.PROCESSING,
                             db_index=True)
    clock = models.OneToOneField("timelimits.Clock", verbose_name="答复时限", null=True, on_delete=models.PROTECT,
                                 related_name="+")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="assigned_information_requests")
    outcome = models.CharField("办理结果", max_length=8, choices=outcome_choices, blank=True, db_index=True,
                               help_text="年度报告表三的一行：答复发出或申请终止时确定。")
    decided_on = models.DateField("答复（终止）日期", null=True, blank=True, db_index=True)
    release_documents = models.ManyToManyField("files.AgencyDocument", verbose_name="拟公开的文件", blank=True,
                                               related_name="+")
    text_digest = models.CharField("申请内容摘要", max_length=64, db_index=True, editable=False,
                                   help_text="规范化申请内容的哈希，用于识别重复提交。")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        indexes = [models.Index(fields=["agency", "state"]), models.Index(fields=["phone_index", "submitted_at"])]

    def __str__(self):
        return self.number

    @property
    def is_organisation(self):
        return self.applicant_type != ApplicantType.NATURAL_PERSON

    # What lists and the case page show; full values only through privacy.access.reveal (logged).
    @property
    def masked_name(self):
        return masking.mask_name(self.name) if not self.is_organisation else self.name

    @property
    def masked_phone(self):
        return masking.mask_phone(self.phone)

    @property
    def masked_id_number(self):
        return masking.mask_id_number(self.id_number)

    @property
    def outcome_label(self):
        return outcome_label(self.outcome) if self.outcome else ""

    def time_left(self):
        """Working days left on the answer clock (negative when overdue); None once stopped."""
        if self.clock is None or self.clock.due_on is None:
            return None
        return self.clock.days_left()


class RequestEvent(CaseEvent):
    """One step of a request's timeline. `public` steps are shown to the applicant; internal notes never."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "提交申请"
        REGISTERED = "registered", "登记申请"
        RECEIVED = "received", "收到申请"
        ASSIGNED = "assigned", "分派经办人"
        NOTE = "note", "内部备注"
        DOCUMENT = "document", "添加拟公开文件"
        CORRECTION_REQUESTED = "correction_requested", "告知补正"
        CORRECTED = "corrected", "收到补正"
        CORRECTION_LAPSED = "correction_lapsed", "逾期未补正"
        CONSULTATION_SENT = "consultation_sent", "征求意见"
        CONSULTATION_CLOSED = "consultation_closed", "征求意见结束"
        EXTENSION_PROPOSED = "extension_proposed", "申请延期"
        EXTENSION_APPROVED = "extension_approved", "延期答复"
        EXTENSION_REFUSED = "extension_refused", "延期未获批准"
        FEE_NOTIFIED = "fee_notified", "收费通知"
        FEE_PAID = "fee_paid", "已缴费"
        FEE_LAPSED = "fee_lapsed", "逾期未缴费"
        REPLY_DRAFTED = "reply_drafted", "拟定答复"
        REPLY_RETURNED = "reply_returned", "答复退回修改"
        REPLY_APPROVED = "reply_approved", "答复审签通过"
        REPLY_SENT = "reply_sent", "答复送达"
        REMEDY = "remedy", "行政复议/诉讼"
        DUE_DATE_MOVED = "due_date_moved", "答复期限调整"
        DELIVERED = "delivered", "通知送达"

    subject_field = "request"
    request = models.ForeignKey(InformationRequest, verbose_name="申请", on_delete=models.CASCADE,
                                related_name="events")
    kind = models.CharField("事项", max_length=20, choices=Kind.choices)
    on = models.DateField("日期", null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "申请办理记录"
        verbose_name_plural = "申请办理记录"

    def __str__(self):
        return f"{self.request_id} {self.get_kind_display()}"


def delivery_date():
    """送达日期 of a notice (补正, 征求意见书, 收费通知): the other side's period runs from it."""
    return models.DateField("送达日期", null=True, blank=True,
                            help_text="对方收到通知之日，期限自该日起计算；电子送达为发出当日，邮寄送达待登记。")


class Correction(models.Model):
    """补正 (条例第三十条): one notice per request, sent within 7 working days of receipt; the applicant's
    period runs on its own clock, and the answer clock counts afresh from the day the correction arrives."""

    wagtail_reference_index_ignore = True  # a record, not content: no "usage" to index inside every write

    request = models.OneToOneField(InformationRequest, verbose_name="申请", on_delete=models.CASCADE,
                                   related_name="correction")
    items = models.TextField("需要补正的事项", help_text="一次性列明需要补正的全部内容。")
    notified_on = models.DateField("告知日期")
    delivered_on = delivery_date()
    clock = models.OneToOneField("timelimits.Clock", verbose_name="补正期限", on_delete=models.PROTECT,
                                 related_name="+")
    received_on = models.DateField("收到补正日期", null=True, blank=True)
    supplied = models.TextField("补正内容", blank=True)
    lapsed = models.BooleanField("逾期未补正", default=False)
    notified_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "补正告知"
        verbose_name_plural = "补正告知"

    def __str__(self):
        return f"{self.request} 补正"

    @property
    def is_open(self):
        return self.received_on is None and not self.lapsed


class Consultation(models.Model):
    """征求意见 of a third party (条例第三十二条) or another agency (第三十四条); the answer clock pauses while
    any is open. Each has its own reply period on the clock engine."""

    wagtail_reference_index_ignore = True  # a record, not content: no "usage" to index inside every write

    class PartyKind(models.TextChoices):
        THIRD_PARTY = "third_party", "第三方"
        OTHER_AGENCY = "other_agency", "其他行政机关"

    class Opinion(models.TextChoices):
        AGREE = "agree", "同意公开"
        OBJECT = "object", "不同意公开"
        NO_REPLY = "no_reply", "逾期未答复"

    request = models.ForeignKey(InformationRequest, verbose_name="申请", on_delete=models.CASCADE,
                                related_name="consultations")
    party_kind = models.CharField("征求对象类型", max_length=20, choices=PartyKind.choices)
    party_name = models.CharField("征求对象", max_length=200)
    question = models.TextField("征求意见的内容")
    sent_on = models.DateField("发出日期")
    delivered_on = delivery_date()
    clock = models.OneToOneField("timelimits.Clock", verbose_name="答复期限", on_delete=models.PROTECT,
                                 related_name="+")
    closed_on = models.DateField("结束日期", null=True, blank=True)
    opinion = models.CharField("意见", max_length=20, choices=Opinion.choices, blank=True)
    reply = models.TextField("答复内容", blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True,
                                on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["sent_on", "pk"]
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"

    def __str__(self):
        return f"{self.request} 征求 {self.party_name} 意见"

    @property
    def is_open(self):
        return self.closed_on is None


class Extension(models.Model):
    """延期答复 (条例第三十三条第二款): at most one approved, of at most 20 working days, approved by the
    head of the disclosure office (Role.DISCLOSURE_HEAD), never by the handler who asks."""

    wagtail_reference_index_ignore = True  # a record, not content: no "usage" to index inside every write

    class State(models.TextChoices):
        PENDING = "pending", "待批准"
        APPROVED = "approved", "已批准"
        REFUSED = "refused", "未批准"

    request = models.ForeignKey(InformationRequest, verbose_name="申请", on_delete=models.CASCADE,
                                related_name="extensions")
    workdays = models.PositiveSmallIntegerField("延长工作日数")
    reason = models.TextField("延期理由")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    proposed_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="批准人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_on = models.DateField("批准日期", null=True, blank=True)
    decision_note = models.TextField("批准意见", blank=True)

    class Meta:
        ordering = ["proposed_at", "pk"]
        verbose_name = "延期答复"
        verbose_name_plural = "延期答复"
        constraints = [models.UniqueConstraint(fields=["request"], condition=models.Q(state="approved"),
                                               name="foi_one_approved_extension")]

    def __str__(self):
        return f"{self.request} 延期 {self.workdays} 个工作日"


class FeeNotice(models.Model):
    """收费通知 (国办函〔2020〕109号): one method per request; the answer clock pauses until payment, and an
    unpaid notice past its period ends the request (table 三 r6_2)."""

    wagtail_reference_index_ignore = True  # a record, not content: no "usage" to index inside every write

    class Method(models.TextChoices):
        BY_COUNT = "by_count", "按件计收"
        BY_VOLUME = "by_volume", "按量计收"

    request = models.OneToOneField(InformationRequest, verbose_name="申请", on_delete=models.CASCADE,
                                   related_name="fee")
    method = models.CharField("计收方式", max_length=10, choices=Method.choices)
    nth_this_month = models.PositiveIntegerField("本月第几件", null=True, blank=True)
    pages = models.PositiveIntegerField("页数", null=True, blank=True)
    computed_amount = models.DecimalField("按标准应收（元）", max_digits=10, decimal_places=2)
    amount = models.DecimalField("收费金额（元）", max_digits=10, decimal_places=2,
                                 help_text="可依规定减免，不得高于按标准应收金额。")
    reduction_reason = models.CharField("减免理由", max_length=200, blank=True)
    notified_on = models.DateField("通知日期")
    delivered_on = delivery_date()
    clock = models.OneToOneField("timelimits.Clock", verbose_name="缴费期限", on_delete=models.PROTECT,
                                 related_name="+")
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    payment_reference = models.CharField("缴款凭证号", max_length=100, blank=True)
    lapsed = models.BooleanField("逾期未缴费", default=False)

    class Meta:
        verbose_name = "收费通知"
        verbose_name_plural = "收费通知"

    def __str__(self):
        return f"{self.request} 信息处理费 {self.amount} 元"

    @property
    def is_open(self):
        return self.paid_on is None and not self.lapsed


class Reply(models.Model):
    """The decision and its 告知书: drafted by the handler, signed off by a reviewer (four eyes), then sent
    by the way the applicant chose. Its outcome is exactly one row of the annual report's table 三."""

    wagtail_reference_index_ignore = True  # a record, not content: no "usage" to index inside every write

    class State(models.TextChoices):
        PENDING_REVIEW = "pending_review", "待审签"
        RETURNED = "returned", "退回修改"
        APPROVED = "approved", "审签通过"
        SENT = "sent", "已送达"

    request = models.OneToOneField(InformationRequest, verbose_name="申请", on_delete=models.CASCADE,
                                   related_name="reply")
    outcome = models.CharField("办理结果", max_length=8, choices=outcome_choices)
    reasons = models.TextField("事实与理由", blank=True)
    how_to_obtain = models.TextField("获取方式与时间", blank=True)
    withheld = models.TextField("不予公开的内容", blank=True, help_text="部分公开时必填。")
    withheld_reason = models.TextField("不予公开的理由", blank=True)
    right_agency = models.CharField("掌握该信息的机关", max_length=200, blank=True)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.PENDING_REVIEW)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="拟稿人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    drafted_at = models.DateTimeField("拟稿时间")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审签人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField("审签时间", null=True, blank=True)
    review_note = models.TextField("审签意见", blank=True)
    letter_number = models.CharField("告知书文号", max_length=100, blank=True)
    letter_dated = models.DateField("告知书日期", null=True, blank=True)
    letter_pdf = models.ForeignKey("files.AgencyDocument", verbose_name="告知书（PDF）", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    letter_docx = models.ForeignKey("files.AgencyDocument", verbose_name="告知书（DOCX）", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField("送达日期", null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="送达经办人", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    delivery_way = models.CharField("送达方式", max_length=20, choices=DeliveryWay.choices, blank=True)
    delivery_detail = models.CharField("送达说明", max_length=200, blank=True, help_text="如邮件挂号号码、领取人。")

    class Meta:
        verbose_name = "答复"
        verbose_name_plural = "答复"

    def __str__(self):
        return f"{self.request} 答复"


class Remedy(models.Model):
    """行政复议 / 行政诉讼 against a request's handling, with its result: the columns of table 四."""

    wagtail_reference_index_ignore = True  # a record, not content: no "usage" to index inside every write

    class Kind(models.TextChoices):
        REVIEW = "review", "行政复议"
        SUIT_DIRECT = "suit_direct", "行政诉讼（未经复议直接起诉）"
        SUIT_AFTER_REVIEW = "suit_after_review", "行政诉讼（复议后起诉）"

    class Result(models.TextChoices):
        UPHELD = "upheld", "结果维持"
        CORRECTED = "corrected", "结果纠正"
        OTHER = "other", "其他结果"
        PENDING = "pending", "尚未审结"

    request = models.ForeignKey(InformationRequest, verbose_name="申请", on_delete=models.CASCADE,
                                related_name="remedies")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    filed_on = models.DateField("申请（起诉）日期")
    body = models.CharField("复议机关或法院", max_length=200)
    case_number = models.CharField("案号", max_length=100, blank=True)
    result = models.CharField("结果", max_length=10, choices=Result.choices, default=Result.PENDING, db_index=True)
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["filed_on", "pk"]
        verbose_name = "行政复议和诉讼"
        verbose_name_plural = "行政复议和诉讼"

    def __str__(self):
        return f"{self.request} {self.get_kind_display()}"


class Complaint(models.Model):
    """举报投诉 about disclosure work (条例第五十一条), answered on its own clock by the agency or those above it."""

    wagtail_reference_index_ignore = True  # a record, not content: no "usage" to index inside every write

    class State(models.TextChoices):
        OPEN = "open", "办理中"
        ANSWERED = "answered", "已答复"

    number = models.CharField("投诉编号", max_length=40, unique=True)
    tracking_digest = tracking_digest_field()  # the 查询码 itself is never stored
    agency = models.ForeignKey("orgs.Agency", verbose_name="被投诉机关", on_delete=models.PROTECT,
                               related_name="disclosure_complaints")
    related_request = models.ForeignKey(InformationRequest, verbose_name="相关申请", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="complaints")
    name = EncryptedCharField("投诉人", max_length=500)
    phone = EncryptedCharField("联系电话", max_length=500)
    phone_index = BlindIndexField(source="phone", purpose=hashing.PHONE)
    email = EncryptedCharField("电子邮箱", max_length=500, blank=True)
    content = EncryptedTextField("投诉内容")
    submitted_at = models.DateTimeField("提交时间")
    received_on = models.DateField("收到日期")
    clock = models.OneToOneField("timelimits.Clock", verbose_name="答复期限", on_delete=models.PROTECT,
                                 related_name="+")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    finding = models.CharField("核查结论", max_length=20, blank=True,
                               choices=[("substantiated", "属实"), ("partly", "部分属实"), ("unfounded", "不属实")])
    answer = models.TextField("答复内容", blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="答复人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "政府信息公开投诉举报"
        verbose_name_plural = "政府信息公开投诉举报"

    def __str__(self):
        return self.number

    @property
    def masked_name(self):
        return masking.mask_name(self.name)

    @property
    def masked_phone(self):
        return masking.mask_phone(self.phone)


class FeeScheduleVersion(models.Model):
    """The 信息处理费 schedule as editable data: the newest version in effect applies. Seeded from
    shared/data/foi_fee_schedule_2020.json (国办函〔2020〕109号)."""

    effective_from = models.DateField("施行日期", unique=True)
    basis = models.CharField("依据", max_length=200)
    data = models.JSONField("收费标准", help_text="按件、按量的分档标准和缴费期限，格式同 foi_fee_schedule_2020.json。")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = "信息处理费标准"
        verbose_name_plural = "信息处理费标准"

    def __str__(self):
        return f"{self.basis}（{self.effective_from:%Y-%m-%d} 起施行）"


class ComplaintEvent(CaseEvent):
    """One step of a 举报投诉's timeline: filed, noted, answered."""

    class Kind(models.TextChoices):
        FILED = "filed", "提交投诉举报"
        NOTE = "note", "内部备注"
        ANSWERED = "answered", "答复"

    subject_field = "complaint"
    complaint = models.ForeignKey(Complaint, verbose_name="投诉举报", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="办理人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    public = models.BooleanField("投诉人可见", default=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "投诉举报办理记录"
        verbose_name_plural = "投诉举报办理记录"

    def __str__(self):
        return f"{self.complaint_id} {self.get_kind_display()}"
