"""Public pages of 电子监察 under /dzjc/: filing an efficiency complaint (效能投诉) and following it."""

from django.urls import path

from . import views

urlpatterns = [
    path("complaint/", views.complain, name="supervision-complaint-file"),
    path("complaint/filed/", views.filed, name="supervision-complaint-filed"),
    path("complaint/lookup/", views.lookup, name="supervision-complaint-lookup"),
]
