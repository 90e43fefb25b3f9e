"""互动交流 under /hdjl/: the entry page, leader and department mailboxes (xx/), online interviews (zxft/)."""

from django.urls import include, path

from zhengwu.interaction import views

urlpatterns = [
    path("", views.index, name="interaction-index"),
    path("xx/", include("zhengwu.interaction.letters.urls")),
    path("zxft/", include("zhengwu.interaction.interviews.urls")),
]
