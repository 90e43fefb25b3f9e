"""Admin for 政务服务: each concern registers its own menu items and views."""

from . import admin_cases, admin_catalog, admin_centres  # noqa: F401
