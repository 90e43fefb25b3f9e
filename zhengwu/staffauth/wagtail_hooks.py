from django.urls import path
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("security/otp/", views.verify, name="staffauth_verify"),
        path("security/otp/setup/", views.enrol, name="staffauth_enrol"),
        path("security/password/", views.change_password, name="staffauth_password"),
        path("security/otp/reset/<int:user_id>/", views.reset, name="staffauth_reset"),
    ]
