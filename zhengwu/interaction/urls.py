"""互动交流 under /hdjl/: leader and department mailboxes (xx/), online interviews (zxft/). The entry page
gathers surveys too, so it is one of zhengwu/entry_pages.py."""

from django.urls import include, path

urlpatterns = [
    path("xx/", include("zhengwu.interaction.letters.urls")),
    path("zxft/", include("zhengwu.interaction.interviews.urls")),
]
