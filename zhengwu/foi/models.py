"""依申请公开: information requests as cases — an applicant, an owning agency, a legal clock and typed
events written by `foi.actions` in the same transaction as each state change.

Applicant personal data is encrypted at rest (zhengwu.privacy); the blind indexes let duplicate
submissions be found without decrypting anything."""

from django.conf import settings
from django.db import models

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
    number = models.CharField("申请编号", max_length=40, unique=True)
    tracking_code = models.CharField("查询码", max_length=12)
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
    description = models.TextField("所需信息的特征描述")
    purpose_note = models.TextField("用途（选填）", blank=True)
    delivery_form = models.CharField("提供形式", max_length=20, choices=DeliveryForm.choices)
    delivery_way = models.CharField("获取方式", max_length=20, choices=DeliveryWay.choices)
    submitted_at = models.DateTimeField("提交时间")
    received_on = models.DateField("收到申请之日", help_text="条例第三十一条；答复期限自次日起算。")
    state = models.CharField("状态", max_length=20, choices=RequestState.choices, default=RequestState.PROCESSING,
                             db_index=True)
    clock = models.OneToOneField("timelimits.Clock", verbose_name="答复时限", null=True, on_delete=models.PROTECT,
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

    def time_left(self):
        """Working days left on the answer clock (negative when overdue); None once stopped."""
        if self.clock is None or self.clock.due_on is None:
            return None
        return self.clock.days_left()


class RequestEvent(models.Model):
    """One step of a request's timeline. `public` steps are shown to the applicant; internal notes never."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "提交申请"
        REGISTERED = "registered", "登记申请"
        RECEIVED = "received", "收到申请"
        NOTE = "note", "内部备注"

    request = models.ForeignKey(InformationRequest, verbose_name="申请", on_delete=models.CASCADE,
                                related_name="events")
    kind = models.CharField("事项", max_length=20, choices=Kind.choices)
    at = models.DateTimeField("时间", auto_now_add=True)
    on = models.DateField("日期", null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    public = models.BooleanField("申请人可见", default=True)
    message = models.TextField("说明", blank=True)
    data = models.JSONField("数据", default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "申请办理记录"
        verbose_name_plural = "申请办理记录"

    def __str__(self):
        return f"{self.request_id} {self.get_kind_display()}"
