"""Every state change of a letter: one function each, one transaction, a typed event; texts to the writer go out
after commit. The public pages, the admin and the API call these and nothing else."""

from zhengwu.interaction.actions.common import (  # noqa: F401
    LETTER_ROLES,
    LETTER_TYPE,
    VIEWING_ROLES,
    ActionForbidden,
    ActionRefused,
)
from zhengwu.interaction.actions.handling import (  # noqa: F401
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
from zhengwu.interaction.actions.intake import DuplicateLetter, find_group, write_letter  # noqa: F401
from zhengwu.interaction.actions.rating import rate_reply  # noqa: F401
