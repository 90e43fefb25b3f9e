from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "zhengwu.services"
    label = "services"
    verbose_name = "政务服务"

    def ready(self):
        from .cases import monthly_sources, supervised  # noqa: F401  (supervision registry, 月报 figures)
