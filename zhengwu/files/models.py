"""Documents (the platform's one file model) and the collection that holds each agency's documents."""

import hashlib
import logging
import os
from functools import partial

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.documents.models import AbstractDocument, DocumentQuerySet
from wagtail.search import index

from zhengwu.orgs.models import holds

from .extract import safe_filename, sniff_type

logger = logging.getLogger(__name__)


class DocumentFileStorage(FileSystemStorage):
    """Local storage under settings.ZHENGWU_DOCUMENTS_ROOT (outside MEDIA_ROOT), with no public URL:
    documents are reachable only through the documents serve view, which checks the private flag."""

    @property
    def base_location(self):
        return settings.ZHENGWU_DOCUMENTS_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def get_valid_name(self, name):
        return safe_filename(name)  # keeps Chinese punctuation such as （） and 〔〕, unlike Django's default

    def url(self, name):
        raise NotImplementedError("Documents have no public URL; use AgencyDocument.url (the serve view).")


def document_storage():
    """Production may configure STORAGES["documents"] (e.g. a private bucket) instead of local files."""
    if "documents" in settings.STORAGES:
        return storages["documents"]
    return DocumentFileStorage()


def document_upload_to(instance, filename):
    return f"documents/{timezone.now():%Y/%m}/{safe_filename(filename)}"


class AgencyDocumentQuerySet(DocumentQuerySet):
    def public(self):
        """Documents anyone may read (not private). Public search and listings must start here."""
        return self.filter(private=False)

    def readable_by(self, user):
        """The documents `user` may download (`AgencyDocument.may_download` as one query): every listing and
        search of documents, the admin's API included, starts here, so none shows what a download refuses."""
        from zhengwu.orgs.models import Agency

        if user is not None and user.is_authenticated and user.is_active and user.is_superuser:
            return self
        condition = Q(private=False)
        if user is not None and user.is_authenticated and user.is_active:
            # One condition per distinct role limit among private documents (a handful: none, FOI's, …).
            limits = {tuple(roles or ()) for roles in
                      self.model.objects.filter(private=True).values_list("access_roles", flat=True).distinct()}
            for roles in limits:
                agencies = Agency.objects.in_scope(user, list(roles) or None).values("pk")
                condition |= Q(private=True, access_roles=list(roles), agency__in=agencies)
        return self.filter(condition)


EXTRACTION_FIELDS = ("extracted_text", "extraction_error", "text_extracted_at")


class AgencyDocument(AbstractDocument):
    file = models.FileField(
        "文件", upload_to=document_upload_to, storage=document_storage, max_length=255,
    )
    agency = models.ForeignKey(
        "orgs.Agency", verbose_name="所属机构", null=True, blank=True, on_delete=models.PROTECT,
        related_name="documents", help_text="由所在文件夹（机构集合）决定。",
    )
    private = models.BooleanField(
        "不公开（含个人信息）", default=False,
        help_text="勾选后仅本机构（及上级机构）有角色的工作人员可下载，公众访问返回 404。",
    )
    access_roles = models.JSONField(
        "限定角色", default=list, blank=True, editable=False,
        help_text="非空时，只有在所属机构（或上级机构）担任这些角色的人员可以下载，如依申请公开的答复和拟公开文件。",
    )
    file_type = models.CharField("检测到的类型", max_length=10, blank=True, editable=False)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False, db_index=True)
    extracted_text = models.TextField("提取的文本", blank=True, editable=False)
    extraction_error = models.CharField("文本提取错误", max_length=255, blank=True, editable=False)
    text_extracted_at = models.DateTimeField(
        "文本提取时间", null=True, blank=True, editable=False,
        help_text="空：文本尚待后台提取（上传后提交事务时排队，在子进程中限时限内存提取）。")

    objects = AgencyDocumentQuerySet.as_manager()

    admin_form_fields = ("title", "file", "collection", "private", "tags")

    search_fields = AbstractDocument.search_fields + [
        index.SearchField("extracted_text"),
        index.FilterField("agency"),
        index.FilterField("private"),
        index.FilterField("agency"),
        index.FilterField("access_roles"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "文件"
        verbose_name_plural = "文件"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_file_name = instance.__dict__.get("file")
        return instance

    def _content_changed(self):
        if not self.file:
            return False
        if not getattr(self.file, "_committed", True):
            return True  # a new upload, not yet written to storage
        return self.file.name != getattr(self, "_loaded_file_name", None) or not self.sha256

    def refresh_fingerprint(self):
        """Hash and sniff the current file and clear its text; the text itself is extracted after commit by
        a task (files.actions.extract_document_text), never inside the uploader's transaction."""
        self.extracted_text, self.extraction_error, self.text_extracted_at = "", "", None
        try:
            with self.open_file() as f:
                digest = hashlib.sha256()
                for chunk in iter(lambda: f.read(1024 * 1024), b""):
                    digest.update(chunk)
                self.sha256 = digest.hexdigest()
                f.seek(0)
                self.file_type = sniff_type(f) or ""
        except Exception as e:  # noqa: BLE001 - reading storage must not lose the upload
            logger.exception("document %s: reading the file failed", self.pk)
            self.extraction_error = f"无法读取文件：{type(e).__name__}: {e}"[:255]

    @property
    def text_pending(self):
        return self.text_extracted_at is None and not self.extraction_error

    def _agency_from_collection(self):
        if not self.collection_id:
            return
        link = AgencyCollection.objects.filter(collection_id=self.collection_id).values_list("agency_id", flat=True)
        agency_id = link.first()
        if agency_id is not None:
            self.agency_id = agency_id

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        content_changed = (update_fields is None or "file" in update_fields) and self._content_changed()
        if content_changed:
            self.refresh_fingerprint()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sha256", "file_type", *EXTRACTION_FIELDS}
        elif update_fields is None and not self._state.adding and not kwargs.get("force_insert"):
            # The text belongs to the extraction task: an instance loaded before it finished must not blank it.
            kwargs["update_fields"] = [field.name for field in self._meta.concrete_fields
                                       if not field.primary_key and field.name not in EXTRACTION_FIELDS]
        if update_fields is None or "collection" in update_fields:
            self._agency_from_collection()
        super().save(*args, **kwargs)
        self._loaded_file_name = self.file.name if self.file else None
        if content_changed and not self.extraction_error:
            from .actions import enqueue_text_extraction

            transaction.on_commit(partial(enqueue_text_extraction, self.pk), robust=True)

    def may_download(self, user):
        """Public documents: everyone. Private ones: staff holding a role in the owning agency's
        subtree (scope query) and superusers; with `access_roles`, only those roles (a case's letters are
        not for every publisher or inspector of the agency); an agency-less private document only superusers."""
        if not self.private:
            return True
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        if self.agency_id is None:
            return False
        return holds(user, self.agency_id, self.access_roles or None)

    @property
    def extension(self):
        return os.path.splitext(self.filename)[1].lower().lstrip(".")


class AgencyCollection(models.Model):
    """The Wagtail collection holding one agency's documents (created by files.collections.agency_collection)."""

    agency = models.OneToOneField(
        "orgs.Agency", verbose_name="机构", on_delete=models.CASCADE, related_name="document_collection"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name="文件夹", on_delete=models.CASCADE, related_name="agency_link"
    )

    class Meta:
        verbose_name = "机构文件夹"
        verbose_name_plural = "机构文件夹"

    def __str__(self):
        return f"{self.agency} → {self.collection}"
