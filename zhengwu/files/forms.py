"""The Wagtail admin document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): the same upload checks as store_document."""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from .extract import safe_filename, validate_upload


class AgencyDocumentForm(BaseDocumentForm):
    def clean_file(self):
        f = self.cleaned_data.get("file")
        if isinstance(f, UploadedFile):  # a new upload (not the stored file on an edit)
            f.name = safe_filename(f.name)
            validate_upload(f, f.name)
        return f
