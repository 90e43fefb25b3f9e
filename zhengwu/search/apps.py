from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "zhengwu.search"
    label = "zhengwu_search"
    verbose_name = "中文全文检索"
    default_auto_field = "django.db.models.BigAutoField"
