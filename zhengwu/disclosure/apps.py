from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "zhengwu.disclosure"
    label = "disclosure"
    verbose_name = "政府信息公开"

    def ready(self):
        from . import columns, home, profiles, signals  # noqa: F401  (columns, the home box, 机构概况)
