"""Public JSON API of 互动交流 (mounted at /api/v1/): mailboxes and letters, online interviews."""

from ninja import Router

from zhengwu.interaction.interviews.api import router as interview_router
from zhengwu.interaction.letters.api import router as letter_router

router = Router()
router.add_router("", letter_router)
router.add_router("", interview_router)
