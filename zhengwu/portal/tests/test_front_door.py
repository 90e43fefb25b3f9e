"""What every site has beside its columns, as a visitor meets it: the search box in the header, the footer the
指引 asks for, the HTML 网站地图 and 联系我们, Chinese error pages in the site's layout, and no 500 for a bad
page number."""

from urllib.parse import urlsplit

import pytest
from django.test import RequestFactory

from zhengwu.portal import error_views
from zhengwu.portal.models import DepartmentSitePage, PortalHomePage, TownshipSectionPage


def visit(client, url, **extra):
    parts = urlsplit(url)
    return client.get(parts.path, HTTP_HOST=parts.netloc or "127.0.0.1", **extra)


@pytest.mark.parametrize("kind", [PortalHomePage, DepartmentSitePage, TownshipSectionPage])
def test_every_site_has_the_search_box_and_the_footer_links(client, hunan, kind):
    home = kind.objects.live().order_by("depth").last()
    page = visit(client, home.url).content.decode()
    assert 'role="search"' in page and 'action="/search/"' in page and 'name="q"' in page
    assert 'href="/wzdt/"' in page and 'href="/lxwm/"' in page and "无障碍" in page
    assert "所属门户" in page  # every site below the provincial portal links to the portal above it


def test_the_site_map_lists_columns_services_and_lower_sites(client, hunan):
    page = client.get("/wzdt/").content.decode()
    assert "网站地图" in page and "政府信息公开" in page and 'href="/zwfw/"' in page and 'href="/zwfw/track/"' in page
    assert "湖南省财政厅" in page  # a department site of the portal
    assert client.get("/sitemap/").status_code == 301


def test_contact_shows_the_organiser(client, hunan):
    home = PortalHomePage.objects.live().order_by("depth").first()
    home.undertaker, home.contact_email = "湖南省人民政府办公厅电子政务处", "web@hunan.gov.cn"
    home.save_revision().publish()
    page = client.get("/lxwm/").content.decode()
    assert "湖南省人民政府办公厅电子政务处" in page and "mailto:web@hunan.gov.cn" in page
    assert "承办单位：湖南省人民政府办公厅电子政务处" in client.get("/").content.decode()


def test_a_missing_page_is_a_chinese_404_in_the_site_layout(client, hunan):
    response = client.get("/no-such-column/")
    page = response.content.decode()
    assert response.status_code == 404 and "页面不存在" in page and 'class="site-title"' in page
    assert "Not Found" not in page


def test_a_server_error_is_a_chinese_500_even_when_the_layout_fails(hunan, monkeypatch):
    request = RequestFactory().get("/")
    response = error_views.server_error(request)
    assert response.status_code == 500 and "服务暂时不可用" in response.content.decode()

    def broken(request, agency=None):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(error_views, "site_context", broken)
    plain = error_views.server_error(request)
    assert plain.status_code == 500 and "服务暂时不可用" in plain.content.decode()


def test_a_bad_page_number_is_not_a_server_error(client, hunan):
    assert client.get("/search/", {"q": "预算", "page": "abc"}).status_code == 200
    assert client.get("/search/", {"q": "预算", "page": "-3"}).status_code == 200


@pytest.fixture
def items(hunan):
    from zhengwu.disclosure.models import StatutoryCategory
    from zhengwu.disclosure.seed import load_taxonomies
    from zhengwu.disclosure.tests.conftest import Catalog

    load_taxonomies()
    catalog = Catalog(hunan)
    notice = catalog.item(hunan.czt, title="关于开展2026年预算公开检查的通知")
    policy = catalog.item(hunan.czt, title="湖南省省级预算管理办法", genre=None,
                          category=StatutoryCategory.objects.get(code="a20-01"))
    return notice, policy


def test_homes_and_columns_list_the_catalogs_notices_and_policies(client, hunan, items):
    notice, policy = items
    department = visit(client, hunan.czt.home_page.specific.url).content.decode()
    assert notice.title in department and policy.title in department and f"索引号：{policy.index_number}" in department
    portal = client.get("/").content.decode()
    assert notice.title in portal and policy.title in portal  # the portal gathers its departments' items
    column = DepartmentSitePage.objects.get(agency=hunan.czt).get_children().get(slug="tzgg").specific
    listed = visit(client, column.url).content.decode()
    assert notice.title in listed and policy.title not in listed
    county = visit(client, hunan.changshaxian.home_page.specific.url).content.decode()
    assert "暂无通知公告。" in county and notice.title not in county  # a county lists its own, and says so


def test_the_service_hall_and_interaction_are_in_every_portals_menu(client, hunan):
    portal = client.get("/").content.decode()
    assert 'href="/zwfw/"' in portal and 'href="/hdjl/"' in portal and 'href="/zwfw/track/"' in portal
    county = visit(client, hunan.changshaxian.home_page.specific.url).content.decode()
    assert f'href="/zwfw/?region={hunan.changshaxian.pk}"' in county
    bsfw = PortalHomePage.objects.get(agency=hunan.province).get_children().get(slug="bsfw")
    assert client.get(bsfw.url).status_code == 302


def test_article_20_item_2_comes_from_the_agency_record(client, hunan):
    from zhengwu.disclosure.models import DisclosureSectionPage
    from zhengwu.disclosure.seed import load_taxonomies

    load_taxonomies()
    agency = hunan.czt
    agency.functions, agency.address, agency.head_name, agency.head_title = (
        "贯彻执行财税方针政策。", "长沙市芙蓉区五一大道", "张某", "厅长")
    agency.save()
    section = DisclosureSectionPage.objects.get(agency=agency)
    statutory = visit(client, section.url + "fdzdgknr/").content.decode()
    assert f'href="/jggk/{agency.pk}/"' in statutory
    profile = client.get(f"/jggk/{agency.pk}/").content.decode()
    assert "贯彻执行财税方针政策" in profile and "张某（厅长）" in profile and "长沙市芙蓉区五一大道" in profile
    assert client.get("/jggk/999999/").status_code == 404


def test_the_site_search_groups_articles_with_the_catalog(client, hunan):
    from zhengwu.portal.models import ArticlePage, ColumnPage

    column = ColumnPage.objects.get(agency=hunan.province, slug="zwdt")
    column.add_child(instance=ArticlePage(title="省政府召开营商环境优化推进会", body="<p>推进营商环境优化。</p>",
                                          agency=hunan.province))
    page = client.get("/search/", {"q": "营商环境"}).content.decode()
    assert "新闻动态（1）" in page and "省政府召开营商环境优化推进会" in page


@pytest.mark.parametrize("url", [
    "/search/?q=预算&page=abc&agency=nobody&year=x", "/qlqd/?agency=abc&type=zz&on=2024-13-40",
    "/qlqd/sgs/?agency=x&kind=zz&year=abc&page=zz", "/qlqd/bg/?year=abc", "/qlqd/zfyj/?agency=abc",
    "/zwfw/?region=abc&agency=x&page=-1&type=zz", "/hdjl/?page=abc", "/yjzj/consultations/?page=abc&phase=x",
    "/wzdt/?x=1", "/jggk/0/"])
def test_bad_query_parameters_never_answer_500(client, hunan, url):
    assert client.get(url).status_code in (200, 400, 404)
