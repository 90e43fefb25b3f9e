"""Storing documents outside the admin (bulk imports, FOI replies): the same checks as an admin upload; and
extracting their text afterwards, outside any request's transaction, in a sandboxed child process."""

import logging
import os
import shutil
import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import GroupCollectionPermission

from .collections import agency_collection, restricted_collection, root_collection
from .extract import ExtractionError, safe_filename, validate_upload
from .models import AgencyDocument
from .sandbox import extract_in_child
from .signals import document_text_extracted

logger = logging.getLogger(__name__)


def _as_file(file):
    """(django File, owned) for a path, bytes-free stream or Django file; `owned` if we opened it."""
    if isinstance(file, (str, os.PathLike)):
        path = Path(file)
        return File(path.open("rb"), name=path.name), True
    if isinstance(file, File):
        return file, False
    name = getattr(file, "name", None)
    if not name:
        raise ValidationError("缺少文件名。", code="no_name")
    return File(file, name=os.path.basename(name)), False


def may_add_to(user, collection):
    """Whether `user` may add documents to `collection` (a grant on it or an ancestor). Queried afresh:
    Wagtail's per-user permission cache holds collection paths, which shift when a sibling is added."""
    if not (user.is_active and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    return GroupCollectionPermission.objects.filter(
        group__user=user, permission__content_type__app_label="wagtaildocs", permission__codename="add_document",
        collection__in=collection.get_ancestors(inclusive=True),
    ).exists()


def store_document(agency, file, title=None, user=None, private=False, tags=None, access_roles=None):
    """Validate (type sniffing, size limit, archive limits, virus scan), name safely and store one document in
    the agency's collection; its text is extracted by a task once the caller's transaction commits. Raises ValidationError (Chinese) for a bad file and
    PermissionDenied when `user` may not add documents to the agency's collection.

    `file`: a path, a Django File/UploadedFile, or an open binary stream with a `name`.
    `access_roles`: keep the document out of every library (the restricted collection) and let only
    these roles of the agency download it.
    """
    django_file, owned = _as_file(file)
    try:
        name = safe_filename(django_file.name)
        validate_upload(django_file, name)
        if access_roles:
            collection, private = restricted_collection(), True
        else:
            collection = agency_collection(agency) if agency is not None else root_collection()
        if user is not None and not may_add_to(user, collection):
            raise PermissionDenied("您无权向该机构上传文件。")
        document = AgencyDocument(
            title=(title or os.path.splitext(name)[0])[:255],
            agency=agency,
            collection=collection,
            uploaded_by_user=user,
            private=private,
            access_roles=list(access_roles or []),
        )
        django_file.name = name
        document.file = django_file
        with transaction.atomic():
            document._set_document_file_metadata()
            document.full_clean()
            document.save()
            if tags:
                document.tags.add(*tags)
            log(document, "wagtail.create", user=user)
        return document
    finally:
        if owned:
            django_file.close()


def enqueue_text_extraction(document_id):
    """Hand a committed document to the task backend; if that fails, `manage.py extract_document_text` finds
    it later (its text_extracted_at is still empty)."""
    from .tasks import extract_document_text_task

    try:
        extract_document_text_task.enqueue(document_id)
    except Exception:  # noqa: BLE001 - the upload is stored; extraction can wait for the sweep
        logger.exception("文件 %s 的文本提取未能排队，留待 extract_document_text 处理", document_id)


class _LocalCopy:
    """A path to the document's bytes for the child process: the stored file itself on local storage, else a
    temporary copy (object storage)."""

    def __init__(self, document):
        self.document, self.temporary = document, None

    def __enter__(self):
        try:
            return self.document.file.path
        except NotImplementedError:
            pass
        self.temporary = tempfile.NamedTemporaryFile(suffix=f".{self.document.extension}", delete=False)
        with self.temporary, self.document.open_file() as source:
            shutil.copyfileobj(source, self.temporary)
        return self.temporary.name

    def __exit__(self, *exc):
        if self.temporary is not None:
            os.unlink(self.temporary.name)


def extract_document_text(document_id):
    """Extract one document's text in a child process (memory and time limits) and record it; a failure is
    recorded as a Chinese extraction_error and the document stays usable. Must run outside any transaction:
    the extraction can take its whole timeout, and no lock is held meanwhile. Returns the outcome."""
    document = AgencyDocument.objects.filter(pk=document_id).first()
    if document is None or not document.file:
        return "missing"
    try:
        with _LocalCopy(document) as path:
            text, error = extract_in_child(path, document.filename), ""
    except ExtractionError as e:
        text, error = "", str(e)[:255]
    except Exception as e:  # noqa: BLE001 - storage errors are recorded, not raised into the worker
        logger.exception("document %s: text extraction failed", document_id)
        text, error = "", f"无法读取文件：{type(e).__name__}: {e}"[:255]
    saved = record_extracted_text(document, text, error)
    return "failed" if error else ("saved" if saved else "stale")


def record_extracted_text(document, text, error):
    """Store the text (or the error) unless the file was replaced meanwhile; re-indexes the document for
    search, then tells the indexes that hold its text elsewhere (document_text_extracted)."""
    with transaction.atomic():
        current = AgencyDocument.objects.select_for_update().filter(pk=document.pk).first()
        if current is None or current.file.name != document.file.name or current.sha256 != document.sha256:
            return False  # a newer upload has its own extraction queued
        current.extracted_text, current.extraction_error = text, error
        current.text_extracted_at = timezone.now()
        current.save(update_fields=["extracted_text", "extraction_error", "text_extracted_at"])
    document_text_extracted.send(sender=AgencyDocument, document=current)
    return True
