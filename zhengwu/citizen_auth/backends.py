"""Authentication backends for the two password-free ways a citizen signs in. Both go through Django's
`authenticate()`, so every success sends `user_logged_in` (at `login()`) and every failure `user_login_failed`
(a backend raising PermissionDenied stops `authenticate` and sends it), which the audit log listens to.
Each backend's `authenticate` names its own credentials, so Django asks it only for its own kind of sign-in."""

import logging

import jwt
import requests
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import oidc_settings
from .accounts import citizen_for_phone, citizen_for_subject
from .phone_codes import redeem_code

logger = logging.getLogger("zhengwu.security")

CODE_REFUSED = "验证码不正确或已失效，请核对后重试，或重新获取验证码。"
IDENTITY_REFUSED = "统一身份认证登录未成功，请重新登录，或改用其他方式登录。"


class PhoneCodeBackend(ModelBackend):
    """A mobile number and the code just texted to it."""

    def authenticate(self, request, phone=None, one_time_password=None):
        if phone is None or one_time_password is None:
            return None
        if not redeem_code(phone, one_time_password):
            raise PermissionDenied(CODE_REFUSED)
        user = citizen_for_phone(phone)
        if user is None:  # a staff or disabled account: the same words as a wrong code
            raise PermissionDenied(CODE_REFUSED)
        return user


class ProvinceIdentityBackend(OIDCAuthenticationBackend):
    """The province's unified identity (OpenID Connect, authorization code with PKCE, state and nonce; the
    library does the protocol). Accounts are matched by the provider's `sub`, never by e-mail, and are never
    staff. Any protocol failure — bad signature, wrong audience, nonce, a provider that does not answer — is a
    failed sign-in (PermissionDenied), not a server error."""

    def __init__(self, *args, **kwargs):
        self.configured = oidc_settings.configured()
        if self.configured:  # the library reads its settings here and insists on them
            super().__init__(*args, **kwargs)

    def authenticate(self, request, nonce=None, code_verifier=None):
        if not self.configured or request is None:
            return None
        try:
            return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)
        except (SuspiciousOperation, requests.RequestException, jwt.PyJWTError, KeyError, ValueError) as exc:
            logger.warning("unified identity sign-in refused: %s: %s", type(exc).__name__, exc)
            raise PermissionDenied(IDENTITY_REFUSED) from exc

    def verify_token(self, token, **kwargs):
        """The library checks signature, algorithm and nonce; an ID token must also be meant for this client
        (aud) and, when OIDC_OP_ISSUER is set, come from that issuer."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token audience does not name this client")
        issuer = self.get_settings("OIDC_OP_ISSUER", "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("ID token issuer is not the configured provider")
        if not payload.get("sub"):
            raise SuspiciousOperation("ID token without sub")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if str(claims.get("sub", "")) != str(payload["sub"]):  # OIDC Core 5.3.2: must be the same person
            raise SuspiciousOperation("userinfo sub differs from the ID token's")
        user = citizen_for_subject(str(payload.get("iss", "")), str(payload["sub"]),
                                   name=str(claims.get("name") or payload.get("name") or ""))
        if user is None:
            logger.warning("unified identity sign-in refused for a staff or disabled account")
            raise PermissionDenied(IDENTITY_REFUSED)
        return user

    def filter_users_by_claims(self, claims):  # never by e-mail; get_or_create_user above matches by sub
        return self.UserModel.objects.none()
