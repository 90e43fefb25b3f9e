from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "zhengwu.interaction"
    label = "interaction"
    verbose_name = "互动交流"

    def ready(self):
        from .letters import monthly_sources, supervised  # noqa: F401  (月报 figures, letters on the supervision registry)
