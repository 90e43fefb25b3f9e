from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "zhengwu.supervision"
    label = "supervision"
    verbose_name = "电子监察"

    def ready(self):
        from zhengwu.timelimits import bands

        from . import monthly_sources, supervised  # noqa: F401  (registry, 月报 figures)
        from .sweep import warn_days_of

        bands.use_warning_rule(warn_days_of)
