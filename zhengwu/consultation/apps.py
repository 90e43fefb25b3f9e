from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "zhengwu.consultation"
    label = "consultation"
    verbose_name = "决策公开"

    def ready(self):
        from . import home, searched  # noqa: F401  (the home page's 意见征集 box, the site search)
