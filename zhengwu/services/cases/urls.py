"""The citizen's side of service cases and the public 好差评 figures, mounted under zwfw/."""

from django.urls import path

from zhengwu.services.cases import views as case_views

urlpatterns = [
    path("matters/<str:code>/apply/", case_views.apply, name="services-apply"),
    path("apply/received/", case_views.applied, name="services-applied"),
    path("track/", case_views.track, name="services-track"),
    path("track/withdraw/", case_views.withdraw_case, name="services-withdraw"),
    path("track/rate/", case_views.rate_case, name="services-rate"),
    path("ratings/", case_views.ratings, name="services-ratings"),
    path("ratings/agencies/<int:pk>/", case_views.agency_ratings, name="services-ratings-agency"),
]
