"""Storing documents outside the admin (bulk imports, FOI replies): the same checks as an admin upload."""

import os
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import GroupCollectionPermission

from .collections import agency_collection, restricted_collection, root_collection
from .extract import safe_filename, validate_upload
from .models import AgencyDocument


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
    """Validate (type sniffing, size limit), name safely and store one document in the agency's
    collection; its text is extracted on save. Raises ValidationError (Chinese) for a bad file and
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
