"""The backend as users notice it: public search, admin search, filters, facets, deletion."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Phrase, PlainText
from wagtail.search.utils import parse_query_string

from zhengwu.portal.models import ArticlePage, ColumnPage

ARTICLE_FIELDS = ArticlePage.search_fields + [
    index.SearchField("body"),
    index.SearchField("attachment_text"),
    index.FilterField("agency"),
    index.FilterField("source"),
]


@pytest.fixture
def articles(hunan, monkeypatch):
    """Articles whose body and attachments are indexed (the portal declares its own fields elsewhere)."""
    monkeypatch.setattr(ArticlePage, "search_fields", ARTICLE_FIELDS)
    monkeypatch.setattr(ArticlePage, "attachment_text", lambda self: getattr(self, "_attachment", ""),
                        raising=False)
    made = {}

    def add(key, title, body, agency=None, source="", attachment=""):
        agency = agency or hunan.czt
        column = ColumnPage.objects.child_of(agency.home_page).first()
        page = ArticlePage(title=title, slug=f"t-{key}", body=f"<p>{body}</p>", agency=agency, source=source)
        page._attachment = attachment
        column.add_child(instance=page)
        page.save_revision().publish()
        page._attachment = attachment
        get_search_backend().add(page)  # the publish signal indexed it; once more with the attachment
        made[key] = page
        return page

    add("budget", "关于2025年部门工作的说明", "本厅2025年财政预算已经省人大批准，现予公开。", source="财政厅")
    add("title", "财政预算执行情况", "详见附件。", source="财政厅")
    add("trad", "政務公開工作要點", "繁體發布的政務公開要點。", agency=hunan.changsha, source="长沙市")
    add("phrase", "年度报告", "政府信息公开工作年度报告全文。", agency=hunan.changsha, source="长沙市")
    add("apart", "工作安排", "信息公开方面的部署，以及下半年的工作安排。", source="财政厅")
    add("attach", "附件下载", "见附件。", attachment="招标文件：公共资源交易中心电子监察系统", source="财政厅")
    return made


def titles(results):
    return [p.title for p in results]


def search(q, qs=None, **kwargs):
    return get_search_backend().search(q, qs if qs is not None else ArticlePage, **kwargs)


def test_two_character_word_finds_longer_word(articles):
    found = titles(search("预算"))
    assert "关于2025年部门工作的说明" in found and "财政预算执行情况" in found


def test_traditional_query_finds_simplified_text_and_back(articles):
    assert "政務公開工作要點" in titles(search("政务公开"))
    assert "政務公開工作要點" in titles(search("政務公開"))


def test_title_match_ranks_first(articles):
    assert titles(search("预算"))[0] == "财政预算执行情况"


def test_multi_word_query_is_and_unless_or(articles):
    assert titles(search("预算 批准")) == ["关于2025年部门工作的说明"]
    assert search("预算 电子监察").count() == 0
    assert search("预算 电子监察", operator="or").count() == 3


def test_phrase_requires_adjacency(articles):
    both = titles(search("信息公开 工作"))
    assert "年度报告" in both and "工作安排" in both
    phrase = titles(search('"信息公开 工作"'))
    assert phrase == ["年度报告"]
    assert titles(search(Phrase("信息公开工作"))) == ["年度报告"]
    filters, query = parse_query_string('"信息公开 工作"')
    assert titles(search(query)) == ["年度报告"]


def test_callable_search_field_indexes_attachment_text(articles):
    assert titles(search("电子监察")) == ["附件下载"]
    assert titles(search("公共资源交易")) == ["附件下载"]


def test_filters_restrict_and_count(articles, hunan):
    qs = ArticlePage.objects.filter(agency=hunan.changsha)
    results = qs.search("公开")
    assert set(titles(results)) == {"政務公開工作要點", "年度报告"}
    assert results.count() == 2
    assert ArticlePage.objects.search("公开").count() == 4


def test_facet_counts(articles):
    facets = ArticlePage.objects.search("公开").facet("source")
    assert dict(facets) == {"财政厅": 2, "长沙市": 2}


def test_slicing_count_and_scores(articles):
    results = search("公开")
    assert results.count() == 4
    assert len(results[1:3]) == 2 and results[1:3].count() == 2
    first = list(results.annotate_score("_score")[:1])[0]
    assert first._score > 0
    unordered = search("公开", order_by_relevance=False)
    assert sorted(titles(unordered)) == sorted(titles(results))


def test_fields_restricts_to_title(articles):
    assert titles(search("预算", fields=["title"])) == ["财政预算执行情况"]


def test_not_and_or_query_objects(articles):
    query = PlainText("预算") & ~PlainText("批准")
    assert titles(search(query)) == ["财政预算执行情况"]
    assert search(PlainText("电子监察") | PlainText("年度报告")).count() == 2


def test_autocomplete_prefix(articles):
    assert "财政预算执行情况" in titles(get_search_backend().autocomplete("财政预", ArticlePage))


def test_live_pages_search_and_unpublish_delete(articles):
    live = Page.objects.live().search("预算")
    assert {"关于2025年部门工作的说明", "财政预算执行情况"} <= set(titles(live))
    articles["title"].unpublish()
    assert "财政预算执行情况" not in titles(Page.objects.live().search("预算"))
    articles["budget"].delete()
    assert "关于2025年部门工作的说明" not in titles(Page.objects.search("预算"))
    assert search("批准").count() == 0


def test_admin_page_search_finds_chinese_title(articles, client):
    get_user_model().objects.create_superuser("root", "root@example.com", "Test-password-2026")
    client.login(username="root", password="Test-password-2026")
    html = client.get("/admin/pages/search/", {"q": "執行情況"}).content.decode()
    assert "财政预算执行情况" in html
    assert "年度报告" not in client.get("/admin/pages/search/", {"q": "执行情况"}).content.decode()


def test_update_index_rebuilds(articles):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    assert titles(search("财政预算"))[0] == "财政预算执行情况"
    assert search("公开").count() == 4
