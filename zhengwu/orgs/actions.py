"""State changes of the agency tree and staff roles: one function each, one transaction, one log entry."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission

from .models import Role, StaffRole, holds
from .permissions import ADMIN_ROLES, ROLE_MODEL_PERMISSIONS, ROLE_PAGE_PERMISSIONS


def _permissions(specs):
    perms = []
    for spec in specs:
        app_label, codename = spec.split(".", 1)
        qs = Permission.objects.filter(content_type__app_label=app_label)
        if codename != "*":
            qs = qs.filter(codename=codename)
        perms.extend(qs)
    return perms


def role_group(role):
    """The global group carrying a role's model permissions (the same for every agency)."""
    group, _ = Group.objects.get_or_create(name=Role(role).label)
    group.permissions.set(_permissions(ROLE_MODEL_PERMISSIONS[Role(role)]))
    return group


def _agency_group_name(agency, role):
    return f"{agency.name}（{agency.pk}）{Role(role).label}"


# Apps that keep permissions of their own per agency (files: the agency's document collection) add them to the
# agency's role group: (needs(role) -> bool, grant(group, agency, role)), registered in the app's ready().
_group_grants: list = []


def register_group_grant(needs, grant):
    _group_grants.append((needs, grant))


def agency_role_group(agency, role):
    """The group carrying a role's page permissions on one agency's home page subtree, and what the registered
    apps grant with it (files: document permissions on the agency's collection, which nests its subtree's)."""
    page_perms = ROLE_PAGE_PERMISSIONS.get(Role(role)) if agency.home_page_id is not None else None
    grants = [grant for needs, grant in _group_grants if needs(Role(role))]
    if not page_perms and not grants:
        return None
    group, _ = Group.objects.get_or_create(name=_agency_group_name(agency, role))
    for codename in page_perms or []:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=agency.home_page_id,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    for grant in grants:
        grant(group, agency, Role(role))
    return group


def can_grant(actor, agency, role):
    if actor is None:  # system processes (demo loading, imports)
        return True
    if role == Role.SYSTEM_ADMIN:
        return holds(actor, agency.pk, [Role.SYSTEM_ADMIN])
    return holds(actor, agency.pk, ADMIN_ROLES)


@transaction.atomic
def grant_role(user, agency, role, actor=None):
    if not can_grant(actor, agency, role):
        raise PermissionDenied("您无权在该机构授予此角色。")
    staff_role, created = StaffRole.objects.get_or_create(
        user=user, agency=agency, role=role, defaults={"granted_by": actor}
    )
    user.groups.add(role_group(role))
    group = agency_role_group(agency, role)
    if group is not None:
        user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    if created:
        log(staff_role, "wagtail.create", user=actor)
    return staff_role


@transaction.atomic
def revoke_role(staff_role, actor=None):
    if not can_grant(actor, staff_role.agency, staff_role.role):
        raise PermissionDenied("您无权撤销该角色。")
    user, agency, role = staff_role.user, staff_role.agency, staff_role.role
    log(staff_role, "wagtail.delete", user=actor)
    staff_role.delete()
    group = Group.objects.filter(name=_agency_group_name(agency, role)).first()
    if group is not None:
        user.groups.remove(group)
    if not StaffRole.objects.filter(user=user, role=role).exists():
        user.groups.remove(role_group(role))
