"""告知书: every table-三 outcome composes from its facts, missing facts are refused in Chinese, and the
letter renders as a GB/T 9704-style PDF (A4, embedded Noto Serif CJK) and as a DOCX with East-Asian fonts."""

import ast
import io
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from zhengwu.foi.notices import wording as letters
from zhengwu.foi.notices.files import render_docx, render_pdf
from zhengwu.foi.notices.wording import MissingFact, Notice, NoticeFacts, compose, remedies_paragraph
from zhengwu.foi.outcomes import outcomes

OUTCOME_KEYS = [o.key for o in outcomes()]
OPTIONAL = ("reasons", "withheld", "withheld_reason", "how_to_obtain", "right_agency", "court", "contact")


def full_facts(outcome_key="r2", **changes) -> NoticeFacts:
    facts = NoticeFacts(
        agency_name="湖南省财政厅",
        applicant_name="张三",
        request_number="HNCZT-2026-0012",
        received_on=date(2026, 3, 2),
        info_sought="2025年度省级财政专项资金分配明细（湘财预〔2025〕18号附件）",
        outcome_key=outcome_key,
        dated=date(2026, 3, 20),
        letter_number="湘财依申请公开告知〔2026〕12号",
        reasons="该信息的具体情况已经核实",
        withheld="附件中涉及企业银行账号和个人身份证号码的内容",
        withheld_reason="上述内容属于商业秘密和个人隐私，公开会对第三方合法权益造成损害，且第三方不同意公开",
        how_to_obtain="本机关将可以公开的内容制作为纸质复印件共12页，随本告知书一并邮寄给您（单位）",
        right_agency="湖南省自然资源厅（联系电话：0731-88888888）",
        review_body="湖南省人民政府",
        court="长沙铁路运输法院",
        contact="联系人：李明，联系电话：0731-85165000",
    )
    return replace(facts, **changes)


def minimal_facts(outcome_key, **changes) -> NoticeFacts:
    """Only what the outcome requires: every optional fact it does not need left empty."""
    required = set(letters.outcome_template(outcome_key).get("required", []))
    blank = {name: "" for name in OPTIONAL if name not in required}
    return full_facts(outcome_key, **{**blank, **changes})


def letter_text(letter: Notice) -> str:
    return "\n".join([letter.title, letter.number, letter.addressee, *letter.paragraphs, letter.basis,
                      letter.remedies, letter.signature, letter.contact])


# --- the template data ---------------------------------------------------------------------------

def test_there_is_one_template_per_outcome_of_table_three():
    assert len(OUTCOME_KEYS) == 21
    assert sorted(letters.templates()["outcomes"]) == sorted(OUTCOME_KEYS)


def test_the_data_says_where_its_wording_comes_from_and_that_it_must_be_checked():
    source = letters.templates()["_source"]
    assert "2019" in source and "政府信息公开条例" in source and "核对" in source


@pytest.mark.parametrize("key", OUTCOME_KEYS)
def test_every_basis_cites_an_article_of_the_regulation(key):
    basis = compose(full_facts(key)).basis
    assert "《中华人民共和国政府信息公开条例》" in basis
    assert re.search(r"第[一二三四五六七八九十]+条", basis)


@pytest.mark.parametrize(("key", "article"), [
    ("r1", "第三十六条第（二）项"), ("r2", "第三十七条"), ("r3_1", "第十四条"), ("r3_4", "第十五条"),
    ("r3_5", "第十六条第一款"), ("r3_6", "第十六条第二款"), ("r3_7", "第十六条第二款"),
    ("r3_8", "第三十六条第（七）项"), ("r4_1", "第三十六条第（四）项"), ("r4_2", "第三十八条"),
    ("r4_3", "第三十条"), ("r5_1", "第三十九条第一款"), ("r5_2", "第三十六条第（六）项"),
    ("r5_3", "第三十九条第二款"), ("r5_4", "第三十五条"), ("r6_1", "第三十条"), ("r6_2", "第四十二条"),
])
def test_the_articles_cited(key, article):
    assert article in compose(full_facts(key)).basis


def test_fee_outcome_also_cites_the_fee_rules():
    assert "国办函〔2020〕109号" in compose(full_facts("r6_2")).basis


# --- composition --------------------------------------------------------------------------------

@pytest.mark.parametrize("key", OUTCOME_KEYS)
def test_every_outcome_composes_with_all_facts(key):
    letter = compose(full_facts(key))
    assert letter.title.endswith("告知书")
    assert letter.number == "湘财依申请公开告知〔2026〕12号"
    assert letter.addressee == "张三："
    assert letter.signature == "湖南省财政厅" and letter.dated == date(2026, 3, 20)
    assert letter.paragraphs[0] == (
        "本机关于2026年3月2日收到您（单位）提出的政府信息公开申请（编号：HNCZT-2026-0012），"
        "申请获取“2025年度省级财政专项资金分配明细（湘财预〔2025〕18号附件）”。")
    assert len(letter.paragraphs) >= 2
    text = letter_text(letter)
    assert "{" not in text and "}" not in text


@pytest.mark.parametrize("key", OUTCOME_KEYS)
def test_every_outcome_composes_with_only_its_required_facts(key):
    letter = compose(minimal_facts(key))
    text = letter_text(letter)
    assert "{" not in text and "（）" not in text and "“”" not in text and "：。" not in text
    assert all(p.strip() for p in letter.paragraphs)


def test_r2_letter_says_what_was_withheld_and_why():
    text = "\n".join(compose(full_facts("r2")).paragraphs)
    assert "附件中涉及企业银行账号和个人身份证号码的内容不予公开" in text
    assert "理由是：上述内容属于商业秘密和个人隐私，公开会对第三方合法权益造成损害，且第三方不同意公开。" in text
    assert "纸质复印件共12页" in text


def test_r1_letter_says_how_the_information_is_provided():
    letter = compose(minimal_facts("r1"))
    assert "予以公开" in letter.paragraphs[1]
    assert letter.paragraphs[-1] == "本机关将可以公开的内容制作为纸质复印件共12页，随本告知书一并邮寄给您（单位）。"


def test_the_holding_agency_is_named_only_when_known():
    with_agency = "\n".join(compose(full_facts("r4_1")).paragraphs)
    assert "负责公开该政府信息的行政机关为湖南省自然资源厅（联系电话：0731-88888888）" in with_agency
    without = "\n".join(compose(full_facts("r4_1", right_agency="")).paragraphs)
    assert "负责公开" not in without


def test_reasons_keep_the_handlers_paragraphs_and_end_as_sentences():
    letter = compose(full_facts("r3_4", reasons="该信息包含某公司的投标报价\n经书面征求意见，该公司不同意公开",
                                info_sought="某项目的投标文件。"))
    assert "具体理由是：该信息包含某公司的投标报价" in letter.paragraphs
    assert "经书面征求意见，该公司不同意公开。" in letter.paragraphs
    assert "申请获取“某项目的投标文件”。" in letter.paragraphs[0]


def test_user_text_is_not_template_syntax():
    letter = compose(full_facts("r6_3", reasons="答复内容含有{agency_name}这样的花括号"))
    assert "{agency_name}" in "\n".join(letter.paragraphs)


def test_composition_imports_no_django():
    tree = ast.parse(Path(letters.__file__).read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not any(name.startswith("django") or name.endswith("models") for name in imported)


# --- missing facts -------------------------------------------------------------------------------

REQUIRED_CASES = [(key, fact) for key in OUTCOME_KEYS
                  for fact in letters.templates()["always_required"] + letters.outcome_template(key)["required"]]


@pytest.mark.parametrize(("key", "fact"), REQUIRED_CASES)
def test_each_missing_required_fact_is_refused_in_chinese(key, fact):
    with pytest.raises(MissingFact) as caught:
        compose(full_facts(key, **{fact: "  "}))
    message = str(caught.value)
    assert "须写明" in message and message.endswith("。")
    assert re.search(r"[\u4e00-\u9fff]", message)


def test_the_required_facts_by_outcome():
    required = {key: set(letters.outcome_template(key)["required"]) for key in OUTCOME_KEYS}
    assert required["r1"] == {"how_to_obtain"}
    assert required["r2"] == {"withheld", "withheld_reason", "how_to_obtain"}
    for key in OUTCOME_KEYS:
        if key.startswith(("r3_", "r4_", "r5_")) or key == "r6_3":
            assert "reasons" in required[key], key
    assert "review_body" in letters.templates()["always_required"]


@pytest.mark.parametrize("blank", ["withheld", "withheld_reason"])
def test_partial_disclosure_without_what_or_why_is_refused(blank):
    with pytest.raises(MissingFact, match="^部分公开须写明不予公开的内容及理由。$"):
        compose(full_facts("r2", **{blank: ""}))


def test_refusal_without_reasons_is_refused():
    with pytest.raises(MissingFact, match="^不予公开须写明作出答复的事实和理由。$"):
        compose(full_facts("r3_6", reasons=""))


def test_no_letter_without_a_review_body():
    with pytest.raises(MissingFact, match="^告知书须写明行政复议机关。$"):
        compose(full_facts("r1", review_body=""))
    with pytest.raises(MissingFact):
        remedies_paragraph("")


def test_an_unknown_outcome_is_an_error():
    with pytest.raises(ValueError, match="r9"):
        compose(full_facts("r9"))


# --- remedies -------------------------------------------------------------------------------------

def test_remedies_paragraph_states_both_periods_and_the_review_body():
    text = remedies_paragraph("湖南省人民政府")
    assert text == ("如对本答复不服，可以自收到本告知书之日起60日内向湖南省人民政府申请行政复议，"
                    "或者在6个月内向有管辖权的人民法院提起行政诉讼。")
    assert "60日" in text and "6个月" in text and "湖南省人民政府" in text
    assert "向长沙铁路运输法院提起行政诉讼" in remedies_paragraph("湖南省人民政府", "长沙铁路运输法院")
    assert compose(full_facts("r1")).remedies == remedies_paragraph("湖南省人民政府", "长沙铁路运输法院")


def test_remedy_periods_come_from_the_template_data(tmp_path, monkeypatch):
    data = json.loads(letters.TEMPLATES_FILE.read_text(encoding="utf-8"))
    data["remedies"]["review_days"] = 90
    data["remedies"]["litigation_months"] = 3
    edited = tmp_path / "letter_templates.json"
    edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(letters, "TEMPLATES_FILE", edited)
    letters.templates.cache_clear()
    try:
        text = remedies_paragraph("湖南省人民政府")
        assert "90日内" in text and "3个月内" in text
    finally:
        monkeypatch.undo()
        letters.templates.cache_clear()
    assert "60日内" in remedies_paragraph("湖南省人民政府")


# --- PDF -------------------------------------------------------------------------------------------

A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def r2_letter():
    return compose(full_facts("r2"))


@pytest.fixture(scope="module")
def r2_pdf(r2_letter):
    return render_pdf(r2_letter)


def pdf_text(reader: PdfReader) -> str:
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """{font name: has an embedded font program} over every page and every descendant font."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for each in [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]:
                descriptor = each.get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                found[str(each["/BaseFont"])] = any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def test_pdf_is_a_pdf_with_the_letter_in_it(r2_pdf, r2_letter):
    assert r2_pdf.startswith(b"%PDF")
    text = pdf_text(PdfReader(io.BytesIO(r2_pdf)))
    assert "政府信息部分公开告知书" in text
    assert "HNCZT-2026-0012" in text
    assert "湘财依申请公开告知〔2026〕12号" in text
    assert re.sub(r"\s+", "", r2_letter.remedies) in text
    assert "附件中涉及企业银行账号和个人身份证号码的内容不予公开" in text
    assert "2026年3月20日" in text and "（联系人：李明，联系电话：0731-85165000）" in text
    assert "—1—" in text


def test_pdf_embeds_every_font_and_they_are_noto_serif_cjk(r2_pdf):
    fonts = embedded_fonts(PdfReader(io.BytesIO(r2_pdf)))
    assert fonts and all(fonts.values()), fonts
    assert any("NotoSerifCJK" in name.replace("-", "") for name in fonts), fonts


def test_pdf_pages_are_a4(r2_pdf):
    reader = PdfReader(io.BytesIO(r2_pdf))
    for page in reader.pages:
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(A4, abs=0.5)


def test_pdf_body_lines_hold_28_characters():
    """GB/T 9704: 28 characters to a line. A paragraph of ideographs shows the grid."""
    letter = compose(full_facts("r6_3", reasons="政" * 120))
    lines = [line.strip() for page in PdfReader(io.BytesIO(render_pdf(letter))).pages
             for line in page.extract_text().splitlines()]
    full_lines = [line for line in lines if set(line) == {"政"}]
    assert full_lines and len(full_lines[0]) == 28, lines


def test_long_letters_number_every_page():
    letter = compose(full_facts("r6_3", reasons="\n".join(["本机关对您（单位）的申请逐项作出说明。" * 6] * 12)))
    reader = PdfReader(io.BytesIO(render_pdf(letter)))
    assert len(reader.pages) >= 2
    assert "—2—" in re.sub(r"\s+", "", reader.pages[1].extract_text())


def test_pdf_shows_user_text_literally():
    letter = compose(full_facts("r1", applicant_name="<b>张三</b> & 李四"))
    assert "<b>张三</b>&李四：" in pdf_text(PdfReader(io.BytesIO(render_pdf(letter))))


# --- DOCX -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def r2_docx(r2_letter):
    return Document(io.BytesIO(render_docx(r2_letter)))


def test_docx_has_the_letter_in_order(r2_docx, r2_letter):
    texts = [p.text for p in r2_docx.paragraphs if p.text]
    assert texts[:4] == ["湖南省财政厅", r2_letter.number, r2_letter.title, "张三："]
    assert r2_letter.remedies in texts and r2_letter.basis in texts
    assert texts.index(r2_letter.basis) < texts.index(r2_letter.remedies) < texts.index("2026年3月20日")
    assert texts[-1] == "（联系人：李明，联系电话：0731-85165000）"


def test_docx_sets_the_east_asian_fonts(r2_docx, r2_letter):
    def east_asian(paragraph):
        return {run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for run in paragraph.runs}

    by_text = {p.text: p for p in r2_docx.paragraphs}
    assert east_asian(by_text[r2_letter.title]) == {"宋体"}
    assert east_asian(by_text[r2_letter.remedies]) == {"仿宋"}
    normal = r2_docx.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    assert by_text[r2_letter.title].runs[0].font.bold


def test_docx_page_is_a4_with_the_official_margins(r2_docx):
    section = r2_docx.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    footer = section.footer._element.xml
    assert "PAGE" in footer and "— " in footer
    assert "PAGE" in section.even_page_footer._element.xml


def test_a_long_agency_name_is_set_smaller_to_stay_on_one_line():
    from zhengwu.foi.notices.files import issuer_size_pt

    assert issuer_size_pt("湖南省财政厅") == 30
    assert issuer_size_pt("中共湖南省委网络安全和信息化委员会办公室") * 20 * 1.08 <= 442
