"""Service centres and their coverage, mounted under zwfw/."""

from django.urls import path

from zhengwu.services.centres import views as centres_views

urlpatterns = [
    path("centres/", centres_views.centre_list, name="services-centres"),
    path("centres/<int:pk>/", centres_views.centre_detail, name="services-centre"),
    path("coverage/", centres_views.coverage, name="services-coverage"),
]
