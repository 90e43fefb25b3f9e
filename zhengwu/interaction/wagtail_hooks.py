"""Admin of 互动交流: each concept registers its own menu items and viewsets."""

from .interviews import admin as interviews_admin  # noqa: F401
from .letters import admin as letters_admin  # noqa: F401
