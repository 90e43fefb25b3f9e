"""Two of Wagtail's admin views that name pages of any agency, narrowed (routed before Wagtail's own in urls.py).
The page-types report counts every page of the cluster and names the last edited page of each type, whichever
agency's (drafts included), so it is a tool of the platform's superusers. The link chooser's header names the page
whose children it lists: only a page the chooser may show (live, or a draft of one's own agencies) is opened."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.admin.views.chooser import BrowseView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page


class PageTypesReportForSuperusers(PageTypesUsageReportView):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ChooserBrowseOfChoosablePages(BrowseView):
    def get(self, request, parent_page_id=None):
        from .wagtail_hooks import choosable_pages

        if parent_page_id and not choosable_pages(Page.objects.filter(id=parent_page_id), request.user).exists():
            raise Http404
        return super().get(request, parent_page_id)
