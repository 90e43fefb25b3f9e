"""What a citizen sees in an agency's 政府信息公开 section, its catalog, items, projects, RSS and sitemap."""

import datetime
import xml.etree.ElementTree as ET

from zhengwu.disclosure.models import (
    DisclosureCatalogPage,
    DisclosureItemPage,
    DisclosureSectionPage,
    MajorProjectIndexPage,
    MajorProjectPage,
    ProjectStage,
)


def path_of(page):
    """Development URLs are paths under the provincial portal (the default site)."""
    return page.url_path.replace("/hunan", "", 1)


def section_of(agency):
    return DisclosureSectionPage.objects.get(agency=agency)


def test_every_site_has_a_section_in_its_main_navigation(client, catalog):
    for agency in (catalog.tree.province, catalog.tree.czt, catalog.tree.changshaxian, catalog.tree.xingsha):
        section = section_of(agency)
        html = client.get(path_of(agency.home_page)).content.decode()
        assert f'href="{path_of(section)}"' in html
        page = client.get(path_of(section)).content.decode()
        for entry in ("公开指南", "公开制度", "法定主动公开内容", "政府信息公开目录", "政府信息公开年报"):
            assert entry in page, (agency.name, entry)


def test_statutory_categories_count_items(client, catalog):
    for n in range(3):
        catalog.item(catalog.tree.czt, title=f"预算信息{n}")
    html = client.get(path_of(section_of(catalog.tree.czt)) + "fdzdgknr/").content.decode()
    budget = html.split("财政预算、决算信息", 1)[1].split("</li>", 1)[0]
    assert "3 条" in budget


def test_statutory_categories_depend_on_the_level_of_government(client, catalog):
    department = client.get(path_of(section_of(catalog.tree.czt)) + "fdzdgknr/").content.decode()
    county = client.get(path_of(section_of(catalog.tree.changshaxian)) + "fdzdgknr/").content.decode()
    township = client.get(path_of(section_of(catalog.tree.xingsha)) + "fdzdgknr/").content.decode()
    assert "财政预算、决算信息" in department and "土地征收" not in department
    assert "土地征收" in county and "治安管理" in county
    assert "筹资筹劳" in township and "治安管理" not in township


def test_catalog_browses_by_theme_genre_year_and_category(client, catalog):
    czt = catalog.tree.czt
    catalog.item(czt, title="预算公开通知", published_on=datetime.date(2025, 5, 6))
    catalog.item(czt, title="统计公报", theme=catalog_theme("zt0303"), category=None,
                 published_on=datetime.date(2024, 5, 6))
    url = path_of(DisclosureCatalogPage.objects.get(agency=czt))
    assert_titles(client, url, {"预算公开通知", "统计公报"})
    assert_titles(client, url + "?theme=zt04", {"预算公开通知"})
    assert_titles(client, url + "?theme=zt03", {"统计公报"})
    assert_titles(client, url + "?year=2024", {"统计公报"})
    assert_titles(client, url + "?category=a20-07", {"预算公开通知"})
    assert_titles(client, url + "?genre=tcfl05", {"预算公开通知", "统计公报"})
    assert_titles(client, url + "?genre=tcfl01", set())


def test_repealed_and_expired_items_say_so_with_the_date(client, catalog):
    czt = catalog.tree.czt
    repealed = catalog.item(czt, title="已废止的办法", repealed_on=datetime.date(2025, 1, 1),
                            published_on=datetime.date(2024, 1, 5), written_on=datetime.date(2024, 1, 2),
                            formed_on=datetime.date(2024, 1, 2))
    expired = catalog.item(czt, title="已失效的通知", valid_until=datetime.date(2025, 6, 30),
                           published_on=datetime.date(2024, 1, 5), written_on=datetime.date(2024, 1, 2),
                           formed_on=datetime.date(2024, 1, 2))
    listing = client.get(path_of(DisclosureCatalogPage.objects.get(agency=czt))).content.decode()
    assert "已于 2025-01-01 废止" in listing and "已于 2025-06-30 失效" in listing
    assert "已于 2025-01-01 废止" in client.get(path_of(repealed)).content.decode()
    assert "已于 2025-06-30 失效" in client.get(path_of(expired)).content.decode()
    valid_only = client.get(path_of(DisclosureCatalogPage.objects.get(agency=czt)) + "?validity=valid")
    assert "已废止的办法" not in valid_only.content.decode()


def test_item_page_shows_the_metadata_block(client, catalog):
    item = catalog.item(catalog.tree.czt, title="关于下达预算的通知", doc_number="湘财预〔2026〕8号",
                        keywords="预算 下达", written_on=datetime.date.today())
    html = client.get(path_of(item)).content.decode()
    for label, value in (("索引号", item.index_number), ("发布机构", "湖南省财政厅"), ("文号", "湘财预〔2026〕8号"),
                         ("主题分类", "财政、金融、审计\\财政"), ("体裁分类", "通知"), ("主题词", "预算"),
                         ("有效性", "有效"), ("发布日期", f"{item.published_on:%Y-%m-%d}")):
        assert label in html and value in html, label


def test_interpretation_and_policy_link_to_each_other(client, catalog):
    policy = catalog.item(catalog.tree.czt, title="预算管理办法")
    reading = catalog.item(catalog.tree.czt, title="《预算管理办法》政策解读", interprets=policy)
    assert "《预算管理办法》政策解读" in client.get(path_of(policy)).content.decode()
    assert "预算管理办法" in client.get(path_of(reading)).content.decode()
    assert "解读的政策文件" in client.get(path_of(reading)).content.decode()


def test_major_project_shows_its_stages_and_what_is_missing(client, catalog):
    zrzyt = catalog.tree.zrzyt
    index = MajorProjectIndexPage.objects.get(agency=zrzyt)
    project = MajorProjectPage(title="某国土整治工程", slug="guotu", domain="land")
    index.add_child(instance=project)
    project.save_revision().publish()
    for stage in (ProjectStage.APPROVAL, ProjectStage.TENDERING):
        catalog.item(zrzyt, title=f"某国土整治工程{stage.label}公告", project=project, project_stage=stage)
    html = client.get(path_of(project)).content.decode()
    assert "某国土整治工程审批公告" in html and "某国土整治工程招标投标公告" in html
    missing = html.split("尚未公开的环节：", 1)[1].split("</p>", 1)[0]
    assert "决策" in missing and "土地出让" in missing and "审批" not in missing


def test_catalog_rss_lists_items_with_filters(client, catalog):
    czt = catalog.tree.czt
    catalog.item(czt, title="预算公开通知")
    catalog.item(czt, title="统计公报", theme=catalog_theme("zt0303"))
    url = path_of(DisclosureCatalogPage.objects.get(agency=czt)) + "rss/"
    feed = ET.fromstring(client.get(url).content)
    titles = [t.text for t in feed.iter("title")]
    assert any("预算公开通知" in t for t in titles) and any("统计公报" in t for t in titles)
    filtered = ET.fromstring(client.get(url + "?theme=zt03").content)
    assert not any("预算公开通知" in (t.text or "") for t in filtered.iter("title"))


def test_sitemap_lists_live_items_of_the_site_only(client, catalog):
    item = catalog.item(catalog.tree.czt, title="进入站点地图的信息")
    draft = catalog.item(catalog.tree.czt, title="草稿", publish=False)
    sitemap = client.get("/sitemap.xml", HTTP_HOST="czt.hunan.gov.cn").content.decode()
    assert item.get_full_url() in sitemap and str(draft.slug) not in sitemap
    assert "zrzyt" not in sitemap
    portal = client.get("/sitemap.xml").content.decode()
    assert "www.hunan.gov.cn/xxgk/" in portal and item.get_full_url() not in portal


def catalog_theme(code):
    from zhengwu.disclosure.models import Theme

    return Theme.objects.get(code=code)


def assert_titles(client, url, expected):
    html = client.get(url).content.decode()
    present = {title for title in DisclosureItemPage.objects.values_list("title", flat=True) if f">{title}<" in html}
    assert present == expected, url
