"""The admin inbox: the logged-in user's in-site messages; marking read is a plain POST form (no JavaScript)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import actions
from .models import Notification


def inbox_view(request):
    messages_qs = Notification.objects.inbox(request.user).select_related("content_type")
    page = Paginator(messages_qs, 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "notifications/admin/inbox.html", {
        "page_obj": page, "notifications": page.object_list, "unread_count": actions.unread_count(request.user),
    })


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect("notifications_inbox")


@require_POST
def mark_read_view(request, pk):
    # Only the recipient's own messages are found at all: anyone else gets 404, not a hint that it exists.
    notification = get_object_or_404(Notification.objects.inbox(request.user), pk=pk)
    actions.mark_read(notification, request.user)
    return _back(request)


@require_POST
def mark_all_read_view(request):
    count = actions.mark_all_read(request.user)
    if count:
        messages.success(request, f"已将 {count} 条消息标为已读。")
    return _back(request)
