import pytest


@pytest.fixture
def staff(hunan):
    """The people who work 湖南省财政厅's requests, and a handler of another agency."""
    class Staff:
        handler = hunan.user("czt_foi", hunan.czt, "foi_handler")
        head = hunan.user("czt_head", hunan.czt, "disclosure_head")
        reviewer = hunan.user("czt_reviewer", hunan.czt, "secrecy_reviewer")
        other = hunan.user("zrzyt_foi", hunan.zrzyt, "foi_handler")
    return Staff
