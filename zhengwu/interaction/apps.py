from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "zhengwu.interaction"
    label = "interaction"
    verbose_name = "互动交流"

    def ready(self):
        from . import home, searched  # noqa: F401  (the home page's box, the site search)
        from .letters import monthly_sources, supervised  # noqa: F401  (月报 figures, letters on the supervision registry)
