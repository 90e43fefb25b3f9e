"""The public catalog and 办事指南 pages, the catalog admin's scope and inline editing, and the demo loader."""

import json
import re

import pytest

from zhengwu.orgs.demo import PILOT_COUNTY_CODES, DemoAgencies
from zhengwu.orgs.models import Agency, Division, Role
from zhengwu.services.models import MaterialRequirement, Matter, MatterType, SpecialProcedure, Topic

GUIDE = dict(
    legal_basis="《中华人民共和国民法典》第一千零四十九条\n《婚姻登记条例》", conditions="男女双方完全自愿。",
    process="申请\n审查\n登记", statutory_workdays=20, promised_workdays=10, place="长沙县政务服务中心一楼",
    hours="工作日 9:00-17:00", consult_channel="12345政务服务便民热线", complaint_channel="湖南省“互联网+监督”平台",
    result_name="结婚证", faq="问：需要带户口簿吗？\n答：不需要。", audience="person",
    online_depth=Matter.OnlineDepth.DOWNLOAD)


def make_matter(agency, code, name, matter_type=MatterType.CONFIRMATION, topics=(), **fields):
    matter = Matter.objects.create(agency=agency, code=code, name=name, matter_type=matter_type,
                                   **{**GUIDE, **fields})
    matter.topics.set(Topic.objects.filter(slug__in=topics))
    return matter


def build_catalog(tree):
    """Two counties' 民政局 and a provincial department, four active matters and an inactive one."""
    maker = DemoAgencies()
    division = Division.objects.get
    tree.csx_mz = maker.ensure(tree.changshaxian, "长沙县民政局", "mzj", Agency.Kind.COMPONENT,
                               tree.changshaxian.division)
    yueyang = maker.ensure(tree.province, "岳阳市人民政府", "yueyang", Agency.Kind.GOVERNMENT,
                           division(code="430600"))
    tree.pingjiang = maker.ensure(yueyang, "平江县人民政府", "pingjiang", Agency.Kind.GOVERNMENT,
                                  division(code="430626"))
    tree.pj_mz = maker.ensure(tree.pingjiang, "平江县民政局", "mzj", Agency.Kind.COMPONENT, tree.pingjiang.division)
    tree.marriage = make_matter(tree.csx_mz, "43012100MZ-QR-0001", "结婚登记", topics=["hunyin", "jiehun"])
    document_model = MaterialRequirement._meta.get_field("blank_form").related_model
    tree.blank = document_model.objects.create(title="结婚登记声明书空白表", file="documents/blank-form.pdf")
    MaterialRequirement.objects.create(matter=tree.marriage, name="双方本人的居民身份证", form="original", copies=1,
                                       source="公安机关核发", order=1)
    MaterialRequirement.objects.create(matter=tree.marriage, name="签字声明", form="both", copies=2, required=False,
                                       source="现场填写", blank_form=tree.blank, note="在登记员面前签署", order=2)
    SpecialProcedure.objects.create(matter=tree.marriage, name="离婚冷静期", workdays=22,
                                    basis="《中华人民共和国民法典》第一千零七十七条", counts_toward_limit=False)
    tree.dibao = make_matter(tree.csx_mz, "43012100MZ-JF-0001", "最低生活保障审核确认", MatterType.PAYMENT,
                             topics=["minzhengjiuzhu", "shenghuokunnan"], online_depth=Matter.OnlineDepth.DOWNLOAD)
    tree.pj_marriage = make_matter(tree.pj_mz, "43062600MZ-QR-0001", "结婚登记", topics=["hunyin", "jiehun"])
    tree.survey = make_matter(
        tree.zrzyt, "43000000ZR-XK-0001", "测绘资质审批", MatterType.LICENSING, topics=["zizhirenzheng"],
        audience="both", online_depth=Matter.OnlineDepth.FULL, charged=True, fee_standard="每件100元",
        fee_basis="《某收费文件》", fee_limit=100,
        form_fields=[{"name": "company_name", "label": "单位名称", "required": True}])
    tree.stopped = make_matter(tree.csx_mz, "43012100MZ-QR-0099", "已停办的婚姻事项", is_active=False)
    return tree


@pytest.fixture
def catalog(hunan):
    return build_catalog(hunan)


def listed(response):
    return {matter.code for matter in response.context["page_obj"].object_list}


# --- public pages ---------------------------------------------------------------------------------------------


def test_catalog_lists_active_matters_with_their_agencies(client, catalog):
    response = client.get("/zwfw/")
    assert response.status_code == 200
    text = response.content.decode()
    assert listed(response) == {"43012100MZ-QR-0001", "43012100MZ-JF-0001", "43062600MZ-QR-0001",
                                "43000000ZR-XK-0001"}
    assert "已停办的婚姻事项" not in text
    assert "共 4 项事项" in text
    # Agencies grouped by government level, each county under its own name.
    assert "省级" in text and "县市区级" in text and "长沙县民政局" in text and "平江县民政局" in text


FILTER_CASES = [
    ({"region": "changshaxian"}, {"43012100MZ-QR-0001", "43012100MZ-JF-0001"}),
    ({"agency": "pj_mz"}, {"43062600MZ-QR-0001"}),
    ({"type": "XK"}, {"43000000ZR-XK-0001"}),
    ({"audience": "company"}, {"43000000ZR-XK-0001"}),
    ({"audience": "person"}, {"43012100MZ-QR-0001", "43012100MZ-JF-0001", "43062600MZ-QR-0001",
                              "43000000ZR-XK-0001"}),  # 个人 includes matters for both kinds of applicant
    ({"theme": "hunyin"}, {"43012100MZ-QR-0001", "43062600MZ-QR-0001"}),
    ({"event": "shenghuokunnan"}, {"43012100MZ-JF-0001"}),
    ({"theme": "hunyin", "region": "pingjiang"}, {"43062600MZ-QR-0001"}),
    ({"q": "结婚"}, {"43012100MZ-QR-0001", "43062600MZ-QR-0001"}),
    ({"q": "結婚 登記"}, {"43012100MZ-QR-0001", "43062600MZ-QR-0001"}),  # 繁体, and two words
    ({"q": "43000000zr-xk-0001"}, {"43000000ZR-XK-0001"}),
    ({"q": "停办"}, set()),
]


def test_filters_narrow_the_catalog(client, catalog):
    # One test over all cases: the fixture tree is slow to build.
    for query, expected in FILTER_CASES:
        params = {key: getattr(catalog, value).pk if key in ("region", "agency") else value
                  for key, value in query.items()}
        response = client.get("/zwfw/", params)
        assert response.status_code == 200
        assert listed(response) == expected, query
        if not expected:
            assert "没有符合条件的事项" in response.content.decode()


def test_active_filters_are_named_and_removable(client, catalog):
    response = client.get("/zwfw/", {"theme": "hunyin", "region": catalog.pingjiang.pk})
    text = response.content.decode()
    assert "主题：婚姻登记" in text and "地区：平江县" in text
    # Removing the theme keeps the region.
    assert f'href="?region={catalog.pingjiang.pk}"' in text


def test_unknown_filter_values_are_ignored(client, catalog):
    response = client.get("/zwfw/", {"type": "ZZ", "audience": "alien", "region": "abc", "page": "x"})
    assert response.status_code == 200
    assert len(listed(response)) == 4


def test_catalog_pages_keep_the_filters(client, catalog):
    for serial in range(2, 25):
        make_matter(catalog.csx_mz, f"43012100MZ-QR-{serial:04d}", f"婚姻事项{serial}", topics=["hunyin"])
    first = client.get("/zwfw/", {"region": catalog.changshaxian.pk})
    assert len(first.context["page_obj"].object_list) == 20
    assert first.context["page_obj"].paginator.count == 25
    assert f"?region={catalog.changshaxian.pk}&page=2" in first.content.decode()
    second = client.get("/zwfw/", {"region": catalog.changshaxian.pk, "page": 2})
    assert len(second.context["page_obj"].object_list) == 5
    assert not listed(first) & listed(second)


def test_filter_form_controls_are_labelled(client, catalog):
    text = client.get("/zwfw/").content.decode()
    form = text[text.index('<form class="catalog-filter"'):]
    form = form[:form.index("</form>")]
    ids = re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', form)
    assert {"f-q", "f-region", "f-agency", "f-type", "f-audience", "f-theme", "f-event"} <= set(ids)
    for control in ids:
        assert f'<label for="{control}">' in form


def test_guide_shows_every_element(client, catalog):
    response = client.get("/zwfw/matters/43012100MZ-QR-0001/")
    assert response.status_code == 200
    text = response.content.decode()
    for expected in [
        "结婚登记", "43012100MZ-QR-0001", "行政确认", "长沙县民政局", "《婚姻登记条例》", "男女双方完全自愿",
        "双方本人的居民身份证", "原件和复印件", "视情况提交", "公安机关核发", "在登记员面前签署",
        f'href="{catalog.blank.url}"', "离婚冷静期", "22 个工作日", "不计算在内", "《中华人民共和国民法典》第一千零七十七条",
        "20 个工作日", "10 个工作日", "承诺件", "不收费", "长沙县政务服务中心一楼", "工作日 9:00-17:00", "最多 1 次",
        "12345政务服务便民热线", "湖南省“互联网+监督”平台", "结婚证", "需要带户口簿吗", "婚姻登记", "结婚",
    ]:
        assert expected in text, expected
    assert '<th scope="col">材料名称</th>' in text and "<caption" in text
    assert "在线申请" not in text and "暂不支持网上申请" in text


def test_guide_of_an_online_matter_links_to_its_application_and_shows_fees(client, catalog):
    text = client.get("/zwfw/matters/43000000ZR-XK-0001/").content.decode()
    assert 'href="/zwfw/matters/43000000ZR-XK-0001/apply/"' in text and "在线申请" in text
    assert "每件100元" in text and "《某收费文件》" in text and "不收费" not in text
    assert "本事项无特别程序" in text


def test_inactive_or_unknown_matter_is_404(client, catalog):
    assert client.get("/zwfw/matters/43012100MZ-QR-0099/").status_code == 404
    assert client.get("/zwfw/matters/NO-SUCH-CODE/").status_code == 404


# --- admin ----------------------------------------------------------------------------------------------------


def matter_post(matter, **changes):
    """The edit form's POST data for `matter` as it stands, its materials and procedures as formset rows."""
    data = {name: getattr(matter, name) for name in [
        "code", "name", "matter_type", "audience", "legal_basis", "conditions", "process", "case_kind",
        "statutory_workdays", "promised_workdays", "acceptance_workdays", "issuance_workdays", "fee_standard",
        "fee_basis", "fee_limit", "place", "hours", "visits", "online_depth", "consult_channel",
        "complaint_channel", "result_name", "faq"]}
    saved = matter.pk is not None
    data.update(agency=matter.agency_id, topics=[t.pk for t in matter.topics.all()] if saved else [],
                form_fields=json.dumps(matter.form_fields, ensure_ascii=False))
    for flag in ("charged", "is_active"):
        if getattr(matter, flag):
            data[flag] = "on"
    for prefix, rows, fields in [
        ("materials", list(matter.materials.all()) if saved else [],
         ["name", "form", "copies", "source", "note", "order"]),
        ("procedures", list(matter.special_procedures.all()) if saved else [], ["name", "workdays", "basis"]),
    ]:
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows),
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-id"] = row.pk
            data[f"{prefix}-{index}-matter"] = matter.pk
            for name in fields:
                data[f"{prefix}-{index}-{name}"] = getattr(row, name)
            for flag in ("required", "charged", "counts_toward_limit", "blank_form", "sample"):
                value = getattr(row, flag, None)
                if value is True:
                    data[f"{prefix}-{index}-{flag}"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_admin_listing_shows_only_the_users_agencies(client, catalog):
    client.force_login(catalog.user("pj_clerk", catalog.pingjiang, Role.WINDOW_CLERK))
    text = client.get("/admin/services/matters/").content.decode()
    assert "43062600MZ-QR-0001" in text
    assert "43012100MZ-QR-0001" not in text and "43000000ZR-XK-0001" not in text
    # Nor can the clerk open another county's matter.
    assert client.get(f"/admin/services/matters/edit/{catalog.marriage.pk}/").status_code in (302, 403, 404)
    assert client.get("/admin/services/topics/").status_code in (302, 403)  # province-wide reference data
    client.force_login(catalog.user("sysadmin", catalog.province, Role.SYSTEM_ADMIN))
    text = client.get("/admin/services/matters/").content.decode()
    assert "43062600MZ-QR-0001" in text and "43012100MZ-QR-0001" in text and "43000000ZR-XK-0001" in text
    assert "婚姻登记" in client.get("/admin/services/topics/").content.decode()


def test_admin_is_closed_to_roles_without_catalog_work(client, catalog):
    client.force_login(catalog.user("publisher", catalog.changshaxian, Role.PUBLISHER))
    assert client.get("/admin/services/matters/").status_code in (302, 403)


def test_admin_edit_saves_matter_materials_and_procedures_together(client, catalog):
    client.force_login(catalog.user("csx_clerk", catalog.changshaxian, Role.WINDOW_CLERK))
    url = f"/admin/services/matters/edit/{catalog.marriage.pk}/"
    page = client.get(url)
    assert page.status_code == 200 and "申请材料" in page.content.decode()
    first, second = catalog.marriage.materials.all()
    data = matter_post(catalog.marriage, promised_workdays=5, **{
        "materials-0-name": "双方本人的居民身份证（原件）", "materials-1-DELETE": "on",
        "materials-TOTAL_FORMS": 3, "materials-2-name": "双方近期半身免冠合影照片", "materials-2-form": "original",
        "materials-2-copies": 3, "materials-2-order": 3, "materials-2-required": "on",
        "procedures-0-workdays": 21})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    catalog.marriage.refresh_from_db()
    assert catalog.marriage.promised_workdays == 5
    assert [m.name for m in catalog.marriage.materials.all()] == ["双方本人的居民身份证（原件）", "双方近期半身免冠合影照片"]
    assert catalog.marriage.special_procedures.get().workdays == 21


def test_admin_refuses_another_countys_agency_and_a_promise_beyond_the_law(client, catalog):
    client.force_login(catalog.user("csx_clerk", catalog.changshaxian, Role.WINDOW_CLERK))
    url = f"/admin/services/matters/edit/{catalog.marriage.pk}/"
    response = client.post(url, matter_post(catalog.marriage, agency=catalog.pj_mz.pk, promised_workdays=30))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "agency" in errors and "promised_workdays" in errors
    catalog.marriage.refresh_from_db()
    assert catalog.marriage.agency == catalog.csx_mz and catalog.marriage.promised_workdays == 10


def test_admin_create_makes_a_matter_with_its_materials(client, catalog):
    client.force_login(catalog.user("csx_clerk", catalog.changshaxian, Role.WINDOW_CLERK))
    template = Matter(agency=catalog.csx_mz, code="43012100MZ-JF-0002", name="临时救助", matter_type="JF",
                      **{**GUIDE, "faq": ""})
    data = matter_post(template, topics=[], **{
        "materials-TOTAL_FORMS": 1, "materials-INITIAL_FORMS": 0, "materials-0-name": "临时救助申请书",
        "materials-0-form": "original", "materials-0-copies": 1, "materials-0-order": 1,
        "procedures-TOTAL_FORMS": 0, "procedures-INITIAL_FORMS": 0})
    response = client.post("/admin/services/matters/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Matter.objects.get(code="43012100MZ-JF-0002")
    assert created.agency == catalog.csx_mz and [m.name for m in created.materials.all()] == ["临时救助申请书"]


# --- demo data ------------------------------------------------------------------------------------------------

CODE = re.compile(r"^43\d{4}00[A-Z]{2}-(XK|QR|JF|JL|CJ|QT|GG|BA)-\d{4}$")


@pytest.mark.django_db
def test_demo_catalog_covers_the_pilot_counties_and_is_idempotent(client):
    from zhengwu.orgs.demo import load_agencies
    from zhengwu.services.catalog.demo import load_catalog_demo

    load_agencies()
    created, existing = load_catalog_demo()
    assert created >= 60 and existing == 0
    matters = Matter.objects.prefetch_related("materials", "topics")
    assert matters.count() == created
    for county_code in PILOT_COUNTY_CODES:
        county = matters.filter(agency__division__code=county_code)
        assert county.count() >= 15, county_code
        assert county.values("agency").distinct().count() == 6  # every department of the county has a catalog
    assert matters.filter(agency__division__code="430000").count() >= 5
    for matter in matters:
        assert CODE.match(matter.code), matter.code
        assert 2 <= len(matter.materials.all()) <= 6, matter.name
        assert matter.promised_workdays <= matter.statutory_workdays, matter.name
        assert matter.legal_basis.startswith("《") and matter.conditions and matter.process and matter.place
        assert not matter.charged or (matter.fee_standard and matter.fee_basis and matter.fee_limit > 0)
        if matter.applies_online:
            assert 2 <= len(matter.form_fields) <= 4, matter.name
            assert all(f["name"] and f["label"] and "required" in f for f in matter.form_fields)
    assert matters.filter(online_depth__gte=3).count() >= 20
    assert SpecialProcedure.objects.filter(counts_toward_limit=False).exists()
    assert Topic.objects.filter(matters__isnull=False).distinct().count() >= 20
    assert load_catalog_demo() == (0, created)
    assert Matter.objects.count() == created
    # A demo guide renders in full.
    response = client.get(f"/zwfw/matters/{matters.get(name='食品经营许可', agency__division__code='430626').code}/")
    assert response.status_code == 200 and "食品经营许可申请书" in response.content.decode()
