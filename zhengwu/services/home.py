"""The service hall on every site: the 办事服务 box of the home page (portal.home_panels: the region's matters
most applied for, the life events, the ways to the hall, tracking, ratings and complaints), and 办事服务 in the
main navigation of a department's site, leading to its own matters (a government's portal has its own column)."""

from django.db.models import Count
from django.urls import reverse

from zhengwu.orgs.models import Agency
from zhengwu.portal.home_panels import Panel, register
from zhengwu.portal.navigation import Entry
from zhengwu.portal.navigation import register as register_link
from zhengwu.services.catalog.views import public_matters
from zhengwu.services.models import Topic


def data(section):
    agency = section.agency
    if agency is None:
        return None
    matters = public_matters().filter(agency__path__startswith=agency.path)
    popular = list(matters.annotate(n=Count("cases")).order_by("-n", "code")[:6])
    hall = reverse("services-catalog") + ("" if agency.is_root() else f"?region={agency.pk}")
    return {"matters": popular, "events": list(Topic.objects.filter(kind=Topic.Kind.LIFE_EVENT)[:6]), "hall": hall}


register(Panel("services", "services/home_panel.html", data, order=10))
register_link(Entry("services", "办事服务", path=lambda agency: reverse("services-catalog"),
                    query=lambda agency: f"agency={agency.pk}",
                    shown=lambda agency: agency.kind not in Agency.GOVERNMENT_KINDS
                    and public_matters().filter(agency=agency).exists(), order=10))
