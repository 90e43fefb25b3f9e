"""Demo yearly reports, drafted, submitted and reviewed through the real functions, so that the admin
shows every state of 年报报送情况 for 2025: 财政厅 published on time, 长沙市 published late, 长沙县 waiting
for 保密审查, 自然资源厅 still a draft (overdue), the rest not started; and 财政厅 has begun this year's
draft. Parts 一 and 六 start from the platform's own starting-point texts. A second run does nothing."""

from datetime import date

from django.contrib.auth import get_user_model

from zhengwu.orgs.demo import by_slug_path
from zhengwu.reports.annual.publication import submit_for_publication
from zhengwu.reports.annual.report import build
from zhengwu.reports.annual.starting_texts import STARTING_TEXTS
from zhengwu.reports.models import AnnualReport, AnnualReportPage

YEAR = 2025
PROBLEMS = ("（一）存在的主要问题：部分政策文件公开不够及时，政策解读形式较为单一；依申请公开答复文书的规范性有待提高。\n"
            "（二）改进情况：建立信息公开时效提醒机制，逐件核对形成日期与发布日期；"
            "组织依申请公开答复文书集中评查，统一文书格式和救济途径告知。")
# agency slug path → (drafter, reviewer or None, demo publication date or None)
REPORTS = [
    ("hunan/czt", "czt_foi", "czt_reviewer", date(2026, 1, 26)),
    ("hunan/changsha", "changsha_foi", "changsha_reviewer", date(2026, 4, 8)),
    ("hunan/changsha/changshaxian", "csx_foi", None, None),
]
# (agency, drafter, year): 自然资源厅's overdue 2025 draft; 财政厅 already drafting this year's report.
DRAFT_ONLY = [("hunan/zrzyt", "zrzyt_foi", YEAR), ("hunan/czt", "czt_foi", YEAR + 1)]


def _draft(agency, drafter, complete=True, year=YEAR) -> AnnualReport:
    report = AnnualReport.objects.create(agency=agency, year=year, updated_by=drafter)
    built = build(agency, year)
    report.overview = STARTING_TEXTS["overview"](report, built)
    report.other_matters = STARTING_TEXTS["other_matters"](report, built)
    report.problems = PROBLEMS if complete else ""
    report.save()
    return report


def _approve(page, reviewer):
    task_state = AnnualReportPage.objects.get(pk=page.pk).current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve", comment="经审查不涉密，同意公开。")


def load_annual_reports() -> int:
    if AnnualReport.objects.filter(year=YEAR, agency__is_demo=True).exists():
        return 0
    users = get_user_model().objects
    made = 0
    for path, drafter, reviewer, published_on in REPORTS:
        agency = by_slug_path(path)
        report = _draft(agency, users.get(username=drafter))
        page = submit_for_publication(report, users.get(username=drafter)).page
        if reviewer:
            _approve(page, users.get(username=reviewer))
            AnnualReportPage.objects.filter(pk=page.pk).update(published_on=published_on, written_on=published_on,
                                                               formed_on=published_on, is_demo=True)
        else:
            AnnualReportPage.objects.filter(pk=page.pk).update(is_demo=True)
        made += 1
    for path, drafter, year in DRAFT_ONLY:
        _draft(by_slug_path(path), users.get(username=drafter), complete=False, year=year)
        made += 1
    return made
