"""Whether the unified identity is configured (the settings come from the environment, see settings.py)."""

from django.conf import settings

REQUIRED = ("OIDC_RP_CLIENT_ID", "OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT")


def configured():
    if not all(getattr(settings, name, "") for name in REQUIRED):
        return False
    algorithm = getattr(settings, "OIDC_RP_SIGN_ALGO", "RS256") or ""
    if algorithm.startswith(("RS", "ES")):  # verified against the provider's published keys
        return bool(getattr(settings, "OIDC_OP_JWKS_ENDPOINT", "") or getattr(settings, "OIDC_RP_IDP_SIGN_KEY", None))
    return bool(getattr(settings, "OIDC_RP_CLIENT_SECRET", ""))  # HS*: the secret is the key


def provider_name():
    return getattr(settings, "OIDC_PROVIDER_NAME", "") or "统一身份认证平台"
