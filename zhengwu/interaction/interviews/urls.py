"""Online interviews under /hdjl/zxft/: the archive, each interview (its live page while live), the no-JavaScript
live page and the transcript."""

from django.urls import path

from zhengwu.interaction.interviews import views as interview_views

urlpatterns = [
    path("", interview_views.interview_list, name="interview-list"),
    path("<int:pk>/", interview_views.interview_detail, name="interview-detail"),
    path("<int:pk>/live-refresh/", interview_views.live_refresh, name="interview-live-refresh"),
    path("<int:pk>/transcript/", interview_views.transcript, name="interview-transcript"),
]
