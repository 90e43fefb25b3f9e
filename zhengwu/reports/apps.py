from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "zhengwu.reports"
    label = "reports"
    verbose_name = "年度报告与月报"

    def ready(self):
        from zhengwu.reports import home, signals  # noqa: F401  (home: the 数据发布 box)
