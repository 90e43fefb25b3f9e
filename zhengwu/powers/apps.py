from django.apps import AppConfig


class PowersConfig(AppConfig):
    name = "zhengwu.powers"
    label = "powers"
    verbose_name = "权力清单"
