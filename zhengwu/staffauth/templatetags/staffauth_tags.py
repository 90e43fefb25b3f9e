from django import template

from ..views import may_reset, otp_status

register = template.Library()


@register.simple_tag
def second_factor(actor, user):
    """For the user edit page: the user's authenticator status and whether `actor` may reset it."""
    return {"status": otp_status(user), "may_reset": may_reset(actor, user)}
