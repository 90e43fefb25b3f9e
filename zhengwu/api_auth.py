"""Who may call a staff endpoint: a signed-in admin session, or a personal API token (Wagtail's
`APIToken`, sent as `Authorization: Bearer wagtail_…`) for the province's other systems. Either way
the request acts as that person, and the scope query decides what they may see and do."""

from ninja.security import django_auth
from wagtail.api.v3.auth import BearerTokenAuth

staff_auth = [BearerTokenAuth(), django_auth]
