"""Entry pages that gather several apps (they sit beside urls.py, above the apps): 互动交流 at /hdjl/ shows the
mailboxes, interviews and surveys, each with what is open now."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from zhengwu.consultation.surveys.public import filter_surveys, published_surveys
from zhengwu.interaction.interviews.views import filter_interviews, published_interviews
from zhengwu.interaction.letters.views import published_letters
from zhengwu.interaction.models import InterviewStatus, Mailbox
from zhengwu.portal.views import site_context


@require_GET
def interaction(request):
    interviews = filter_interviews(published_interviews()).exclude(status=InterviewStatus.ENDED)
    return TemplateResponse(request, "interaction/index.html", {
        **site_context(request), "mailboxes": Mailbox.objects.filter(kind=Mailbox.Kind.LEADER),
        "latest": published_letters()[:5], "interviews": interviews[:3],
        "surveys": filter_surveys(published_surveys(), phase="open")[:3]})
