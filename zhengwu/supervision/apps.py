from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "zhengwu.supervision"
    label = "supervision"
    verbose_name = "电子监察"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from zhengwu.timelimits import bands

        from . import monthly_sources, supervised  # noqa: F401  (registry, 月报 figures)
        from .models import ThresholdRule
        from .sweep import forget_warn_days, warn_days_of

        bands.use_warning_rule(warn_days_of)
        for signal in (post_save, post_delete):
            signal.connect(forget_warn_days, sender=ThresholdRule, dispatch_uid=f"supervision.warn_days.{signal}")
