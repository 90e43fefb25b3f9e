"""The service catalog (事项目录): matters and their 办事指南 (cn-norms §4.1–4.2).

A matter belongs to the agency that implements it (实施主体); its guide is the fields below plus its
material list and special procedures. Time limits are working days, counted by the clock engine.
"""

from django.db import models
from wagtail.documents import get_document_model_string
from wagtail.search import index


class MatterType(models.TextChoices):
    # Only 依申请 types belong to 政务服务 (cn-norms §4.1); the two-letter codes follow local 事项编码 practice.
    LICENSING = "XK", "行政许可"
    CONFIRMATION = "QR", "行政确认"
    PAYMENT = "JF", "行政给付"
    REWARD = "JL", "行政奖励"
    ADJUDICATION = "CJ", "行政裁决"
    OTHER_POWER = "QT", "其他行政权力"
    PUBLIC_SERVICE = "GG", "公共服务"
    FILING = "BA", "行政备案"


class Audience(models.TextChoices):
    PERSON = "person", "自然人"
    COMPANY = "company", "法人"
    BOTH = "both", "自然人、法人"


class Topic(models.Model):
    """A way in to the catalog: a theme (主题) or a life event (人生事件/企业生命周期), editable data."""

    class Kind(models.TextChoices):
        THEME = "theme", "主题"
        LIFE_EVENT = "life_event", "人生事件"

    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    name = models.CharField("名称", max_length=50)
    slug = models.SlugField("英文标识", max_length=50)
    audience = models.CharField("服务对象", max_length=10, choices=Audience.choices, default=Audience.BOTH)
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["kind", "order", "id"]
        verbose_name = "事项主题"
        verbose_name_plural = "事项主题"
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="services_topic_unique_slug")]

    def __str__(self):
        return self.name


class Matter(index.Indexed, models.Model):
    """A service matter (政务服务事项) with its complete guide."""

    class CaseKind(models.TextChoices):
        IMMEDIATE = "immediate", "即办件"
        PROMISED = "promised", "承诺件"

    class OnlineDepth(models.IntegerChoices):
        INFORMATION = 1, "一级：网上发布办事信息"
        DOWNLOAD = 2, "二级：在线咨询、表格下载"
        PREVIEW = 3, "三级：在线预审、网上申报"
        FULL = 4, "四级：全程网办"

    wagtail_reference_index_ignore = True
    agency = models.ForeignKey("orgs.Agency", verbose_name="实施主体", on_delete=models.PROTECT,
                               related_name="service_matters")
    code = models.CharField("事项编码", max_length=40, unique=True)
    name = models.CharField("事项名称", max_length=200)
    matter_type = models.CharField("事项类型", max_length=2, choices=MatterType.choices, db_index=True)
    audience = models.CharField("服务对象", max_length=10, choices=Audience.choices, default=Audience.PERSON)
    topics = models.ManyToManyField(Topic, verbose_name="主题与人生事件", blank=True, related_name="matters")
    legal_basis = models.TextField("设定依据")
    conditions = models.TextField("受理条件")
    process = models.TextField("办理流程", help_text="每行一个环节，如：申请、受理、审查、决定、送达。")
    case_kind = models.CharField("办件类型", max_length=10, choices=CaseKind.choices, default=CaseKind.PROMISED)
    statutory_workdays = models.PositiveSmallIntegerField("法定办结时限（工作日）")
    promised_workdays = models.PositiveSmallIntegerField("承诺办结时限（工作日）",
                                                         help_text="不得长于法定时限；电子监察按承诺时限计时。")
    acceptance_workdays = models.PositiveSmallIntegerField(
        "受理时限（工作日）", default=5, help_text="行政许可法第三十二条：材料不全的，五日内一次性告知。")
    issuance_workdays = models.PositiveSmallIntegerField(
        "送达时限（工作日）", default=10, help_text="行政许可法第四十四条：作出决定之日起十日内颁发、送达。")
    charged = models.BooleanField("是否收费", default=False)
    fee_standard = models.TextField("收费标准", blank=True)
    fee_basis = models.TextField("收费依据", blank=True)
    fee_limit = models.DecimalField("收费上限（元）", max_digits=10, decimal_places=2, default=0,
                                    help_text="窗口登记的收费高于此数即记为超范围收费。")
    place = models.CharField("办理地点", max_length=300)
    hours = models.CharField("办理时间", max_length=200)
    visits = models.PositiveSmallIntegerField("到现场次数", default=1)
    online_depth = models.PositiveSmallIntegerField("网上办理深度", choices=OnlineDepth.choices,
                                                    default=OnlineDepth.PREVIEW)
    consult_channel = models.CharField("咨询方式", max_length=300)
    complaint_channel = models.CharField("监督投诉方式", max_length=300)
    result_name = models.CharField("办理结果", max_length=200, blank=True)
    faq = models.TextField("常见问题", blank=True)
    form_fields = models.JSONField(
        "申请表字段", default=list, blank=True,
        help_text='在线申请表中除申请人信息外的字段，如 [{"name": "shop_name", "label": "店铺名称", "required": true}]。')
    is_active = models.BooleanField("在用", default=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    # The site search finds guides by their name first, then by what they say (conditions, basis, FAQ).
    search_fields = [index.SearchField("name", boost=3), index.SearchField("conditions"),
                     index.SearchField("legal_basis"), index.SearchField("faq"), index.FilterField("is_active"),
                     index.FilterField("agency")]

    class Meta:
        ordering = ["agency__path", "code"]
        verbose_name = "政务服务事项"
        verbose_name_plural = "政务服务事项"

    def __str__(self):
        return self.name

    @property
    def applies_online(self):
        return self.online_depth >= self.OnlineDepth.PREVIEW


class MaterialRequirement(models.Model):
    """One line of the material list (申请材料)."""

    class Form(models.TextChoices):
        ORIGINAL = "original", "原件"
        COPY = "copy", "复印件"
        ELECTRONIC = "electronic", "电子件"
        ORIGINAL_AND_COPY = "both", "原件和复印件"

    matter = models.ForeignKey(Matter, verbose_name="事项", on_delete=models.CASCADE, related_name="materials")
    name = models.CharField("材料名称", max_length=200)
    form = models.CharField("材料形式", max_length=12, choices=Form.choices, default=Form.ORIGINAL_AND_COPY)
    copies = models.PositiveSmallIntegerField("份数", default=1)
    required = models.BooleanField("必须提交", default=True)
    source = models.CharField("来源渠道", max_length=100, blank=True, help_text="如：申请人自备、政府部门核发。")
    blank_form = models.ForeignKey(get_document_model_string(), verbose_name="空白表格", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    sample = models.ForeignKey(get_document_model_string(), verbose_name="示例样表", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    note = models.CharField("填报说明", max_length=300, blank=True)
    exemption = models.CharField(
        "免于提交", max_length=200, blank=True,
        help_text="可免于提交的情形，如：可通过电子营业执照共享获取。填写后网上申请不再要求上传此材料。")
    order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["matter", "order", "id"]
        verbose_name = "申请材料"
        verbose_name_plural = "申请材料"

    def __str__(self):
        return self.name

    @property
    def must_upload(self):
        """Required, and not exempt (the guide's 免于提交: the agency gets it by data sharing)."""
        return self.required and not self.exemption


class SpecialProcedure(models.Model):
    """特别程序 (行政许可法第四十五条: 听证、检验、鉴定、专家评审…); when it does not count, the clock pauses."""

    matter = models.ForeignKey(Matter, verbose_name="事项", on_delete=models.CASCADE,
                               related_name="special_procedures")
    name = models.CharField("环节名称", max_length=100)
    workdays = models.PositiveSmallIntegerField("所需时限（工作日）")
    basis = models.CharField("法定依据", max_length=300, blank=True)
    charged = models.BooleanField("是否收费", default=False)
    counts_toward_limit = models.BooleanField("计算在办结时限内", default=False)

    class Meta:
        ordering = ["matter", "id"]
        verbose_name = "特别程序"
        verbose_name_plural = "特别程序"

    def __str__(self):
        return self.name
