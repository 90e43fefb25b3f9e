"""Citizens' sign-in pages without a password: 手机验证码登录 (/accounts/sms/, then /accounts/sms/code/) and the
province's unified identity (/oidc/authenticate/ → the provider → /oidc/callback/). Both work without
JavaScript. What a person is told never depends on whether the phone or identity has an account here."""

import math

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, login, user_login_failed
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from zhengwu.portal.accounts import ACCOUNT_HOME, safe_next, signin_ways
from zhengwu.portal.views import site_context
from zhengwu.privacy.masking import mask_phone
from zhengwu.throttle import ACCOUNT_ATTEMPTS, Gate

from . import oidc_settings
from .accounts import may_sign_in
from .backends import CODE_REFUSED, IDENTITY_REFUSED
from .limits import SIGNIN_CODES_PER_ADDRESS, SIGNIN_CODES_PER_PHONE, resend_wait
from .models import CitizenProfile
from .phone_codes import CODE_LENGTH, issue_code, normalise_phone, phone_key, ttl_seconds

SESSION_PHONE, SESSION_NEXT = "signin_phone", "signin_next"


class PhoneForm(forms.Form):
    phone = forms.CharField(label="手机号码", max_length=20, help_text="中国大陆11位手机号码，用于接收登录验证码。",
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
                            error_messages={"required": "请填写手机号码。"})

    def clean_phone(self):
        phone = normalise_phone(self.cleaned_data["phone"])
        if phone is None:
            raise forms.ValidationError("手机号码格式不正确：应为以1开头、第二位为3至9的11位数字。")
        return phone


class CodeForm(forms.Form):
    code = forms.CharField(label="短信验证码", max_length=CODE_LENGTH + 4,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
                           error_messages={"required": "请填写短信验证码。"})

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isascii() and code.isdigit() and len(code) == CODE_LENGTH):
            raise forms.ValidationError(f"请填写短信中的{CODE_LENGTH}位数字验证码。")
        return code


def _page(request, template, context, status=200, retry_after=0):
    response = render(request, template, {**site_context(request), **signin_ways(request, "sms"), **context},
                      status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _phone_may_sign_in(phone):
    """False for a phone on a staff or disabled account: such a number is sent nothing, but told the same."""
    profile = CitizenProfile.objects.select_related("user").filter(phone_index__matches=phone).first()
    return profile is None or may_sign_in(profile.user)


@require_http_methods(["GET", "POST"])
def request_code(request):
    """Step one: the phone number; a valid one gets a code (within the limits) and leads to step two."""
    form = PhoneForm(request.POST or None, initial={"phone": request.GET.get("phone", "")})
    gate = Gate.for_form(SIGNIN_CODES_PER_ADDRESS, request)  # per network: a question, then a refusal
    context = {"form": form, "next": safe_next(request), "challenge": gate.challenge}
    template = "citizen_auth/sms_phone.html"
    if gate.refused:
        return _page(request, template, {**context, "refusal": gate.usage.refusal()}, 429, gate.usage.retry_after)
    if request.method == "GET" or not gate.admit(form.is_valid()):
        return _page(request, template, context, 200 if request.method == "GET" else 400)
    phone = form.cleaned_data["phone"]
    key = phone_key(phone)
    per_phone = SIGNIN_CODES_PER_PHONE.usage(request, subject=key)
    if per_phone.refused:
        minutes = math.ceil(per_phone.retry_after / 60)
        form.add_error("phone", f"该号码获取验证码次数过多，请约{minutes}分钟后再试。")
        return _page(request, template, context, 429, per_phone.retry_after)
    wait = resend_wait(key)
    if wait:
        form.add_error("phone", f"验证码已发送，请{wait}秒后再重新获取。")
        return _page(request, template, context, 429, wait)
    SIGNIN_CODES_PER_PHONE.record(request, subject=key)
    issue_code(phone, send=_phone_may_sign_in(phone))
    request.session[SESSION_PHONE], request.session[SESSION_NEXT] = phone, context["next"]
    return redirect("citizen-sms-code")


@require_http_methods(["GET", "POST"])
def enter_code(request):
    """Step two: the code. Wrong codes count as failed sign-ins of the network (question, then refusal), and
    against the code itself (SIGNIN_CODE_MAX_FAILURES)."""
    phone = request.session.get(SESSION_PHONE)
    if not phone:
        return redirect("citizen-sms")
    form = CodeForm(request.POST or None)
    gate = Gate.for_form(ACCOUNT_ATTEMPTS, request)
    context = {"form": form, "masked_phone": mask_phone(phone), "phone": phone, "minutes": ttl_seconds() // 60,
               "next": request.session.get(SESSION_NEXT) or ACCOUNT_HOME, "challenge": gate.challenge}
    template = "citizen_auth/sms_code.html"
    if gate.refused:
        return _page(request, template, {**context, "refusal": gate.usage.refusal()}, 429, gate.usage.retry_after)
    if request.method == "GET":
        return _page(request, template, context)
    challenge = gate.challenge
    if challenge is not None and not challenge.redeem():
        if challenge.problem != "missing":  # a first sight of the question is not an attempt
            ACCOUNT_ATTEMPTS.record(request)
        return _page(request, template, context, 400)
    if not form.is_valid():
        return _page(request, template, context, 400)
    user = authenticate(request, phone=phone, one_time_password=form.cleaned_data["code"])
    if user is None:
        ACCOUNT_ATTEMPTS.record(request)
        form.add_error(None, CODE_REFUSED)
        form.data = {}  # the wrong code is not shown again
        return _page(request, template, {**context, "challenge": Gate.for_form(ACCOUNT_ATTEMPTS, request).challenge},
                     400)
    target = context["next"]
    for key in (SESSION_PHONE, SESSION_NEXT):  # login() keeps the session's data under its new key
        request.session.pop(key, None)
    login(request, user)
    return redirect(target)


# -- the unified identity ------------------------------------------------------------------------------

def _require_identity():
    if not oidc_settings.configured():
        raise Http404("未配置统一身份认证")


class IdentityCallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider. Every way this can fail — cancelled at the provider, unknown or replayed state,
    a refused token — ends on the login page with a Chinese message, and as `user_login_failed`."""

    @property
    def success_url(self):
        return self.request.session.get("oidc_login_next") or ACCOUNT_HOME

    def get(self, request):
        try:
            return super().get(request)
        except SuspiciousOperation:  # a state this browser was never given: forged, replayed or a stale tab
            return self.login_failure()

    def login_failure(self):
        if not hasattr(self, "user"):  # failed before authenticate() could say so
            user_login_failed.send(sender=__name__, credentials={"method": "oidc"}, request=self.request)
        messages.error(self.request, IDENTITY_REFUSED)
        return HttpResponseRedirect(reverse("account-login"))


def identity_start(request):
    _require_identity()
    # To the provider, with state, nonce and a PKCE challenge kept in the session (the library's work).
    return OIDCAuthenticationRequestView.as_view()(request)


def identity_callback(request):
    _require_identity()
    return IdentityCallbackView.as_view()(request)
