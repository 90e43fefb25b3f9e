"""A permission added to a role reaches the people who already hold it, at the next migrate."""

from django.contrib.auth.models import Permission
from django.core.management import call_command

from zhengwu.orgs.actions import role_group
from zhengwu.orgs.models import Role


def test_migrate_resyncs_existing_role_groups(db):
    group = role_group(Role.FOI_HANDLER)
    group.permissions.remove(Permission.objects.get(codename="view_informationrequest"))
    call_command("migrate", verbosity=0)
    assert group.permissions.filter(codename="view_informationrequest").exists()
