from django.apps import AppConfig


class NumberingConfig(AppConfig):
    name = "zhengwu.numbering"
    label = "numbering"
    verbose_name = "编号"
