"""Background work for the yearly report: its downloads, made when it is published."""

from django_tasks import task


@task()
def prepare_report_files(page_id: int) -> None:
    from zhengwu.reports.annual.document_views import prepare_files
    from zhengwu.reports.models import AnnualReportPage

    page = AnnualReportPage.objects.filter(pk=page_id).first()
    if page is not None:
        prepare_files(page)
