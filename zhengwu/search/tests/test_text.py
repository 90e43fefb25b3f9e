from zhengwu.search.text import compact, highlight, index_tokens, normalize, query_terms, split_query


def test_normalize_folds_traditional_fullwidth_and_case():
    assert normalize("政務公開 ＡＢＣ Open") == "政务公开 abc open"


def test_index_tokens_emit_word_and_sub_words():
    tokens = index_tokens("湖南省财政预算公开")
    assert "财政预算" in tokens or ("财政" in tokens and "预算" in tokens)
    assert "预算" in tokens and "公开" in tokens
    assert all(t.strip() and "，" not in t for t in index_tokens("预算，公开！ (2024)"))


def test_query_terms_precise_and_distinct():
    assert query_terms("政務公開 政务公开") == ["政务", "公开"]
    assert query_terms("  ") == []


def test_split_query_phrases():
    assert split_query('预算 "信息公开 工作" “政务”') == ("预算", ["信息公开 工作", "政务"])
    assert compact("信息公开 工作！") == "信息公开工作"


def test_highlight_marks_terms_escapes_and_keeps_original_script():
    html = highlight("<b>湖南省財政廳</b>發布財政預算公開說明", "预算 公开")
    assert "<mark>預算公開</mark>" in html
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_highlight_excerpt_window_around_match():
    text = "前言。" * 100 + "本年度财政预算草案公开征求意见。" + "附录。" * 100
    html = highlight(text, "预算", length=60)
    assert "<mark>预算</mark>" in html and html.startswith("…") and html.endswith("…")
    assert len(html.replace("<mark>", "").replace("</mark>", "")) <= 62
    assert highlight("", "预算") == ""
    assert highlight("没有命中", "预算") == "没有命中"


def test_highlight_window_never_cuts_a_marked_word():
    # The densest window starts 12 characters before the match at 110, i.e. at 98, inside 政务公开 (95–99).
    text = "甲" * 95 + "政务公开" + "乙" * 11 + "公开" + "丙" * 53 + "公开" + "丁" + "公开" + "戊" * 100
    excerpt = highlight(text, "政务公开", length=60)
    assert excerpt.startswith("…<mark>政务公开</mark>")
    assert "<mark>开</mark>" not in excerpt and "<mark>务公开</mark>" not in excerpt
