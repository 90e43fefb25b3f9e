"""A yearly report page going live gets its 索引号 and 发布日期 the way every catalog item does, and its
downloads are made once the publication has committed."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published

from zhengwu.reports.models import AnnualReportPage


@receiver(page_published, sender=AnnualReportPage)
def report_published(sender, instance, revision=None, **kwargs):
    from zhengwu.disclosure.actions import record_publication
    from zhengwu.reports.annual.tasks import prepare_report_files

    if not instance.live:
        return  # approved for a later go_live_at: all this happens when it goes live
    record_publication(instance, user=getattr(revision, "user", None))
    transaction.on_commit(lambda: prepare_report_files.enqueue(instance.pk))
