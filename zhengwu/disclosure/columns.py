"""The catalog's lists that sites' columns show (portal.column_sources): 通知公告 (公告, 通告, 通知) and 政策文件
(条例第二十条第（一）项 规章和规范性文件, and the 政策解读 of them), for a site of an agency: the agency and the
units under it that have no government of their own (a county's departments, not its townships)."""

from django.db.models import Q

from zhengwu.orgs.models import Agency
from zhengwu.portal.column_sources import register

from .models import DisclosureItemPage

NOTICE_GENRES = ("tcfl03", "tcfl04", "tcfl05")
POLICY_CATEGORY = "a20-01"


def site_agencies(agency) -> Q:
    """The agency and its subtree, less the subtrees of the governments below it (they have their own sites)."""
    below = (Agency.objects.filter(path__startswith=agency.path, kind__in=Agency.GOVERNMENT_KINDS)
             .exclude(pk=agency.pk).values_list("path", flat=True))
    tops = [path for path in sorted(below) if not any(path.startswith(other) and path != other for other in below)]
    condition = Q(agency__path__startswith=agency.path)
    for path in tops:
        condition &= ~Q(agency__path__startswith=path)
    return condition


def _live(agency):
    return (DisclosureItemPage.objects.live().public().filter(site_agencies(agency))
            .select_related("agency").order_by("-published_on", "-pk"))


def notices(agency):
    return _live(agency).filter(genre__code__in=NOTICE_GENRES)


def policies(agency):
    return _live(agency).filter(Q(category__code=POLICY_CATEGORY) | Q(interprets__isnull=False))


register("notices", notices)
register("policies", policies)
