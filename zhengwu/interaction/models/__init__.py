from zhengwu.interaction.models.interviews import *  # noqa: F401,F403  (在线访谈; the names are in interviews.__all__)
from zhengwu.interaction.models.letters import (  # noqa: F401
    OPEN_LETTER_STATES,
    Letter,
    LetterAttachment,
    LetterCategory,
    LetterEvent,
    LetterRating,
    LetterState,
    Mailbox,
)
