"""Public accounts for citizens and companies: register, sign in, sign out. An account is optional for
every public service; signed in, a person sees everything they filed in one place. Besides the password, a
citizen signs in with an SMS code or the province's unified identity (zhengwu.citizen_auth)."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from zhengwu.throttle import ACCOUNT_ATTEMPTS, Gate

from .views import site_context

LOGIN_URL = "/accounts/login/"


class RegistrationForm(UserCreationForm):
    username = forms.RegexField(label="用户名", max_length=30, regex=r"^[A-Za-z0-9_.@-]{4,30}$",
                                help_text="4～30 位字母、数字或 _ . @ -，登录时使用。",
                                error_messages={"invalid": "用户名只能包含字母、数字和 _ . @ -，长度 4～30 位。"})
    first_name = forms.CharField(label="姓名或单位名称", max_length=150, required=False)
    email = forms.EmailField(label="电子邮箱（选填）", required=False,
                             error_messages={"invalid": "请填写有效的电子邮箱地址。"})

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "first_name", "email"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("该用户名已被注册，请换一个。")
        return username


ACCOUNT_HOME = "/ysqgk/mine/"  # where a citizen lands after signing in


def safe_next(request, fallback=ACCOUNT_HOME):
    target = request.POST.get("next") or request.GET.get("next") or fallback
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return fallback
    return target


def signin_ways(request, current):
    """The ways to sign in offered on every sign-in page: password, SMS code, and the province's unified
    identity when it is configured (its name from OIDC_PROVIDER_NAME)."""
    from zhengwu.citizen_auth import oidc_settings

    return {"signin_way": current, "identity_provider": oidc_settings.provider_name() if oidc_settings.configured()
            else "", "signin_next": safe_next(request)}


def _gate(request):
    return Gate.for_form(ACCOUNT_ATTEMPTS, request)


def _refused(request, template, context, gate):
    response = render(request, template, {**context, "refusal": gate.usage.refusal()}, status=429)
    response["Retry-After"] = str(gate.usage.retry_after)
    return response


@require_http_methods(["GET", "POST"])
def register(request):
    """Sign-ups count against the hourly limit of the client's network (question, then refusal)."""
    form = RegistrationForm(request.POST or None)
    gate = _gate(request)
    context = {**site_context(request), "form": form, "next": safe_next(request), "challenge": gate.challenge}
    if gate.refused:
        return _refused(request, "portal/accounts/register.html", context, gate)
    if request.method == "POST" and gate.admit(form.is_valid()):
        user = form.save()
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])  # through the lock-out
        return redirect(safe_next(request))
    return render(request, "portal/accounts/register.html", context,
                  status=400 if request.method == "POST" else 200)


class PublicLoginForm(AuthenticationForm):
    error_messages = {"invalid_login": "用户名或密码不正确。", "inactive": "该账号已停用。"}


class LoginView(auth_views.LoginView):
    template_name = "portal/accounts/login.html"
    authentication_form = PublicLoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **site_context(self.request),
                **signin_ways(self.request, "password")}

    def get_default_redirect_url(self):
        return ACCOUNT_HOME

    def post(self, request, *args, **kwargs):
        """Failed sign-ins count against the hourly limit: past it a question, then a refusal, so passwords
        cannot be guessed at speed."""
        gate = _gate(request)
        form = self.get_form()
        if gate.refused:
            return _refused(request, self.template_name, self.get_context_data(form=form), gate)
        challenge = gate.challenge
        if challenge is not None and not challenge.redeem():
            if challenge.problem != "missing":  # a first sight of the question is not an attempt
                ACCOUNT_ATTEMPTS.record(request)
            return self.render_to_response(self.get_context_data(form=form, challenge=challenge), status=400)
        if form.is_valid():
            return self.form_valid(form)
        ACCOUNT_ATTEMPTS.record(request)
        return self.render_to_response(self.get_context_data(form=form, challenge=_gate(request).challenge),
                                       status=400)


class LogoutView(auth_views.LogoutView):
    next_page = "/"
