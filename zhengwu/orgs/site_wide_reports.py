"""Wagtail's page-types report counts every page of the cluster and names the last edited page of each type,
whichever agency's (drafts included), so it is a tool of the platform's superusers, not of an agency's staff."""

from django.core.exceptions import PermissionDenied
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView


class PageTypesReportForSuperusers(PageTypesUsageReportView):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
