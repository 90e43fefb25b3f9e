"""The engine under the backend: champion lists give the same top results and exact counts as
ranking the whole index, and stay right as documents are added, replaced and removed."""

import pytest
from django.contrib.contenttypes.models import ContentType

from zhengwu.search.engine import IndexDoc, SearchIndex, parse
from zhengwu.search.models import Champion, ChampionList, Document


@pytest.fixture
def engine(db):
    engine = SearchIndex(champion_min_df=5, champion_size=4)
    engine.reset()
    return engine


@pytest.fixture
def ct(db):
    return ContentType.objects.get_or_create(app_label="zhengwu_search_test", model="item")[0].pk


def docs(ct, n, start=0):
    out = []
    for i in range(start, start + n):
        title = "政府工作报告" if i % 7 == 0 else f"第{i}号通知"
        body = "政府" * (1 + i % 5) + "发展改革。" + ("财政预算公开。" if i % 3 == 0 else "") + "其他内容" * (i % 4)
        out.append(IndexDoc(ct, i, title, body, title))
    return out


def full_ranking(engine, q, ct, limit=20):
    """The same query ranked by the full index (no champion list)."""
    with engine.connection.cursor() as cursor:
        df = {"政府": engine.storage.df(cursor, "政府")}
        return engine.storage.ranked(cursor, parse(q), [ct], ["title", "body"], limit, 0,
                                     stats={**engine.stats(), "df": df})


def test_champion_list_answers_single_term_like_full_ranking(engine, ct):
    engine.index(docs(ct, 30))
    hits = engine.search(parse("政府"), [ct], limit=3)
    assert ChampionList.objects.filter(term="政府").exists()
    full = full_ranking(engine, "政府", ct, 3)
    assert [h.score for h in hits] == pytest.approx([r[3] for r in full], rel=1e-6)
    assert hits[0].object_id in {str(i) for i in range(0, 30, 7)}  # title matches first
    assert engine.count(parse("政府"), [ct]) == 30
    # deeper than the list: falls back to the full index
    assert len(engine.search(parse("政府"), [ct], limit=10, offset=10)) == 10


def test_champion_lists_maintained_on_add_replace_delete(engine, ct):
    engine.index(docs(ct, 30))
    engine.search(parse("政府"), [ct], limit=3)
    engine.index([IndexDoc(ct, 999, "政府政府", "政府" * 20, "")])
    assert engine.search(parse("政府"), [ct], limit=1)[0].object_id == "999"
    assert engine.count(parse("政府"), [ct]) == 31
    engine.index([IndexDoc(ct, 999, "无关标题", "无关内容", "")])  # replaced: no longer contains the term
    assert engine.count(parse("政府"), [ct]) == 30
    assert "999" not in {h.object_id for h in engine.search(parse("政府"), [ct], limit=5)}
    engine.delete([ct], [str(i) for i in range(0, 30, 7)])
    assert engine.count(parse("政府"), [ct]) == 25
    gone = Document.objects.filter(object_id__in=[str(i) for i in range(0, 30, 7)])
    assert not gone.exists() and Champion.objects.filter(term="政府").count() <= 8
    top = engine.search(parse("政府"), [ct], limit=4)
    assert len(top) == 4 and not {h.object_id for h in top} & {str(i) for i in range(0, 30, 7)}


def test_conjunction_and_phrase_and_counts(engine, ct):
    engine.index(docs(ct, 30))
    assert engine.count(parse("预算 公开"), [ct]) == 10
    assert engine.count(parse('"预算公开"'), [ct]) == 10
    assert engine.count(parse('"公开预算"'), [ct]) == 0
    assert len(engine.search(parse("政府 发展"), [ct], limit=5)) == 5
    assert engine.count(parse("政府 发展"), [ct]) == 30
    assert engine.search(parse("不存在的词"), [ct]) == []
    assert parse("   ") is None


def test_collection_totals_follow_adds_replacements_and_deletes(engine, ct):
    from django.db.models import Count, Sum

    from zhengwu.search.models import IndexStats

    engine.index(docs(ct, 12))
    engine.index([IndexDoc(ct, 3, "新标题", "完全不同的更长的正文内容" * 3, "")])
    engine.delete([ct], ["5", "6"])
    totals = Document.objects.aggregate(n=Count("id"), t=Sum("length"))
    stats = IndexStats.objects.get()
    assert (stats.documents, stats.tokens) == (totals["n"], totals["t"]) and stats.documents == 10
