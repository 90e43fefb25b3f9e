"""What an agency files about how it exercises its powers, beside the list itself: its enforcement bases
(执法依据, public), case-file review scores (案卷评查), enforcement fault accountability (执法过错责任追究),
and the conflict-of-interest (防止利益冲突) and 制度廉洁性评估 records of the work plan's pilots (internal)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class AgencyRecord(models.Model):
    wagtail_reference_index_ignore = True
    agency = models.ForeignKey("orgs.Agency", verbose_name="单位", on_delete=models.PROTECT, related_name="+")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填报人", null=True, blank=True,
                                 editable=False, on_delete=models.SET_NULL, related_name="+")
    filed_at = models.DateTimeField("填报时间", auto_now_add=True)

    class Meta:
        abstract = True


class EnforcementBasis(AgencyRecord):
    """One law, regulation or rule an agency enforces (执法依据), published on its power-list pages."""

    title = models.CharField("法律法规规章名称", max_length=200)
    issuer = models.CharField("制定机关", max_length=100, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    articles = models.TextField("相关条款", help_text="本单位据以执法的条款及条文内容。")
    url = models.URLField("原文链接", blank=True)
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        ordering = ["agency__path", "position", "pk"]
        verbose_name = "执法依据"
        verbose_name_plural = "执法依据"

    def __str__(self):
        return self.title


class CaseFileReview(AgencyRecord):
    """A year's 案卷评查 of one agency: how many files were reviewed, the score, the findings."""

    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    reviewer = models.CharField("评查单位", max_length=100)
    files_reviewed = models.PositiveIntegerField("评查案卷数")
    excellent = models.PositiveIntegerField("优秀案卷数", default=0)
    failed = models.PositiveIntegerField("不合格案卷数", default=0)
    score = models.DecimalField("得分", max_digits=5, decimal_places=2,
                                validators=[MinValueValidator(0), MaxValueValidator(100)], help_text="百分制。")
    findings = models.TextField("主要问题和整改要求", blank=True)
    reviewed_on = models.DateField("评查日期")

    class Meta:
        ordering = ["-year", "agency__path"]
        verbose_name = "案卷评查"
        verbose_name_plural = "案卷评查"

    def __str__(self):
        return f"{self.year} 年 {self.agency} {self.score} 分"


class FaultAccountability(AgencyRecord):
    """One 执法过错责任追究: the case, the fault found, who answered for it and how."""

    case_reference = models.CharField("涉及案件（决定书文号）", max_length=200)
    fault = models.TextField("过错情形")
    responsible = models.CharField("责任人员", max_length=100)
    outcome = models.TextField("追究结果", help_text="如：批评教育、责令检查、暂扣执法证件、给予处分。")
    decided_on = models.DateField("追究决定日期")

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = "执法过错责任追究"
        verbose_name_plural = "执法过错责任追究"

    def __str__(self):
        return f"{self.case_reference} {self.responsible}"


class ConflictOfInterest(AgencyRecord):
    """防止利益冲突 pilot: an official's declared interest in a matter and how it was handled (回避 etc.)."""

    official = models.CharField("工作人员", max_length=50)
    post = models.CharField("职务", max_length=100, blank=True)
    matter = models.CharField("涉及事项", max_length=200)
    interest = models.TextField("利益关系")
    measure = models.TextField("处置措施", help_text="如：主动回避、调整分工、不再参与该事项。")
    declared_on = models.DateField("申报日期")

    class Meta:
        ordering = ["-declared_on", "-pk"]
        verbose_name = "防止利益冲突记录"
        verbose_name_plural = "防止利益冲突记录"

    def __str__(self):
        return f"{self.official} {self.matter}"


class IntegrityAssessment(AgencyRecord):
    """制度廉洁性评估: a draft rule or system assessed for corruption risks before it is issued."""

    class Conclusion(models.TextChoices):
        PASSED = "passed", "通过"
        REVISED = "revised", "修改后通过"
        REJECTED = "rejected", "不予通过"

    document = models.CharField("评估的制度文件", max_length=200)
    risks = models.TextField("廉洁风险点")
    measures = models.TextField("防控措施和修改意见")
    conclusion = models.CharField("评估结论", max_length=10, choices=Conclusion.choices)
    assessed_on = models.DateField("评估日期")

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        verbose_name = "制度廉洁性评估"
        verbose_name_plural = "制度廉洁性评估"

    def __str__(self):
        return self.document
