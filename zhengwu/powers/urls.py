"""权力清单 under /qlqd/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.power_list, name="powers-list"),
    path("<str:code>/", views.power_detail, name="powers-detail"),
]
