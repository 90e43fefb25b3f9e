from django.apps import AppConfig


class PowersConfig(AppConfig):
    name = "zhengwu.powers"
    label = "powers"
    verbose_name = "权力清单"

    def ready(self):
        from . import entries, searched  # noqa: F401  (navigation, 法定主动公开内容, the site search)
        from .decisions import supervised  # noqa: F401  (registers the case type with supervision)
