import pytest
from django.contrib.auth.models import AnonymousUser

from zhengwu.orgs.models import Agency, Role, StaffRole, scoped


def names(qs):
    return set(qs.values_list("name", flat=True))


def test_department_role_reaches_only_its_department(hunan):
    editor = hunan.user("czt_editor", hunan.czt, Role.PUBLISHER)
    assert names(Agency.objects.in_scope(editor)) == {"湖南省财政厅"}


def test_county_role_reaches_its_townships_but_not_its_parent(hunan):
    editor = hunan.user("csx", hunan.changshaxian, Role.PUBLISHER)
    assert names(Agency.objects.in_scope(editor)) == {"长沙县人民政府", "星沙街道办事处", "泉塘街道办事处"}


def test_township_role_does_not_reach_sibling_township(hunan):
    editor = hunan.user("xs", hunan.xingsha, Role.PUBLISHER)
    assert names(Agency.objects.in_scope(editor)) == {"星沙街道办事处"}


def test_roles_filter_narrows_scope(hunan):
    user = hunan.user("mixed", hunan.czt, Role.PUBLISHER)
    StaffRole.objects.create(user=user, agency=hunan.zrzyt, role=Role.SECRECY_REVIEWER)
    assert names(Agency.objects.in_scope(user)) == {"湖南省财政厅", "湖南省自然资源厅"}
    assert names(Agency.objects.in_scope(user, [Role.SECRECY_REVIEWER])) == {"湖南省自然资源厅"}


def test_provincial_role_reaches_everything(hunan):
    admin = hunan.user("admin", hunan.province, Role.SYSTEM_ADMIN)
    assert Agency.objects.in_scope(admin).count() == Agency.objects.count()


@pytest.mark.django_db
def test_anonymous_and_roleless_users_reach_nothing(hunan, django_user_model):
    assert not Agency.objects.in_scope(AnonymousUser()).exists()
    nobody = django_user_model.objects.create_user("nobody", password="x")
    assert not Agency.objects.in_scope(nobody).exists()


def test_scoped_filters_agency_owned_records(hunan):
    editor = hunan.user("czt_editor", hunan.czt, Role.AGENCY_ADMIN)
    hunan.user("other", hunan.zrzyt, Role.PUBLISHER)
    visible = scoped(StaffRole.objects.all(), editor)
    assert {r.agency.slug for r in visible} == {"czt"}
