"""Admin of 互动交流: each concept registers its own menu items and viewsets."""

from . import interview_admin, letter_admin  # noqa: F401
