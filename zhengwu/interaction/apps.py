from django.apps import AppConfig


class InteractionConfig(AppConfig):
    name = "zhengwu.interaction"
    label = "interaction"
    verbose_name = "互动交流"

    def ready(self):
        from . import supervised  # noqa: F401  (letters on the supervision registry)
