"""The demo website cluster: one portal per government, a sub-site per provincial department, a
section per pilot township, each with its columns; a Wagtail Site per portal and sub-site."""

import datetime
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from zhengwu.orgs.models import Agency

from .models import ArticlePage, ColumnPage, DepartmentSitePage, PortalHomePage, TownshipSectionPage

PORTAL_COLUMNS = [
    ("政务动态", "zwdt", "本级政府重要会议、活动与工作动态。"),
    ("通知公告", "tzgg", "面向社会的通知、公告与公示。"),
    ("政策文件", "zcwj", "政府规章、行政规范性文件与政策解读。"),
    ("政府信息公开", "xxgk", "公开指南、公开制度、法定主动公开内容、公开目录与年报。"),
    ("办事服务", "bsfw", "办事指南与网上办事入口。"),
    ("互动交流", "hdjl", "领导信箱、在线访谈、征集调查。"),
]
DEPARTMENT_COLUMNS = [
    ("工作动态", "gzdt", "本部门工作动态。"),
    ("通知公告", "tzgg", "本部门通知公告。"),
    ("政策文件", "zcwj", "本部门发布的政策文件与解读。"),
    ("政府信息公开", "xxgk", "本部门的公开指南、公开目录与年报。"),
]
TOWNSHIP_COLUMNS = [
    ("工作动态", "gzdt", "乡镇（街道）工作动态。"),
    ("通知公告", "tzgg", "乡镇（街道）通知公告。"),
    ("信息公开", "xxgk", "乡镇（街道）政府信息公开，含基层政务公开标准目录内容。"),
]

DEMO_ARTICLES = [
    "关于做好{year}年政务公开工作的通知（演示）",
    "{name}召开政务公开和政务服务工作推进会（演示）",
    "{name}{year}年第三季度政务服务事项办理情况（演示）",
]


def hostname_for(agency):
    parent = agency.get_parent()
    if agency.kind == Agency.Kind.GOVERNMENT:
        return f"www.{agency.slug}.gov.cn"
    return f"{agency.slug}.{parent.slug}.gov.cn"


def site_code_for(agency, serial):
    return f"{agency.division.code[:6]}{serial:04d}"


def _add(parent, page):
    parent.add_child(instance=page)
    return page


# Columns whose list is the catalog's (portal.column_sources), and columns that lead to the platform's own
# pages: the service hall (a county's own region of it) and 互动交流.
SOURCES = {"tzgg": "notices", "zcwj": "policies"}


def _link(slug, agency):
    if slug == "bsfw":
        return "/zwfw/" if agency.is_root() else f"/zwfw/?region={agency.pk}"
    if slug == "hdjl":
        return "/hdjl/"
    return ""


def _columns(home, agency, columns):
    from zhengwu.disclosure.demo import build_section

    for title, slug, intro in columns:
        if slug == "xxgk":
            build_section(home, agency, title=title, with_projects=agency.kind != Agency.Kind.TOWNSHIP)
        else:
            _add(home, ColumnPage(title=title, slug=slug, intro=intro, agency=agency, show_in_menus=True,
                                  is_demo=True, source=SOURCES.get(slug, ""), link_url=_link(slug, agency)))


def _identity(agency, serial):
    return dict(
        site_code=site_code_for(agency, serial),
        icp_record=f"湘ICP备{agency.division.code[:4]}{serial:04d}号（演示）",
        police_record=f"湘公网安备 {agency.division.code[:6]}02{serial:06d}号（演示）",
        organizer=agency.name,
        undertaker=f"{agency.name}办公室（演示）",
        contact_email=f"web@{hostname_for(agency).removeprefix('www.')}",
    )


def _ensure_home(agency, parent_page, serial):
    if agency.home_page_id:
        return agency.home_page.specific
    if agency.kind == Agency.Kind.GOVERNMENT:
        page = _add(parent_page, PortalHomePage(
            title=f"{agency.name}门户网站" if agency.is_root() else agency.name,
            slug=agency.slug, agency=agency, is_demo=True, **_identity(agency, serial)))
        _columns(page, agency, PORTAL_COLUMNS)
    elif agency.kind == Agency.Kind.TOWNSHIP:
        page = _add(parent_page, TownshipSectionPage(
            title=agency.division.name, slug=agency.slug, agency=agency, is_demo=True))
        _columns(page, agency, TOWNSHIP_COLUMNS)
    else:
        page = _add(parent_page, DepartmentSitePage(
            title=agency.name, slug=agency.slug, agency=agency, is_demo=True, **_identity(agency, serial)))
        _columns(page, agency, DEPARTMENT_COLUMNS)
    if page.has_site_identity:
        Site.objects.update_or_create(
            root_page=page,
            defaults=dict(hostname=hostname_for(agency), port=80, site_name=page.title,
                          is_default_site=agency.is_root()),
        )
    Agency.objects.filter(pk=agency.pk).update(home_page=page)
    agency.home_page = page
    return page


def _tree_root():
    """Wagtail's root page, locale and root collection (recreated if a database flush removed them)."""
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def _remove_wagtail_welcome_page():
    root = _tree_root()
    for page in root.get_children().exact_type(Page):
        Site.objects.filter(root_page=page).delete()
        page.delete()
    return Page.get_first_root_node()


@contextmanager
def search_indexing_deferred():
    """Index once at the end instead of per page: PostgreSQL's backend rescans the index on every insert."""
    models = [m for m in index.get_indexed_models() if getattr(m, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def load_pages(province_agency, stdout=None):
    """Create missing home pages down the agency tree; returns how many were created."""
    with search_indexing_deferred():
        created = _load_pages(province_agency, stdout)
    if created:
        call_command("update_index", verbosity=0)
    return created


@transaction.atomic
def _load_pages(province_agency, stdout=None):
    root = _remove_wagtail_welcome_page()
    created = 0
    serial = 0
    todo = [(province_agency, root)]
    while todo:
        agency, parent_page = todo.pop(0)
        serial += 1
        had_page = agency.home_page_id is not None
        page = _ensure_home(agency, parent_page, serial)
        created += 0 if had_page else 1
        if agency.kind in (Agency.Kind.GOVERNMENT,):
            todo.extend((child, page) for child in agency.get_children().filter(
                kind__in=[Agency.Kind.GOVERNMENT, Agency.Kind.COMPONENT, Agency.Kind.DIRECT,
                          Agency.Kind.CENTRAL, Agency.Kind.TOWNSHIP]))
    if created and stdout:
        stdout.write(f"已创建 {created} 个门户、子站与乡镇专栏首页。")
    return created


def load_articles():
    """A few demo articles on the sites the README walks through."""
    slugs = ["hunan", "czt", "changsha", "changshaxian", "xingshajiedao"]
    today = datetime.date.today()
    for agency in Agency.objects.filter(slug__in=slugs, home_page__isnull=False):
        column = ColumnPage.objects.child_of(agency.home_page).first()
        if column is None or ArticlePage.objects.child_of(column).exists():
            continue
        name = agency.division.name if agency.kind == Agency.Kind.TOWNSHIP else agency.name
        for i, template in enumerate(DEMO_ARTICLES):
            title = template.format(year=today.year, name=name)
            _add(column, ArticlePage(
                title=title, slug=f"demo-{i + 1}", agency=agency, is_demo=True,
                date=today - datetime.timedelta(days=3 * i), source=agency.name,
                body=f"<p>这是一条演示数据，用于展示{name}网站的文章页面。正式上线前应删除。</p>",
            ))


