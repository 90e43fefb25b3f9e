"""Signals of the files app."""

from django.dispatch import Signal

# Sent after a document's text has been extracted (or has failed to be) and saved, outside any upload's
# transaction; `document` is the AgencyDocument. Whoever indexes a document's text elsewhere (a catalog item's
# attachments) re-indexes on it.
document_text_extracted = Signal()
