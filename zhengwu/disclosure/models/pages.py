"""The 政府信息公开 section of every site: the section home (公开指南, 公开制度, 法定主动公开内容), the
catalog (公开目录) and its items, and the major-project pages of 重点领域信息公开."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from zhengwu.portal.models import AgencyPage

from ..forms import DisclosureItemForm, DraftCopyForm
from .taxonomies import Genre, ServiceObject, StatutoryCategory, Theme

SITE_HOME_TYPES = ["portal.PortalHomePage", "portal.DepartmentSitePage", "portal.TownshipSectionPage"]


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    PENDING = "pending", "尚未生效"
    EXPIRED = "expired", "已失效"
    REPEALED = "repealed", "已废止"


class ProjectStage(models.TextChoices):
    """The whole process of a major project (工作要点二: 重点领域全过程公开), in order."""

    APPROVAL = "approval", "审批"
    DECISION = "decision", "决策"
    TENDERING = "tendering", "招标投标"
    LAND = "land", "土地出让"
    PLANNING = "planning", "规划"
    CONSTRUCTION = "construction", "建设实施"
    FUNDS = "funds", "资金管理"
    PROCUREMENT = "procurement", "物资采购"


class DisclosureSectionPage(RoutablePageMixin, AgencyPage):
    """政府信息公开: the section every portal, sub-site and township section has (slug xxgk)."""

    guide = RichTextField("公开指南", blank=True,
                          help_text="信息分类、编排体系、获取方式，以及公开工作机构的名称、地址、办公时间、电话、传真、电子邮箱。")
    rules = RichTextField("公开制度", blank=True)
    office_name = models.CharField("公开工作机构", max_length=100, blank=True)
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    office_phone = models.CharField("联系电话", max_length=50, blank=True)
    office_fax = models.CharField("传真", max_length=50, blank=True)
    office_email = models.EmailField("电子邮箱", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("guide"),
        MultiFieldPanel([FieldPanel("office_name"), FieldPanel("office_address"), FieldPanel("office_hours"),
                         FieldRowPanel([FieldPanel("office_phone"), FieldPanel("office_fax")]),
                         FieldPanel("office_email")], heading="公开工作机构"),
        FieldPanel("rules"),
    ]
    parent_page_types = SITE_HOME_TYPES
    subpage_types = ["disclosure.DisclosureCatalogPage", "disclosure.MajorProjectIndexPage", "portal.ColumnPage"]
    template = "disclosure/section_page.html"

    class Meta:
        verbose_name = "政府信息公开专栏"

    def statutory_categories(self):
        """The 法定主动公开内容 categories this agency must publish, each with its live item count and what other
        apps list under it (statutory_sources: the power list under 第二十条第（五）、（六）项 …)."""
        from ..statutory_sources import listed

        counts = dict(
            DisclosureItemPage.objects.live().public().descendant_of(self).filter(category__isnull=False)
            .order_by().values_list("category").annotate(n=models.Count("pk")).values_list("category", "n")
        )
        categories = list(StatutoryCategory.for_agency(self.agency)) if self.agency_id else []
        for category in categories:
            category.item_count = counts.get(category.pk, 0)
            category.elsewhere = listed(category.code, self.agency)
        return categories

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = Page.objects.child_of(self).live().public().specific()
        context["catalog"] = next((p for p in children if isinstance(p, DisclosureCatalogPage)), None)
        context["subsections"] = children
        return context

    @path("")
    def overview(self, request):
        return self.render(request, context_overrides={"view": "overview",
                                                       "categories": self.statutory_categories()})

    @path("gkzn/")
    def guide_view(self, request):
        return self.render(request, context_overrides={"view": "guide", "view_title": "公开指南"})

    @path("gkzd/")
    def rules_view(self, request):
        return self.render(request, context_overrides={"view": "rules", "view_title": "公开制度"})

    @path("fdzdgknr/")
    def statutory_view(self, request):
        return self.render(request, context_overrides={"view": "statutory", "view_title": "法定主动公开内容",
                                                       "categories": self.statutory_categories()})


class DisclosureCatalogPage(RoutablePageMixin, AgencyPage):
    """公开目录: the agency's catalog, browsable by theme, genre, year, category and validity, with RSS."""

    intro = models.TextField("说明", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["disclosure.DisclosureSectionPage"]
    subpage_types = ["disclosure.DisclosureItemPage"]
    template = "disclosure/catalog_page.html"

    class Meta:
        verbose_name = "政府信息公开目录"

    def permissions_for_user(self, user):
        from .review import CatalogPermissionTester

        return CatalogPermissionTester(user, self)

    def items(self):
        return (DisclosureItemPage.objects.child_of(self).live().public()
                .select_related("theme", "theme__parent", "genre", "agency")
                .order_by("-published_on", "-pk"))

    @path("")
    def listing(self, request):
        from zhengwu.disclosure.browse import CatalogBrowse

        browse = CatalogBrowse(self.items(), request.GET)
        return self.render(request, context_overrides={
            "browse": browse,
            "items": Paginator(browse.queryset, 20).get_page(request.GET.get("page")),
        })

    @path("rss/")
    def rss(self, request):
        from zhengwu.disclosure.feeds import CatalogFeed

        return CatalogFeed()(request, catalog=self)


class DisclosureItemPage(AgencyPage):
    """One item of the catalog with the core metadata of the 政府信息公开目录系统实施指引.

    索引号, 发布日期 and the Art. 26 figures are set by `actions` when the item is first published and
    never change; `with_content_json` keeps them when an older revision is published again."""

    index_number = models.CharField("索引号", max_length=40, unique=True, null=True, blank=True, editable=False)
    description = models.TextField("内容概述", blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    written_on = models.DateField("成文日期", null=True, blank=True)
    formed_on = models.DateField(
        "信息形成（变更）日期", default=timezone.localdate,
        help_text="条例第二十六条：应自该信息形成或者变更之日起20个工作日内公开。")
    published_on = models.DateField("发布日期", null=True, blank=True, editable=False)
    published_year = models.PositiveSmallIntegerField("发布年份", null=True, blank=True, editable=False)
    theme = models.ForeignKey(Theme, verbose_name="主题分类", on_delete=models.PROTECT, related_name="+")
    genre = models.ForeignKey(Genre, verbose_name="体裁分类", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    service_object = models.ForeignKey(ServiceObject, verbose_name="服务对象", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(StatutoryCategory, verbose_name="法定主动公开内容类别", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    keywords = models.CharField("主题词", max_length=200, blank=True, help_text="多个主题词以空格或顿号分隔。")
    effective_on = models.DateField("生效日期", null=True, blank=True)
    valid_until = models.DateField("失效日期", null=True, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.VALID,
                                editable=False)
    body = RichTextField("正文", blank=True)
    interprets = models.ForeignKey(
        "self", verbose_name="解读的政策文件", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="interpretations", help_text="本条为政策解读时，选择它所解读的政策文件。")
    project = models.ForeignKey(
        "disclosure.MajorProjectPage", verbose_name="所属重大建设项目", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="items")
    project_stage = models.CharField("项目环节", max_length=20, choices=ProjectStage.choices, blank=True)
    publication_clock = models.ForeignKey("timelimits.Clock", verbose_name="公开时限", null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+", editable=False)
    published_late = models.BooleanField("超期公开", default=False, editable=False)
    late_workdays = models.PositiveSmallIntegerField("超期工作日", null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="撤回人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+", editable=False)
    withdraw_reason = models.TextField("撤回原因", blank=True, editable=False)

    # Set by the publication actions; an older revision must never bring back older values.
    SYSTEM_FIELDS = ("index_number", "published_on", "published_year", "publication_clock_id", "published_late",
                     "late_workdays", "withdrawn_at", "withdrawn_by_id", "withdraw_reason")
    exclude_fields_in_copy = ["index_number", "published_on", "published_year", "publication_clock",
                              "published_late", "late_workdays", "withdrawn_at", "withdrawn_by", "withdraw_reason"]

    content_panels = Page.content_panels + [
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("doc_number"), FieldPanel("written_on")]),
            FieldRowPanel([FieldPanel("theme"), FieldPanel("genre")]),
            FieldPanel("category"),
            FieldPanel("service_object"),
            FieldPanel("keywords"),
            FieldPanel("description"),
            FieldPanel("formed_on"),
        ], heading="目录元数据"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("effective_on"), FieldPanel("valid_until"),
                                        FieldPanel("repealed_on")])], heading="有效性"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件", heading="附件"),
        MultiFieldPanel([PageChooserPanel("interprets", "disclosure.DisclosureItemPage"),
                         PageChooserPanel("project", "disclosure.MajorProjectPage"),
                         FieldPanel("project_stage")], heading="关联"),
    ]
    copy_form_class = DraftCopyForm
    parent_page_types = ["disclosure.DisclosureCatalogPage"]
    subpage_types = []
    template = "disclosure/item_page.html"
    base_form_class = DisclosureItemForm

    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.SearchField("description"),
        index.SearchField("keywords", boost=2),
        index.SearchField("doc_number", boost=2),
        index.SearchField("index_number"),
        index.SearchField("attachment_text"),
        index.AutocompleteField("doc_number"),
        index.FilterField("agency"),
        index.FilterField("theme"),
        index.FilterField("genre"),
        index.FilterField("category"),
        index.FilterField("published_year"),
        index.FilterField("published_on"),
        index.FilterField("validity"),
    ]

    class Meta:
        verbose_name = "公开目录信息"
        verbose_name_plural = "公开目录信息"

    def clean(self):
        super().clean()
        errors = {}
        if self.written_on and self.formed_on and self.formed_on < self.written_on:
            errors["formed_on"] = "信息形成（变更）日期不能早于成文日期。"
        if self.effective_on and self.valid_until and self.valid_until < self.effective_on:
            errors["valid_until"] = "失效日期不能早于生效日期。"
        if self.interprets_id and self.interprets_id == self.pk:
            errors["interprets"] = "政策解读不能解读它自己。"
        if bool(self.project_id) != bool(self.project_stage):
            errors["project_stage"] = "选择了重大建设项目时须同时选择项目环节，反之亦然。"
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        from .review import guard_publication

        guard_publication(self, kwargs.get("update_fields"))
        self.validity = self.validity_on(timezone.localdate())
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "validity"}
        super().save(*args, **kwargs)

    def validity_on(self, day: datetime.date) -> str:
        if self.repealed_on and self.repealed_on <= day:
            return Validity.REPEALED
        if self.valid_until and self.valid_until < day:
            return Validity.EXPIRED
        if self.effective_on and self.effective_on > day:
            return Validity.PENDING
        return Validity.VALID

    @property
    def validity_note(self):
        """What lists and the page say of an item no longer (or not yet) in force, with its date."""
        if self.validity == Validity.REPEALED:
            return f"已于 {self.repealed_on:%Y-%m-%d} 废止"
        if self.validity == Validity.EXPIRED:
            return f"已于 {self.valid_until:%Y-%m-%d} 失效"
        if self.validity == Validity.PENDING:
            return f"自 {self.effective_on:%Y-%m-%d} 起生效"
        return ""

    def keyword_list(self):
        return [word for word in self.keywords.replace("、", " ").replace("，", " ").replace(",", " ").split() if word]

    def attachment_text(self):
        return "\n".join(
            getattr(attachment.document, "extracted_text", "") or ""
            for attachment in self.attachments.select_related("document") if attachment.document_id)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for field in self.SYSTEM_FIELDS:
            setattr(obj, field, getattr(self, field))
        return obj

    def permissions_for_user(self, user):
        from .review import SecrecyReviewedPermissionTester

        return SecrecyReviewedPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["interpretations"] = self.interpretations.live().public().order_by("-published_on")
        return context


class ItemAttachment(Orderable):
    item = ParentalKey(DisclosureItemPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(get_document_model_string(), verbose_name="文件", on_delete=models.PROTECT,
                                 related_name="+")

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "附件"
        verbose_name_plural = "附件"


class MajorProjectIndexPage(AgencyPage):
    """重点领域信息公开: the agency's major construction projects."""

    intro = models.TextField("说明", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["disclosure.DisclosureSectionPage"]
    subpage_types = ["disclosure.MajorProjectPage"]
    template = "disclosure/project_index_page.html"

    class Meta:
        verbose_name = "重大建设项目列表"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        projects = MajorProjectPage.objects.child_of(self).live().public().order_by("-start_on", "title")
        domain = request.GET.get("domain", "")
        if domain in MajorProjectPage.Domain.values:
            projects = projects.filter(domain=domain)
        context["projects"] = projects
        context["domains"] = MajorProjectPage.Domain.choices
        context["domain"] = domain
        return context


class MajorProjectPage(AgencyPage):
    """A 重大建设项目 whose page shows its whole process as a timeline of linked disclosure items."""

    class Domain(models.TextChoices):
        LAND = "land", "国土"
        TRANSPORT = "transport", "交通"
        HOUSING = "housing", "住建"
        WATER = "water", "水利"
        POWER = "power", "电力"

    domain = models.CharField("领域", max_length=20, choices=Domain.choices)
    project_code = models.CharField("项目代码", max_length=40, blank=True)
    owner_unit = models.CharField("项目法人（建设单位）", max_length=100, blank=True)
    location = models.CharField("建设地点", max_length=200, blank=True)
    investment = models.DecimalField("总投资（万元）", max_digits=14, decimal_places=2, null=True, blank=True)
    start_on = models.DateField("开工日期", null=True, blank=True)
    summary = RichTextField("项目概况", blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("domain"), FieldPanel("project_code")]),
        FieldPanel("owner_unit"), FieldPanel("location"),
        FieldRowPanel([FieldPanel("investment"), FieldPanel("start_on")]),
        FieldPanel("summary"),
    ]
    parent_page_types = ["disclosure.MajorProjectIndexPage"]
    subpage_types = []
    template = "disclosure/project_page.html"

    search_fields = Page.search_fields + [index.SearchField("summary"), index.FilterField("agency"),
                                          index.FilterField("domain")]

    class Meta:
        verbose_name = "重大建设项目"

    def timeline(self):
        """[(stage value, stage label, [items])] in process order; an empty list is a missing stage."""
        items = (DisclosureItemPage.objects.live().public().filter(project=self)
                 .select_related("agency").order_by("published_on", "pk"))
        by_stage = {}
        for item in items:
            by_stage.setdefault(item.project_stage, []).append(item)
        return [(value, label, by_stage.get(value, [])) for value, label in ProjectStage.choices]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["timeline"] = self.timeline()
        context["missing_stages"] = [label for _value, label, items in context["timeline"] if not items]
        return context


__all__ = ["DisclosureCatalogPage", "DisclosureItemPage", "DisclosureSectionPage",
           "ItemAttachment", "MajorProjectIndexPage", "MajorProjectPage", "ProjectStage", "Validity"]
