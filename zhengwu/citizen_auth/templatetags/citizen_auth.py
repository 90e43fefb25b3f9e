"""`{{ user|signed_in_name }}`: how the header names a signed-in person without showing personal data in full."""

from django import template

register = template.Library()


@register.filter
def signed_in_name(user):
    if user.first_name:
        return user.get_full_name() or user.first_name
    profile = getattr(user, "citizen_profile", None)  # the missing-relation error is an AttributeError
    if profile is not None and profile.phone:
        return profile.masked_phone
    return user.username
