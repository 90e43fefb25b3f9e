"""{{ clock|overdue_note }}: on a public page, tells the applicant that a running clock is past its due date,
in working days (timelimits.bands), so the page says “overdue” exactly when the admin and supervision do."""

from django import template
from django.utils.translation import gettext

from zhengwu.timelimits.bands import Band

register = template.Library()


@register.filter
def overdue_note(clock):
    if clock is None or clock.band() != Band.OVERDUE:
        return ""
    return gettext("（已超过期限 %(n)d 个工作日）") % {"n": -clock.days_left()}
