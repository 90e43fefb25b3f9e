"""The sign-in steps after the password (verify a code, or enrol an authenticator), the change-password page an
expired password leads to, and an administrator's one-click reset of someone's authenticator. All under
/admin/security/ (registered through Wagtail's admin URL hook, so only admin users reach them)."""

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import otp
from .forms import CodeForm
from .policy import needs_otp, otp_required_for, password_expired

LOCKED_MESSAGE = "动态验证码错误次数过多，账号已暂时锁定，请稍后再登录。"


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def _keeping_query(name, request):
    query = request.GET.urlencode()
    return f"{reverse(name)}?{query}" if query else reverse(name)


def _locked_out(request):
    messages.error(request, LOCKED_MESSAGE)
    return redirect("wagtailadmin_login")


@never_cache
def verify(request):
    if not needs_otp(request):
        return redirect(_next_url(request))
    device = otp.confirmed_device(request.user)
    if device is None:
        return redirect(_keeping_query("staffauth_enrol", request))
    if otp.sign_out_if_locked(request):
        return _locked_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if otp.check_code(request, device, form.cleaned_data["code"]):
            return redirect(_next_url(request))
        if otp.sign_out_if_locked(request):
            return _locked_out(request)
        form.add_error("code", "动态验证码不正确或已过期，请输入身份验证器当前显示的数字。")
    return render(request, "staffauth/verify.html", {"form": form, "next": _next_url(request), "title": "双因素认证"})


@never_cache
def enrol(request):
    if not needs_otp(request):
        return redirect(_next_url(request))
    if otp.confirmed_device(request.user) is not None:
        return redirect(_keeping_query("staffauth_verify", request))
    if otp.sign_out_if_locked(request):
        return _locked_out(request)
    device = otp.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if otp.check_code(request, device, form.cleaned_data["code"]):
            messages.success(request, "身份验证器已绑定。以后每次登录管理后台都需输入它显示的动态验证码。")
            return redirect(_next_url(request))
        if otp.sign_out_if_locked(request):
            return _locked_out(request)
        form.add_error("code", "动态验证码不正确，请确认已扫描本页二维码（或输入密钥），再输入当前显示的数字。")
    uri = device.config_url
    svg = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8, border=2)
    return render(request, "staffauth/enrol.html", {
        "form": form, "next": _next_url(request), "title": "绑定身份验证器", "uri": uri, "secret": otp.secret_for_manual_entry(device),
        "qr_svg": mark_safe(svg.to_string(encoding="unicode")),  # generated here from our own URI, no user input
    })


@never_cache
def change_password(request):
    # The middleware sends an unverified session to the second factor before this page.
    expired = password_expired(request)
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, "密码已修改。")
        return redirect(_next_url(request))
    return render(request, "staffauth/password.html", {"form": form, "expired": expired, "next": _next_url(request),
                                                    "title": "修改密码"})


def may_reset(actor, user) -> bool:
    """An administrator with user-management rights resets someone else's authenticator; nobody resets their own
    (else a stolen password would be enough to enrol a new one), and only a superuser resets a superuser's."""
    return (actor.has_perm(f"{user._meta.app_label}.change_{user._meta.model_name}") and actor.pk != user.pk
            and (actor.is_superuser or not user.is_superuser))


@require_POST
def reset(request, user_id):
    user = get_object_or_404(get_user_model(), pk=user_id)
    if not may_reset(request.user, user):
        raise PermissionDenied("只有具备用户管理权限的管理员才能重置他人的双因素认证。")
    removed = otp.reset_devices(user)
    if removed:
        messages.success(request, format_html("已重置 {} 的双因素认证：其下次登录时须重新绑定身份验证器。", user.get_username()))
    else:
        messages.info(request, format_html("{} 尚未绑定身份验证器，无需重置。", user.get_username()))
    return redirect("wagtailusers_users:edit", user.pk)


def otp_status(user) -> str:
    if otp.confirmed_device(user) is not None:
        return "已绑定身份验证器"
    return "未绑定身份验证器（下次登录时绑定）" if otp_required_for(user) else "未绑定身份验证器"
