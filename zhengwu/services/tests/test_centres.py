"""Service centres at every level and their coverage against the editable targets (work plan 2012, point 三)."""

import csv
import io
import re

import pytest
from django.urls import reverse

from zhengwu.conftest import PASSWORD
from zhengwu.orgs.models import Agency, Division, Role
from zhengwu.services.centres.coverage import NOT_IMPORTED, coverage
from zhengwu.services.centres.demo import load_centres_demo
from zhengwu.services.models import CentreLevel, CoverageTarget, Matter, ServiceCentre

pytestmark = pytest.mark.django_db

CHANGSHAXIAN, PINGJIANG = "430121", "430626"


def division(code):
    return Division.objects.get(code=code)


def centre(level, code, name=None, agency=None, **fields):
    place = division(code)
    fields = {"address": f"{place.name}某路1号", "hours": "周一至周五 上午9:00-12:00 下午13:30-17:30",
              "phone": "0731-84000000", "windows": 3, **fields}
    return ServiceCentre.objects.create(level=level, division=place, name=name or f"{place.name}服务场所",
                                        agency=agency, **fields)


def villages(township_code, count):
    town = division(township_code)
    return [Division.objects.create(code=f"{township_code}{n:03d}", name=f"第{n}村", level=Division.Level.VILLAGE,
                                    parent=town) for n in range(201, 201 + count)]


def matter(agency, code, name, **fields):
    return Matter.objects.create(
        agency=agency, code=code, name=name, matter_type="XK", legal_basis="依据", conditions="条件",
        process="申请\n受理\n决定", statutory_workdays=20, promised_workdays=10, place="窗口", hours="工作日",
        consult_channel="电话", complaint_channel="电话", **fields)


@pytest.fixture
def county(hunan):
    """长沙县: 3 of its 18 townships have an active centre; 星沙街道 has 4 villages, 1 with a station."""
    for code in ("430121001", "430121002", "430121102"):
        centre(CentreLevel.TOWNSHIP, code, agency=hunan.xingsha if code == "430121001" else None)
    centre(CentreLevel.TOWNSHIP, "430121104", is_active=False)  # closed: does not count
    centre(CentreLevel.GOVERNMENT, "430121105")  # wrong level for a township: does not count
    centre(CentreLevel.GOVERNMENT, CHANGSHAXIAN, name="长沙县政务服务中心", agency=hunan.changshaxian)
    xingsha_villages = villages("430121001", 4)
    centre(CentreLevel.VILLAGE, xingsha_villages[0].code, name="第201村便民服务站", agency=hunan.xingsha)
    centre(CentreLevel.VILLAGE, xingsha_villages[1].code, is_active=False)
    return hunan


def test_county_coverage_counts_townships_and_villages(county):
    report = coverage(division(CHANGSHAXIAN))
    townships, villages_share = report.total.townships, report.total.villages
    assert (townships.total, townships.covered, townships.percent) == (18, 3, 16.7)
    assert (townships.target, townships.met, townships.status, townships.shortfall) == (100, False, "未达标", 15)
    assert (villages_share.total, villages_share.covered, villages_share.percent) == (4, 1, 25.0)
    assert villages_share.status == "数据不完整，不作达标判定"  # villages of 1 of the 18 townships imported
    assert report.lists_townships and len(report.rows) == 18
    rows = {row.division.code: row for row in report.rows}
    assert rows["430121001"].has_centre and rows["430121102"].has_centre
    assert not rows["430121104"].has_centre and not rows["430121105"].has_centre
    assert (rows["430121001"].villages.total, rows["430121001"].villages.covered) == (4, 1)
    assert rows["430121002"].villages.status == NOT_IMPORTED


def test_prefecture_coverage_groups_by_county(county):
    report = coverage(division("430100"))
    rows = {row.division.code: row for row in report.rows}
    assert (rows[CHANGSHAXIAN].townships.total, rows[CHANGSHAXIAN].townships.covered) == (18, 3)
    assert rows[CHANGSHAXIAN].government_centres == 2  # the county's, and the one filed at 黄花镇
    assert rows["430102"].townships.status == NOT_IMPORTED  # 芙蓉区: no townships in the fixture
    assert rows["430102"].townships.percent is None
    # Villages exist under 1 of the 18 townships: the share is marked as measuring only that part.
    assert report.total.villages.partial
    assert (report.total.villages.townships_with_data, report.total.villages.townships) == (1, 18)
    # A rate over 1 of 18 townships never claims the target is met, whatever it comes to.
    assert report.total.villages.met is None
    assert report.total.villages.status_text == "数据不完整，不作达标判定：仅 1/18 个乡镇已导入村级区划"


def test_an_incomplete_village_rate_above_the_target_is_not_called_met(county):
    from zhengwu.services.centres.coverage import Share

    partial = Share(total=10, covered=9, target=50, townships=18, townships_with_data=1)
    complete = Share(total=10, covered=9, target=50, townships=18, townships_with_data=18)
    assert (partial.met, partial.status) == (None, "数据不完整，不作达标判定")
    assert (complete.met, complete.status) == (True, "达标")


def test_coverage_page_drills_down_and_shows_status_in_text(county, client):
    page = client.get(reverse("services-coverage"), {"region": CHANGSHAXIAN})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<caption>" in html and 'scope="row"' in html and 'scope="col"' in html
    assert '<svg' in html and 'role="img"' in html and "<title" in html and "<desc" in html
    assert "星沙街道：便民服务中心已建；村（社区）便民服务站覆盖率 25%（未达标）" in html
    assert "泉塘街道：便民服务中心已建；村（社区）便民服务站覆盖率 未导入区划数据" in html
    assert '<li><a href="?region=430100">长沙市</a></li>' in html  # the way back up
    province = client.get(reverse("services-coverage")).content.decode()
    assert 'href="?region=430100"' in province and "<svg" in province
    assert client.get(reverse("services-coverage"), {"region": "430121001"}).status_code == 404
    assert client.get(reverse("services-coverage"), {"region": "999999"}).status_code == 404


def test_edited_target_changes_the_verdict(county, client):
    url = reverse("services-coverage")

    def xingsha_villages(report):  # 星沙街道's villages are all imported: its share is complete
        return next(row for row in report.rows if row.division.code == "430121001").villages

    before = xingsha_villages(client.get(url, {"region": CHANGSHAXIAN}).context["report"])
    assert (before.percent, before.target, before.status) == (25.0, 50, "未达标")
    CoverageTarget.objects.filter(level=CentreLevel.VILLAGE).update(percent=20)
    page = client.get(url, {"region": CHANGSHAXIAN})
    after = xingsha_villages(page.context["report"])
    assert (after.target, after.status) == (20, "达标")
    assert page.context["report"].total.villages.status == "数据不完整，不作达标判定"  # never 达标 on a part
    assert "村目标 20%" in page.content.decode()
    CoverageTarget.objects.filter(level=CentreLevel.TOWNSHIP).delete()
    assert coverage(division(CHANGSHAXIAN)).total.townships.status == "未设目标"


def test_regions_without_divisions_say_not_imported_instead_of_zero(county, client):
    html = client.get(reverse("services-coverage")).content.decode()
    zhuzhou = re.search(r"<tr>\s*<th scope=\"row\"><a href=\"\?region=430200\">株洲市</a>.*?</tr>", html, re.S).group(0)
    assert zhuzhou.count(NOT_IMPORTED) == 2  # neither townships nor villages of 株洲市 are imported
    assert "0.0%" not in zhuzhou and "未达标" not in zhuzhou
    changsha = re.search(r"<tr>\s*<th scope=\"row\"><a href=\"\?region=430100\">长沙市</a>.*?</tr>", html, re.S).group(0)
    assert "16.7%" in changsha  # only 长沙县's townships are imported: 3 of 18


def test_csv_export_of_the_table(county, client):
    response = client.get(reverse("services-coverage"), {"region": CHANGSHAXIAN, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="coverage-430121.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:5] == ["区划代码", "区划名称", "层级", "政务服务中心数", "乡镇（街道）数"]
    assert len(rows) == 1 + 18 + 1
    by_code = {row[0]: row for row in rows[1:-1]}
    assert by_code["430121001"][4:9] == ["1", "1", "100.0", "100", "达标"]
    assert by_code["430121001"][9:14] == ["4", "1", "25.0", "50", "未达标"]
    assert by_code["430121002"][9:14] == ["", "", "", "50", NOT_IMPORTED]
    assert rows[-1][:2] == [CHANGSHAXIAN, "长沙县（合计）"] and rows[-1][4:9] == ["18", "3", "16.7", "100", "未达标"]


def test_centre_list_filters_by_region_and_level(county, client):
    department = Agency.objects.get(pk=county.changshaxian.pk).add_child(
        name="长沙县行政审批服务局", slug="xzspj", kind=Agency.Kind.COMPONENT, division=division(CHANGSHAXIAN))
    licence = matter(department, "CSX-XK-001", "食品经营许可")
    ServiceCentre.objects.get(name="长沙县政务服务中心").matters.add(licence)
    centre(CentreLevel.GOVERNMENT, PINGJIANG, name="平江县政务服务中心")
    url = reverse("services-centres")

    def names(**params):
        return {c.name for c in client.get(url, params).context["page_obj"].object_list}

    in_county = names(region=CHANGSHAXIAN)
    assert "长沙县政务服务中心" in in_county and "第201村便民服务站" in in_county
    assert "平江县政务服务中心" not in in_county
    assert "泉塘街道服务场所" in in_county
    assert names(region=CHANGSHAXIAN, level="township") == {"星沙街道服务场所", "泉塘街道服务场所", "黄兴镇服务场所"}
    assert names(level="government") == {"长沙县政务服务中心", "平江县政务服务中心", "黄花镇服务场所"}
    assert names(region="430121001") == {"星沙街道服务场所", "第201村便民服务站"}  # inactive ones are not listed
    assert names(q="平江") == {"平江县政务服务中心"}
    html = client.get(url, {"region": CHANGSHAXIAN, "level": "government"}).content.decode()
    for text in ("长沙县某路1号", "周一至周五 上午9:00-12:00 下午13:30-17:30", "0731-84000000", "3 个", "食品经营许可"):
        assert text in html
    assert client.get(url, {"region": "999999"}).status_code == 404
    detail = client.get(reverse("services-centre", args=[ServiceCentre.objects.get(name="长沙县政务服务中心").pk]))
    assert "食品经营许可" in detail.content.decode() and "长沙县行政审批服务局" in detail.content.decode()
    closed = ServiceCentre.objects.get(division__code="430121104")
    assert client.get(reverse("services-centre", args=[closed.pk])).status_code == 404


def test_demo_loader_covers_pilot_counties_and_is_idempotent(hunan):
    department = Agency.objects.get(pk=hunan.changshaxian.pk).add_child(
        name="长沙县民政局", slug="mzj", kind=Agency.Kind.COMPONENT, division=division(CHANGSHAXIAN))
    marriage = matter(department, "CSX-QR-001", "婚姻登记")
    stopped = matter(department, "CSX-QR-002", "已停止的事项", is_active=False)
    first = load_centres_demo()
    assert first["townships"] > 1800  # the whole province's townships, measured as divisions
    assert Division.objects.filter(level=Division.Level.TOWNSHIP, code__startswith="4302").exists()
    assert not Agency.objects.filter(division__code__startswith="430202", division__level="township").exists()
    for code in ("430121", "430626", "430922", "430524"):
        report = coverage(division(code))
        assert report.total.townships.percent == 100.0, code
        assert report.total.villages.percent >= 50, code
        assert report.total.government_centres == 1
    province = coverage(division("430000"))
    assert 55 <= province.total.villages.percent <= 70
    assert province.total.government_centres == 14 + 4
    assert province.total.townships.total > 2000 and not province.total.townships.met
    village = Division.objects.filter(level=Division.Level.VILLAGE, code__startswith="430121001").first()
    assert len(village.code) == 12 and village.is_demo and village.name.endswith(("村", "社区"))
    county_centre = ServiceCentre.objects.get(level=CentreLevel.GOVERNMENT, division__code=CHANGSHAXIAN)
    assert county_centre.name == "长沙县政务服务中心" and county_centre.agency == hunan.changshaxian
    assert 30 <= county_centre.windows <= 60 and county_centre.is_demo
    assert list(county_centre.matters.all()) == [marriage] and stopped not in county_centre.matters.all()
    xingsha = ServiceCentre.objects.get(level=CentreLevel.TOWNSHIP, division__code="430121001")
    assert xingsha.agency == hunan.xingsha
    counts = (Division.objects.count(), ServiceCentre.objects.count(), ServiceCentre.matters.through.objects.count())
    again = load_centres_demo()
    assert again == {"townships": 0, "villages": 0, "centres": 0, "links": 0}
    assert counts == (Division.objects.count(), ServiceCentre.objects.count(),
                      ServiceCentre.matters.through.objects.count())


def admin_names(client, username):
    client.login(username=username, password=PASSWORD)
    response = client.get(reverse("service_centres:index"))
    assert response.status_code == 200
    return {c.name for c in response.context["object_list"]}


def test_admin_lists_only_centres_in_scope(county, client):
    centre(CentreLevel.GOVERNMENT, "430100", name="长沙市政务服务中心", agency=county.changsha)
    centre(CentreLevel.GOVERNMENT, PINGJIANG, name="平江县政务服务中心")  # no 主管机构
    county.user("csx_admin", county.changshaxian, Role.AGENCY_ADMIN)
    county.user("xingsha_admin", county.xingsha, Role.AGENCY_ADMIN)
    county.user("csx_editor", county.changshaxian, Role.PUBLISHER)
    county.user("admin", county.province, Role.SYSTEM_ADMIN)
    csx = admin_names(client, "csx_admin")
    assert "长沙县政务服务中心" in csx and "星沙街道服务场所" in csx and "第201村便民服务站" in csx
    assert "长沙市政务服务中心" not in csx and "平江县政务服务中心" not in csx
    assert admin_names(client, "xingsha_admin") == {"星沙街道服务场所", "第201村便民服务站"}
    everything = admin_names(client, "admin")
    assert {"长沙市政务服务中心", "平江县政务服务中心", "长沙县政务服务中心"} <= everything
    assert len(everything) == ServiceCentre.objects.count()
    # Out of scope: not editable by the county admin; coverage targets are for province-wide admins only.
    client.login(username="csx_admin", password=PASSWORD)
    city = ServiceCentre.objects.get(name="长沙市政务服务中心")
    assert client.get(reverse("service_centres:edit", args=[city.pk])).status_code in (302, 403)
    assert client.get(reverse("coverage_targets:index")).status_code == 302
    client.login(username="admin", password=PASSWORD)
    assert client.get(reverse("coverage_targets:index")).status_code == 200
    client.login(username="csx_editor", password=PASSWORD)
    assert client.get(reverse("service_centres:index")).status_code == 302


def test_admin_form_keeps_centres_inside_the_admins_county(county, client):
    county.user("csx_admin", county.changshaxian, Role.AGENCY_ADMIN)
    client.login(username="csx_admin", password=PASSWORD)
    url = reverse("service_centres:add")
    data = {"level": "township", "name": "平江县三市镇便民服务中心", "division": "430626102",
            "agency": county.changshaxian.pk, "address": "三市镇", "hours": "工作日", "windows": 5, "is_active": "on"}
    response = client.post(url, data)
    assert response.status_code == 200 and not ServiceCentre.objects.filter(name=data["name"]).exists()
    assert "所在区划应在主管机构所在的长沙县范围内" in response.content.decode()
    response = client.post(url, {**data, "division": CHANGSHAXIAN})
    assert "应设在乡镇/街道一级的区划" in response.content.decode()
    response = client.post(url, {**data, "name": "开慧镇便民服务中心", "division": "430121116"})
    assert response.status_code == 302
    created = ServiceCentre.objects.get(name="开慧镇便民服务中心")
    assert created.division.code == "430121116" and created.agency == county.changshaxian
    assert coverage(division(CHANGSHAXIAN)).total.townships.covered == 4
