"""Shared fixtures: a small slice of the real Hunan tree (real division data, demo agencies and pages)."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from zhengwu.orgs.actions import grant_role
from zhengwu.orgs.demo import PROVINCIAL_DEPARTMENTS, DemoAgencies, government_name
from zhengwu.orgs.divisions import import_divisions
from zhengwu.orgs.models import Agency, Division
from zhengwu.portal.demo import load_pages

PASSWORD = "Test-password-2026"


class Tree:
    """Named agencies of the test tree, and a helper to make staff users holding roles."""

    def user(self, username, agency, role, **extra):
        user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
        grant_role(user, agency, role)
        return user


@pytest.fixture
def hunan(db):
    data = settings.SHARED_DATA_DIR
    import_divisions([data / "hunan_divisions.csv", data / "hunan_pilot_townships.csv"])
    maker = DemoAgencies()
    division = Division.objects.get
    tree = Tree()
    tree.province = maker.ensure(None, "湖南省人民政府", "hunan", Agency.Kind.GOVERNMENT, division(code="430000"))
    departments = dict((slug, (name, kind)) for name, slug, kind in PROVINCIAL_DEPARTMENTS)
    for slug in ("czt", "zrzyt"):
        name, kind = departments[slug]
        setattr(tree, slug, maker.ensure(tree.province, name, slug, kind, division(code="430000")))
    tree.changsha = maker.ensure(tree.province, "长沙市人民政府", "changsha", Agency.Kind.GOVERNMENT,
                                 division(code="430100"))
    tree.changshaxian = maker.ensure(tree.changsha, "长沙县人民政府", "changshaxian", Agency.Kind.GOVERNMENT,
                                     division(code="430121"))
    tree.xingsha = maker.ensure(tree.changshaxian, government_name(division(code="430121001")), "xingshajiedao",
                                Agency.Kind.TOWNSHIP, division(code="430121001"))
    tree.quantang = maker.ensure(tree.changshaxian, government_name(division(code="430121002")), "quantangjiedao",
                                 Agency.Kind.TOWNSHIP, division(code="430121002"))
    load_pages(tree.province)
    for name in ("province", "czt", "zrzyt", "changsha", "changshaxian", "xingsha", "quantang"):
        agency = getattr(tree, name)
        agency.refresh_from_db()
    return tree
