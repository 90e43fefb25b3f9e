"""Message templates: ``notifications/<key>.txt``, first line the subject, the rest the body.

Any app may add its own keys by placing ``templates/notifications/<key>.txt`` in its template dir.
Messages are plain text, so HTML autoescaping is off.
"""

from django.template import Context
from django.template.loader import get_template


def render(template_key, context=None):
    """Return ``(subject, body)`` rendered from ``notifications/<template_key>.txt``."""
    template = get_template(f"notifications/{template_key}.txt")
    context = dict(context or {})
    if hasattr(template, "template"):  # Django template engine: render without HTML autoescaping
        text = template.template.render(Context(context, autoescape=False))
    else:
        text = template.render(context)
    subject, _, body = text.lstrip("\n").partition("\n")
    return " ".join(subject.split())[:255], body.strip("\n")
