"""Background text extraction: enqueued after the upload's transaction commits (inline with the Immediate
backend in development and tests; django_tasks_db's worker in production)."""

from django_tasks import task


@task()
def extract_document_text_task(document_id: int) -> str:
    from .actions import extract_document_text

    return extract_document_text(document_id)
