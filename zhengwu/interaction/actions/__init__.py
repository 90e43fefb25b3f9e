"""Every state change of a letter: one function each, one transaction, a typed event; texts to the writer go out
after commit. The public pages, the admin and the API call these and nothing else."""

from .common import LETTER_ROLES, LETTER_TYPE, VIEWING_ROLES, ActionForbidden, ActionRefused  # noqa: F401
from .handling import (  # noqa: F401
    add_note,
    approve_reply,
    assign,
    draft_reply,
    group_with,
    refer_petition,
    return_letter,
    send_back,
    ungroup,
)
from .intake import DuplicateLetter, find_group, write_letter  # noqa: F401
from .rating import rate_reply  # noqa: F401
