"""Template filters of the public pages: text written by the public, with personal data masked."""

from django import template

from zhengwu.consultation.display import public_text as mask_public_text

register = template.Library()


@register.filter
def public_text(value):
    """Mask phone numbers, e-mail addresses and ID numbers; the template's autoescape then escapes it."""
    return mask_public_text(value)
