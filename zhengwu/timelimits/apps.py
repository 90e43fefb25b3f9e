from django.apps import AppConfig


class TimelimitsConfig(AppConfig):
    name = "zhengwu.timelimits"
    label = "timelimits"
    verbose_name = "工作日历与法定时限"

    def ready(self):
        from . import signals  # noqa: F401
