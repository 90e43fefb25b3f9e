"""The test tree: a small slice of the real Hunan tree (real division data, demo agencies and their home pages,
indexed for search), built once per test database by `zhengwu/conftest.py`."""

from django.conf import settings
from django.contrib.auth import get_user_model

from zhengwu.orgs.actions import grant_role
from zhengwu.orgs.demo import PROVINCIAL_DEPARTMENTS, DemoAgencies, government_name
from zhengwu.orgs.divisions import import_divisions
from zhengwu.orgs.models import Agency, Division
from zhengwu.portal.demo import load_pages

PASSWORD = "Test-password-2026"


def build():
    """Create the tree in the current database; returns {attribute name: agency id}."""
    data = settings.SHARED_DATA_DIR
    import_divisions([data / "hunan_divisions.csv", data / "hunan_pilot_townships.csv"])
    maker = DemoAgencies()
    division = Division.objects.get
    province = maker.ensure(None, "湖南省人民政府", "hunan", Agency.Kind.GOVERNMENT, division(code="430000"))
    agencies = {"province": province}
    departments = {slug: (name, kind) for name, slug, kind in PROVINCIAL_DEPARTMENTS}
    for slug in ("czt", "zrzyt"):
        name, kind = departments[slug]
        agencies[slug] = maker.ensure(province, name, slug, kind, division(code="430000"))
    agencies["changsha"] = maker.ensure(province, "长沙市人民政府", "changsha", Agency.Kind.GOVERNMENT,
                                        division(code="430100"))
    agencies["changshaxian"] = maker.ensure(agencies["changsha"], "长沙县人民政府", "changshaxian",
                                            Agency.Kind.GOVERNMENT, division(code="430121"))
    for name, slug, code in (("xingsha", "xingshajiedao", "430121001"), ("quantang", "quantangjiedao", "430121002")):
        agencies[name] = maker.ensure(agencies["changshaxian"], government_name(division(code=code)), slug,
                                      Agency.Kind.TOWNSHIP, division(code=code))
    load_pages(province)
    return {name: agency.pk for name, agency in agencies.items()}


class Tree:
    """Named agencies of the test tree (fresh instances for each test), and a helper to make staff users."""

    def __init__(self, ids):
        found = Agency.objects.select_related("division").in_bulk(ids.values())
        for name, pk in ids.items():
            setattr(self, name, found[pk])

    def user(self, username, agency, role, **extra):
        user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
        grant_role(user, agency, role)
        return user
