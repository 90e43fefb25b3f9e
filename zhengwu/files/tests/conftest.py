import pytest


@pytest.fixture(autouse=True)
def documents_root(settings, tmp_path):
    """Stored documents go to a temporary folder, never to var/documents."""
    settings.ZHENGWU_DOCUMENTS_ROOT = tmp_path / "documents"
    return settings.ZHENGWU_DOCUMENTS_ROOT
