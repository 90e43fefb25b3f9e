from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from zhengwu.files.signals import document_text_extracted

from .models import DisclosureItemPage, DisclosureSectionPage
from .models.review import assign_secrecy_workflow


@receiver(page_published, sender=DisclosureItemPage)
def item_published(sender, instance, revision=None, **kwargs):
    from .actions import record_publication

    if not instance.live:
        return  # approved for a later go_live_at: the 索引号 and 发布日期 come when it goes live
    record_publication(instance, user=getattr(revision, "user", None))


@receiver(post_save, sender=DisclosureItemPage)
def item_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .actions import start_publication_clock

        if instance.publication_clock_id is None:
            start_publication_clock(instance)


@receiver(post_save, sender=DisclosureSectionPage)
def section_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        assign_secrecy_workflow(instance)


@receiver(document_text_extracted)
def attachment_text_extracted(sender, document, **kwargs):
    # An item indexes its attachments' text (attachment_text); that text arrives after the upload's commit.
    from wagtail.search import index

    for item in DisclosureItemPage.objects.filter(attachments__document=document).distinct():
        index.insert_or_update_object(item)
