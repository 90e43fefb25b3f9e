from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "zhengwu.orgs"
    label = "orgs"
    verbose_name = "机构与人员"
