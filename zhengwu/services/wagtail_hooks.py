"""Admin for 政务服务: each concern registers its own menu items and views."""

from .cases import admin as cases_admin  # noqa: F401
from .catalog import admin as catalog_admin  # noqa: F401
from .centres import admin as centres_admin  # noqa: F401
