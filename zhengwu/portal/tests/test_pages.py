from wagtail.models import Site

from zhengwu.portal.models import DepartmentSitePage, PortalHomePage, TownshipSectionPage


def test_portal_links_to_department_subsites_and_lower_portals(client, hunan):
    html = client.get("/").content.decode()
    assert "<h1>湖南省人民政府门户网站</h1>" in html
    assert 'href="/czt/"' in html and 'href="/changsha/"' in html
    assert 'href="/changsha/changshaxian/"' in client.get("/changsha/").content.decode()
    county = client.get("/changsha/changshaxian/").content.decode()
    assert 'href="/changsha/changshaxian/xingshajiedao/"' in county


def test_each_site_has_its_own_home_columns_and_footer_identifiers(client, hunan):
    czt = client.get("/czt/").content.decode()
    assert "<h1>湖南省财政厅</h1>" in czt
    assert 'href="/czt/gzdt/"' in czt  # its own columns
    identity = hunan.czt.home_page.specific
    assert f"网站标识码：{identity.site_code}" in czt
    assert f"ICP备案号：{identity.icp_record}" in czt and f"公安机关备案号：{identity.police_record}" in czt


def test_footer_identifiers_are_editable_data(client, hunan):
    page = hunan.changshaxian.home_page.specific
    page.site_code = "4301210099"
    page.save_revision().publish()
    town = client.get("/changsha/changshaxian/xingshajiedao/").content.decode()
    assert "网站标识码：4301210099" in town  # the township section shows its county portal's identifiers
    assert "所属门户" in town


def test_each_government_and_department_has_a_wagtail_site_with_its_hostname(hunan):
    hosts = dict(Site.objects.values_list("root_page__title", "hostname"))
    assert hosts["湖南省人民政府门户网站"] == "www.hunan.gov.cn"
    assert hosts["湖南省财政厅"] == "czt.hunan.gov.cn"
    assert hosts["长沙县人民政府"] == "www.changshaxian.gov.cn"
    assert Site.objects.get(is_default_site=True).hostname == "www.hunan.gov.cn"
    assert not Site.objects.filter(root_page__in=TownshipSectionPage.objects.all()).exists()


def test_sites_are_served_by_hostname(client, hunan):
    czt = client.get("/", HTTP_HOST="czt.hunan.gov.cn").content.decode()
    assert "<h1>湖南省财政厅</h1>" in czt
    assert 'href="/gzdt/"' in czt  # links are relative to the department's own host
    county = client.get("/xingshajiedao/", HTTP_HOST="www.changshaxian.gov.cn")
    assert "<h1>星沙街道</h1>" in county.content.decode()


def test_page_types_record_owning_agency(hunan):
    assert PortalHomePage.objects.get(agency=hunan.changshaxian).title == "长沙县人民政府"
    assert DepartmentSitePage.objects.get(agency=hunan.czt).slug == "czt"
    column = hunan.xingsha.home_page.get_children().first().specific
    assert column.agency_id == hunan.xingsha.pk


def test_elder_mode_toggle_keeps_choice_and_refuses_foreign_redirects(client, hunan):
    response = client.get("/accessibility/elder-mode/", {"next": "/czt/"})
    assert response.status_code == 302 and response["Location"] == "/czt/"
    assert 'class="elder"' in client.get("/changsha/").content.decode()
    evil = client.get("/accessibility/elder-mode/", {"next": "https://evil.example/"})
    assert evil["Location"] == "/"
    assert 'class="elder"' not in client.get("/").content.decode()  # toggled off again


def test_chinese_first_then_english_on_request(client, hunan):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert 'lang="zh-Hans"' in html and "跳到主要内容" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/").content.decode()
    assert 'lang="en"' in english and "Skip to main content" in english


def test_landmarks_and_skip_link_present(client, hunan):
    html = client.get("/changsha/changshaxian/xingshajiedao/gzdt/").content.decode()
    for marker in ('href="#main"', 'role="banner"', 'id="main"', 'role="contentinfo"', 'aria-label="栏目导航"',
                   'aria-label="当前位置"'):
        assert marker in html
