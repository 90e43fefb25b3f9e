"""The 数据发布 box of a site's home page (portal.home_panels): the site's yearly disclosure reports and the
figures the platform publishes (好差评, 双公示, the power list)."""

from zhengwu.disclosure.models import DisclosureSectionPage
from zhengwu.portal.home_panels import Panel, register
from zhengwu.reports.models import AnnualReportPage


def data(section):
    xxgk = DisclosureSectionPage.objects.child_of(section).live().public().first()
    reports = AnnualReportPage.objects.descendant_of(xxgk).live().public().order_by("-first_published_at")[:3] \
        if xxgk else []
    return {"reports": list(reports), "agency": section.agency}


register(Panel("data", "reports/home_panel.html", data, order=40))
