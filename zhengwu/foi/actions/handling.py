"""Internal handling of a request: assign it, note on it, attach the documents to release."""

from django.contrib.auth import get_user_model
from django.db import transaction

from zhengwu.files.actions import store_document
from zhengwu.foi.actions.common import (
    CASE_FILE_ROLES,
    HANDLING_ROLES,
    ActionRefused,
    lock,
    record,
    require_open,
    require_role,
)
from zhengwu.foi.models import RequestEvent
from zhengwu.orgs.models import holds


@transaction.atomic
def assign(request, *, actor, assignee):
    """Give the request to a handler of its agency (or of an agency above it)."""
    request = lock(request)
    require_role(actor, request)
    require_open(request)
    if isinstance(assignee, str):
        assignee = get_user_model().objects.filter(username=assignee, is_active=True).first()
    if assignee is None or not holds(assignee, request.agency_id, HANDLING_ROLES):
        raise ActionRefused("只能分派给该机关的依申请公开经办人。")
    request.assignee = assignee
    request.save(update_fields=["assignee"])
    record(request, RequestEvent.Kind.ASSIGNED, actor, f"分派给 {assignee.get_full_name() or assignee.username}。",
           public=False, data={"assignee": assignee.username})
    return request


@transaction.atomic
def add_note(request, *, actor, text):
    """An internal note: never shown to the applicant."""
    text = (text or "").strip()
    if not text:
        raise ActionRefused("请填写备注内容。")
    request = lock(request)
    require_role(actor, request)
    record(request, RequestEvent.Kind.NOTE, actor, text, public=False)
    return request


@transaction.atomic
def attach_document(request, *, actor, file, title=""):
    """Store a document to release (private until the reply is sent) and list it on the request."""
    request = lock(request)
    require_role(actor, request)
    require_open(request)
    document = store_document(request.agency, file, title=title or None, access_roles=CASE_FILE_ROLES)
    document.uploaded_by_user = actor
    document.save(update_fields=["uploaded_by_user"])
    request.release_documents.add(document)
    record(request, RequestEvent.Kind.DOCUMENT, actor, f"添加拟公开文件：{document.title}。", public=False,
           data={"document": document.pk})
    return document
