"""Leader and department mailboxes under /hdjl/xx/. The fixed paths come first; a mailbox's own slug may not
take one of their names (models.letters.RESERVED_SLUGS)."""

from django.urls import path

from zhengwu.interaction.letters import views as letter_views

urlpatterns = [
    path("", letter_views.mailboxes, name="interaction-mailboxes"),
    path("written/", letter_views.written, name="interaction-written"),
    path("track/", letter_views.track, name="interaction-track"),
    path("rate/", letter_views.rate, name="interaction-rate"),
    path("letters/<str:number>/", letter_views.letter_detail, name="interaction-letter"),
    path("<slug:slug>/", letter_views.mailbox, name="interaction-mailbox"),
    path("<slug:slug>/write/", letter_views.write, name="interaction-write"),
    path("<slug:slug>/stats/", letter_views.stats, name="interaction-mailbox-stats"),
]
