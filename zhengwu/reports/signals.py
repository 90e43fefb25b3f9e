"""A yearly report page going live gets its 索引号 and 发布日期 the way every catalog item does."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import AnnualReportPage


@receiver(page_published, sender=AnnualReportPage)
def report_published(sender, instance, revision=None, **kwargs):
    from zhengwu.disclosure.actions import record_publication

    record_publication(instance, user=getattr(revision, "user", None))
