from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "zhengwu.services"
    label = "services"
    verbose_name = "政务服务"

    def ready(self):
        from . import home, searched  # noqa: F401  (the home page's box, the site search)
        from .cases import monthly_sources, supervised  # noqa: F401  (supervision registry, 月报 figures)
