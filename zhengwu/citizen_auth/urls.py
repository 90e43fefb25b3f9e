from django.urls import path

from . import views

urlpatterns = [
    path("accounts/sms/", views.request_code, name="citizen-sms"),
    path("accounts/sms/code/", views.enter_code, name="citizen-sms-code"),
    # The names mozilla-django-oidc reverses (redirect_uri = the callback's absolute URL).
    path("oidc/authenticate/", views.identity_start, name="oidc_authentication_init"),
    path("oidc/callback/", views.identity_callback, name="oidc_authentication_callback"),
]
