"""互动交流 on every site: the home page box (portal.home_panels: the site's mailboxes, the latest replied letters
and the next online interview of its region), and 互动交流 in the main navigation of a department's site, leading
to its mailbox (a government's portal has its own column)."""

from django.urls import reverse
from django.utils import timezone

from zhengwu.interaction.interviews.views import published_interviews
from zhengwu.interaction.letters.views import published_letters
from zhengwu.interaction.models import InterviewStatus, Mailbox
from zhengwu.orgs.models import Agency
from zhengwu.portal.home_panels import Panel, register
from zhengwu.portal.navigation import Entry
from zhengwu.portal.navigation import register as register_link


def data(section):
    agency = section.agency
    if agency is None:
        return None
    region = {"agency__path__startswith": agency.path}
    letters = published_letters().filter(mailbox__agency__path__startswith=agency.path)[:5]
    coming = (published_interviews().filter(**region).exclude(status=InterviewStatus.ENDED)
              .filter(starts_at__gte=timezone.now() - timezone.timedelta(hours=12)).order_by("starts_at")[:1])
    return {"mailboxes": list(Mailbox.objects.filter(agency=agency)), "letters": list(letters),
            "interview": next(iter(coming), None)}


register(Panel("interaction", "interaction/home_panel.html", data, order=20))


def _mailbox(agency):
    return Mailbox.objects.filter(agency=agency).order_by("pk").first()


register_link(Entry("interaction", "互动交流",
                    path=lambda agency: reverse("interaction-mailbox", args=[_mailbox(agency).slug]),
                    query=lambda agency: "",
                    shown=lambda agency: agency.kind not in Agency.GOVERNMENT_KINDS and _mailbox(agency) is not None, order=20))
