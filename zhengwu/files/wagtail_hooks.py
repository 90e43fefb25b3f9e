from django.http import Http404
from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """The admin's document API (used by choosers) lists and searches only what the user may download."""

    def get_queryset(self):
        return super().get_queryset().readable_by(self.request.user)


@hooks.register("construct_admin_api", order=1000)  # after Wagtail's own registration, which it replaces
def scope_document_api(router):
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


@hooks.register("before_serve_document")
def refuse_private_documents(document, request):
    """A private document is refused, as if it did not exist, to anyone without a role in its agency."""
    may_download = getattr(document, "may_download", None)
    if may_download is not None and not may_download(request.user):
        raise Http404("文件不存在。")


@hooks.register("after_bulk_action")
def follow_collection_to_agency(request, action_type, objects, action):
    """The admin's bulk "add to collection" moves documents with a queryset update, bypassing save():
    set each moved document's agency from its new collection."""
    if action_type != "add_to_collection":
        return
    from .models import AgencyDocument

    ids = [obj.pk for obj in objects if isinstance(obj, AgencyDocument)]
    for document in AgencyDocument.objects.filter(pk__in=ids):
        before = document.agency_id
        document._agency_from_collection()
        if document.agency_id != before:
            document.save(update_fields=["agency"])
