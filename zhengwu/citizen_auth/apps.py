from django.apps import AppConfig


class CitizenAuthConfig(AppConfig):
    name = "zhengwu.citizen_auth"
    label = "citizen_auth"
    verbose_name = "公众登录"
