from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "zhengwu.portal"
    label = "portal"
    verbose_name = "门户网站群"

    def ready(self):
        from . import searched  # noqa: F401  (the articles in the site search)
