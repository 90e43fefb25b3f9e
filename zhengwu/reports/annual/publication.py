"""Publishing a yearly report: the draft is frozen into its page in the agency's 年报 column and sent into
the same 保密审查 workflow as any catalog item; the reviewer's approval publishes it, and publication
gives it its 索引号 (disclosure.actions.record_publication). A report whose cross-checks fail is refused.

What the public reads is the content frozen at submission, not the figures of the day: a request decided
later does not change a published report. Submitting again (a correction) freezes the new figures into a
new revision of the same page, which keeps its 索引号."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from zhengwu.disclosure.models import Genre, Theme
from zhengwu.portal.models import ColumnPage
from zhengwu.reports.annual.report import build
from zhengwu.reports.models import AnnualReport, AnnualReportPage

COLUMN_SLUG = "gknb"  # 政府信息公开年报, beside the catalog (gkml) in every site's 政府信息公开 section
THEME_CODE = "zt0201"  # 主题分类 综合政务\政务公开
GENRE_CODE = "tcfl08"  # 体裁分类 报告


class PublicationRefused(Exception):
    pass


@dataclass
class Submitted:
    page: AnnualReportPage
    first_time: bool


def title_of(report: AnnualReport) -> str:
    return f"{report.agency.name}{report.year}年政府信息公开工作年度报告"


def report_column(agency) -> ColumnPage | None:
    """The agency's own 年报 column, in its site's 政府信息公开 section."""
    if agency.home_page_id is None:
        return None
    home = Page.objects.filter(pk=agency.home_page_id).first()
    if home is None:
        return None
    return ColumnPage.objects.descendant_of(home).filter(slug=COLUMN_SLUG, agency=agency).first()


def _refuse_failing(built: dict):
    failures = built["checks"]["failures"]
    if failures:
        listed = "；".join(failure["message"] for failure in failures[:3])
        more = f"等 {len(failures)} 处" if len(failures) > 3 else ""
        raise PublicationRefused(f"校验未通过，不能提交发布：{listed}{more}。请更正后再提交。")


@transaction.atomic
def submit_for_publication(report: AnnualReport, user) -> Submitted:
    """Freeze the report into its page and start the 保密审查 workflow (restarting it when a previous
    submission is still waiting: the reviewer then reviews what is current)."""
    report = AnnualReport.objects.select_for_update().select_related("agency").get(pk=report.pk)
    built = build(report.agency, report.year)
    _refuse_failing(built)
    if not (report.overview.strip() and report.problems.strip()):
        raise PublicationRefused("第一部分“总体情况”和第五部分“存在的主要问题及改进情况”尚未填写并保存，不能提交发布。")
    page = AnnualReportPage.objects.filter(report=report).first()
    first_time = page is None
    today = timezone.localdate()
    if first_time:
        column = report_column(report.agency)
        if column is None:
            raise PublicationRefused(f"{report.agency.name}的网站没有“政府信息公开年报”栏目（政府信息公开/{COLUMN_SLUG}），"
                                     "请网站管理员先建立该栏目。")
        page = AnnualReportPage(
            title=title_of(report), slug=f"{report.year}", live=False, agency=report.agency, report=report,
            year=report.year, content=built, owner=user, written_on=today, formed_on=today,
            theme=Theme.objects.get(code=THEME_CODE), genre=Genre.objects.filter(code=GENRE_CODE).first(),
            description=f"{report.agency.name}{report.year}年度政府信息公开工作情况。",
            keywords="政府信息公开 年度报告")
        column.add_child(instance=page)
    else:
        page.content = built
        page.formed_on = max(page.formed_on, today)
    if page.workflow_in_progress:
        page.current_workflow_state.cancel(user=user)
    page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    if workflow is None:
        raise PublicationRefused("该栏目没有配置保密审查流程，不能提交发布。请系统管理员检查政府信息公开栏目的审核流程。")
    workflow.start(page, user)
    log(report, "reports.submit", user=user, data={"page": page.pk})
    return Submitted(page=page, first_time=first_time)


def publication_of(report: AnnualReport) -> AnnualReportPage | None:
    return AnnualReportPage.objects.filter(report=report).first()
