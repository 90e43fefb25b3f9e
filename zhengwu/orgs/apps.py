from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sync_role_groups(sender, apps=None, **kwargs):
    """After every migrate, give the existing role groups exactly the permissions orgs/permissions.py lists,
    so a permission added to a role reaches people who already hold it (new models' permissions exist by now)."""
    from django.apps import apps as installed
    from django.contrib.auth.models import Group

    from .actions import role_group
    from .models import Role

    if sender.label != [app for app in installed.get_app_configs() if app.models_module][-1].label:
        return  # post_migrate fires per app; act once, after the last app's permissions exist
    try:
        (apps or installed).get_model("auth", "Group")  # `migrate zhengwu_search` alone leaves no auth tables
    except LookupError:
        return
    for role in Role:
        if Group.objects.filter(name=role.label).exists():
            role_group(role)


class OrgsConfig(AppConfig):
    name = "zhengwu.orgs"
    label = "orgs"
    verbose_name = "机构与人员"

    def ready(self):
        post_migrate.connect(sync_role_groups, dispatch_uid="zhengwu.orgs.sync_role_groups")
