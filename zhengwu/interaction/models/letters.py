"""Leader and department mailboxes (省长信箱, 市长/县长信箱, 部门信箱) and the letters written to them.

A letter is a case (DESIGN.md, shared mechanism 3): a writer, the agency answering it, one clock (the
mailbox's reply limit, 15 working days by default: no national rule, cn-norms.md §1.2), and typed events.
The mailbox's own agency is the office that triages; a letter forwarded (交办) belongs to the agency answering
it, which may hand it back once. A reply is drafted by one person and approved by another; only an approved
reply reaches the writer, and only a letter whose writer allowed it is published, with personal details
removed from the public text.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.search import index

from zhengwu.cases.events import CaseEvent
from zhengwu.cases.tracking import tracking_digest_field
from zhengwu.privacy import hashing, masking
from zhengwu.privacy.fields import BlindIndexField, EncryptedCharField, EncryptedTextField

RESERVED_SLUGS = {"written", "track", "rate", "letters"}  # fixed paths under /hdjl/xx/ (letter_urls.py)


def validate_mailbox_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(f"“{value}”是系统保留的网址名，请换一个。")


class Mailbox(models.Model):
    class Kind(models.TextChoices):
        LEADER = "leader", "领导信箱"
        DEPARTMENT = "department", "部门信箱"

    agency = models.ForeignKey("orgs.Agency", verbose_name="所属机构（分办单位）", on_delete=models.PROTECT,
                               related_name="mailboxes")
    name = models.CharField("信箱名称", max_length=100)
    slug = models.SlugField("网址名", max_length=60, unique=True, validators=[validate_mailbox_slug],
                            help_text="公开网址 /hdjl/xx/网址名/ 中的部分，如 szxx。")
    kind = models.CharField("类型", max_length=12, choices=Kind.choices, default=Kind.DEPARTMENT)
    intro = models.TextField("信箱说明", blank=True, help_text="写信须知：受理范围、办理时限、不受理的情形。")
    limit_workdays = models.PositiveSmallIntegerField(
        "答复时限（工作日）", default=15, help_text="自收信之日起计算；国家未统一规定，默认 15 个工作日。")
    is_active = models.BooleanField("开放写信", default=True)
    order = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "信箱"
        verbose_name_plural = "信箱"

    def __str__(self):
        return self.name


class LetterCategory(models.TextChoices):
    CONSULT = "consult", "咨询"
    SUGGEST = "suggest", "建议"
    COMPLAIN = "complain", "投诉"
    HELP = "help", "求助"
    OTHER = "other", "其他"


class LetterState(models.TextChoices):
    RECEIVED = "received", "待分办"
    ASSIGNED = "assigned", "办理中"
    REVIEWING = "reviewing", "答复待审核"
    REPLIED = "replied", "已答复"
    REFERRED = "referred", "已转信访渠道"


OPEN_LETTER_STATES = [LetterState.RECEIVED, LetterState.ASSIGNED, LetterState.REVIEWING]


class LetterRating(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class Letter(index.Indexed, models.Model):
    wagtail_reference_index_ignore = True  # a record, not content
    number = models.CharField("信件编号", max_length=40, unique=True)
    tracking_digest = tracking_digest_field()  # the 查询码 itself is never stored
    mailbox = models.ForeignKey(Mailbox, verbose_name="信箱", on_delete=models.PROTECT, related_name="letters")
    agency = models.ForeignKey("orgs.Agency", verbose_name="办理单位", on_delete=models.PROTECT,
                               related_name="letters")
    category = models.CharField("类别", max_length=10, choices=LetterCategory.choices)
    subject = models.CharField("标题", max_length=100)
    body = EncryptedTextField("来信内容")  # the writer's own words: personal data, ciphertext at rest
    name = EncryptedCharField("姓名", max_length=500)
    phone = EncryptedCharField("联系电话", max_length=500)
    phone_index = BlindIndexField(source="phone", purpose=hashing.PHONE)
    email = EncryptedCharField("电子邮箱", max_length=500, blank=True)
    address = EncryptedCharField("通信地址", max_length=1000, blank=True)
    may_publish = models.BooleanField("同意公开", default=False,
                                      help_text="写信人同意在网站公开来信和答复（个人信息隐去）。")
    writer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="写信人账号", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="letters")
    text_digest = models.CharField("正文摘要值", max_length=64, db_index=True)
    group = models.ForeignKey("self", verbose_name="同组主信", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="grouped", help_text="重复或相近来信归入主信，一并答复。")
    state = models.CharField("状态", max_length=12, choices=LetterState.choices, default=LetterState.RECEIVED)
    received_on = models.DateField("受理日期")
    submitted_at = models.DateTimeField("写信时间")
    clock = models.OneToOneField("timelimits.Clock", verbose_name="答复时限", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    returns = models.PositiveSmallIntegerField("退回次数", default=0)
    # The reply: drafted, then approved by someone else; only then does it reach the writer.
    reply_draft = models.TextField("答复草稿", blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="拟稿人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    reply = models.TextField("答复内容", blank=True)
    reply_agency = models.ForeignKey("orgs.Agency", verbose_name="答复单位", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    replied_on = models.DateField("答复日期", null=True, blank=True)
    reply_workdays = models.PositiveSmallIntegerField("答复用时（工作日）", null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    referral = models.TextField("转办说明", blank=True, help_text="属于信访事项的，告知写信人向何处反映及理由。")
    # Publication: decided by the approver, only where the writer allowed it.
    published = models.BooleanField("已公开", default=False)
    public_subject = models.CharField("公开标题", max_length=100, blank=True)
    public_body = models.TextField("公开内容", blank=True)
    rating = models.CharField("满意度", max_length=12, choices=LetterRating.choices, blank=True)
    rating_comment = EncryptedTextField("评价意见", blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)

    # Only what a published letter shows is indexed (its public title and text, the reply); never the writer.
    search_fields = [index.SearchField("public_subject", boost=3), index.SearchField("public_body"),
                     index.SearchField("reply"), index.FilterField("published"), index.FilterField("state"),
                     index.FilterField("mailbox")]

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "来信"
        verbose_name_plural = "来信"
        indexes = [models.Index(fields=["agency", "state"]), models.Index(fields=["mailbox", "received_on"]),
                   models.Index(fields=["mailbox", "published", "replied_on"])]

    def __str__(self):
        return self.number

    @classmethod
    def get_indexed_objects(cls):
        # Only published letters are found; the others are not indexed at all, so a letter's many steps before
        # publication cost no indexing.
        return super().get_indexed_objects().filter(published=True)

    @property
    def is_open(self):
        return self.state in OPEN_LETTER_STATES

    @property
    def masked_name(self):
        return masking.mask_name(self.name)

    @property
    def masked_phone(self):
        return masking.mask_phone(self.phone)

    @property
    def on_time(self):
        return self.reply_workdays is not None and self.reply_workdays <= self.mailbox.limit_workdays


class LetterEvent(CaseEvent):
    """One typed step of a letter's timeline, written in the same transaction as the state change."""

    class Kind(models.TextChoices):
        RECEIVED = "received", "收到来信"
        GROUPED = "grouped", "归入同组来信"
        UNGROUPED = "ungrouped", "移出同组"
        ASSIGNED = "assigned", "交办"
        RETURNED = "returned", "退回"
        DRAFTED = "drafted", "拟写答复"
        SENT_BACK = "sent_back", "答复退回修改"
        REPLIED = "replied", "答复"
        REFERRED = "referred", "转信访渠道"
        RATED = "rated", "评价"
        NOTE = "note", "内部备注"

    subject_field = "letter"
    letter = models.ForeignKey(Letter, verbose_name="来信", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    public = models.BooleanField("写信人可见", default=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "来信记录"
        verbose_name_plural = "来信记录"

    def __str__(self):
        return f"{self.letter_id} {self.get_kind_display()}"


class LetterAttachment(models.Model):
    """A file sent with the letter; private to those who handle it (never published)."""

    letter = models.ForeignKey(Letter, verbose_name="来信", on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("files.AgencyDocument", verbose_name="文件", on_delete=models.PROTECT,
                                 related_name="+")

    class Meta:
        ordering = ["letter", "pk"]
        verbose_name = "来信附件"
        verbose_name_plural = "来信附件"

    def __str__(self):
        return f"{self.letter_id} {self.document}"
