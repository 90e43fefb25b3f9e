"""The yearly report as the public reads it: the six parts as read-only HTML laid out as the official
form, and the PDF, DOCX and XLSX downloads of the published page, each checked for what a reader sees:
the title, the 索引号, and the known figures in the cells where the form prints them."""

import datetime
import io
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from zhengwu.disclosure.actions import publish_migrated
from zhengwu.disclosure.models import Theme
from zhengwu.disclosure.seed import load_taxonomies
from zhengwu.foi.models import Remedy
from zhengwu.portal.models import ColumnPage
from zhengwu.reports.annual.document import document_parts
from zhengwu.reports.annual.exports import report_file
from zhengwu.reports.annual.report import build
from zhengwu.reports.models import AnnualReport, AnnualReportPage
from zhengwu.reports.tests.test_annual import filed

TITLE = "湖南省财政厅2025年政府信息公开工作年度报告"
INDEX_NUMBER = "11430000006940118T/2026-00007"
META = {"index_number": INDEX_NUMBER, "published_on": datetime.date(2026, 1, 20)}
# Table 三 as printed: three header rows, then the rows in the form's order; figure columns after the
# three label columns (自然人 is the 4th column, 总计 the 10th).
T3_ROW = {"new": 3, "carried_in": 4, "r1": 5, "r3_4": 10, "r4_1": 15, "r7": 26, "carried_out": 27}
T3_COLUMN = {"natural_person": 3, "commercial": 4, "research": 5, "total": 9}


@pytest.fixture
def content(hunan):
    """湖南省财政厅's 2025 report: four requests received in 2025 and one carried in from 2024, one review."""
    first = filed((2025, 3, 3), decided=(2025, 3, 20), outcome="r1")
    filed((2025, 4, 1), "commercial", decided=(2025, 4, 10), outcome="r1")
    filed((2025, 5, 6), "commercial", decided=(2025, 5, 20), outcome="r3_4")
    filed((2025, 12, 28), "research")  # still open at the year's end: 结转下年度
    filed((2024, 12, 30), decided=(2025, 1, 8), outcome="r4_1")  # 上年结转
    Remedy.objects.create(request=first, kind="review", filed_on=datetime.date(2025, 4, 1), body="湖南省人民政府",
                          result="corrected", concluded_on=datetime.date(2025, 6, 1))
    AnnualReport.objects.create(
        agency=hunan.czt, year=2025, overview="2025年，本厅持续深化财政信息公开。\n全年主动公开政府信息 1234 条。",
        problems="一是政策解读形式较为单一。\n\n二是依申请公开答复质量有待提高。",
        manual_figures={"art20_5": {"licensing": {"decisions": 1203}}, "art20_8": {"fees": {"amount_10k_yuan": 12.5}}})
    built = build(hunan.czt, 2025)
    assert built["checks"]["passed"], built["checks"]["failures"]
    return built


def test_the_parts_read_as_the_official_form_without_inputs_or_links(content):
    html = render_to_string("reports/document/_parts.html", {"parts": document_parts(content)})
    soup = BeautifulSoup(html, "html.parser")
    assert [h.get_text() for h in soup.find_all("h2")] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert not soup.find_all(["input", "textarea", "a", "button"])
    # the author's lines are the paragraphs; an empty part says so
    one = soup.find("section", attrs={"aria-labelledby": "rdoc-s1-heading"})
    assert [p.get_text() for p in one.find_all("p")] == ["2025年，本厅持续深化财政信息公开。", "全年主动公开政府信息 1234 条。"]
    five = soup.find("section", attrs={"aria-labelledby": "rdoc-s5-heading"})
    assert len(five.find_all("p")) == 2
    assert "本部分无内容" in soup.find("section", attrs={"aria-labelledby": "rdoc-s6-heading"}).get_text()

    # 二: four blocks, each with its own column heads; a figure the agency left empty says so
    blocks = soup.select("table.rdoc-table--two")
    assert [t.caption.get_text() for t in blocks] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项",
                                                       "第二十条第（八）项"]
    assert [th.get_text() for th in blocks[3].thead.find_all("th")] == ["信息内容", "本年收费金额（单位：万元）"]
    penalty = blocks[2].find("th", string="行政处罚").find_next_sibling("td")
    assert penalty.get_text() == "—未填报"
    assert blocks[1].find("th", string="行政许可").find_next_sibling("td").get_text() == "1203"

    # 三: the form's header block, and each figure named by its row and column headers
    three = soup.select_one("table.rdoc-table--three")
    corner = three.thead.find("td")
    assert corner["rowspan"] == "3" and corner["colspan"] == "3" and "勾稽关系" in corner.get_text()
    group = three.find("th", string="三、本年度办理结果")
    assert group["rowspan"] == "22"
    rows = three.tbody.find_all("tr")
    new = rows[0].find_all("td")
    assert [td.get_text() for td in new] == ["1", "2", "1", "0", "0", "0", "4"]
    assert list(new[0]["headers"]) == ["t3-row-new", "t3-applicants", "t3-col-natural_person"]
    total = rows[23]
    assert total.find("th").get_text() == "（七）总计" and [td.get_text() for td in total.find_all("td")][-1] == "4"

    four = soup.select_one("table.rdoc-table--four")
    assert [td.get_text() for td in four.tbody.find_all("td")][:5] == ["0", "1", "0", "0", "1"]
    # narrow screens scroll the tables, by keyboard too
    regions = soup.select(".rdoc-scroll")
    assert len(regions) == 3 and all(r["role"] == "region" and r["tabindex"] == "0" and r["aria-label"]
                                     for r in regions)


def test_pdf_has_the_title_meta_line_figures_and_page_numbers(content):
    from pypdf import PdfReader

    data, content_type, filename = report_file(content, "pdf", META)
    assert content_type == "application/pdf" and filename == f"{TITLE}.pdf"
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "湖南省财政厅\n2025年政府信息公开工作年度报告" in text
    assert f"索引号：{INDEX_NUMBER}" in text and "发布日期：2026-01-20" in text
    assert "一、本年新收政府信息公开申请数量 1 2 1 0 0 0 4" in text
    assert "四、结转下年度继续办理 0 0 1 0 0 0 1" in text
    assert "行政许可 1203" in text and "行政事业性收费 12.5" in text
    assert "— 1 —" in text
    first = reader.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (595, 842)  # A4
    fonts = {font["/BaseFont"] for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("Noto-Serif-CJK" in str(name) for name in fonts)
    assert reader.metadata.title == TITLE


def test_docx_tables_are_merged_as_on_the_form(content):
    from docx import Document
    from docx.oxml.ns import qn

    data, content_type, filename = report_file(content, "docx", META)
    assert content_type.endswith("wordprocessingml.document") and filename == f"{TITLE}.docx"
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == ["湖南省财政厅", "2025年政府信息公开工作年度报告",
                         f"索引号：{INDEX_NUMBER}　　发布日期：2026-01-20"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "一、总体情况" and len(headings) == 6
    assert "全年主动公开政府信息 1234 条。" in texts
    fonts = document.paragraphs[0].runs[0]._element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "宋体"

    two, three, four = document.tables
    # 二: one four-column table; a single figure column spans the three on the right
    licensing = next(row for row in two.rows if row.cells[0].text == "行政许可")
    assert [cell.text for cell in licensing.cells] == ["行政许可", "1203", "1203", "1203"]
    assert licensing.cells[1]._tc is licensing.cells[3]._tc
    assert two.cell(0, 0).text == "第二十条第（一）项" and two.cell(0, 0)._tc is two.cell(0, 3)._tc

    # 三: the corner note over three rows and three columns, 申请人情况 over the seven figure columns
    assert "勾稽关系" in three.cell(0, 0).text and three.cell(0, 0)._tc is three.cell(2, 2)._tc
    assert three.cell(0, 3).text == "申请人情况" and three.cell(0, 3)._tc is three.cell(0, 9)._tc
    assert three.cell(1, 3).text == "自然人" and three.cell(1, 3)._tc is three.cell(2, 3)._tc
    assert three.cell(T3_ROW["r1"], 0).text == "三、本年度办理结果"
    assert three.cell(T3_ROW["r1"], 0)._tc is three.cell(T3_ROW["r7"], 0)._tc
    expected = {("new", "natural_person"): "1", ("new", "commercial"): "2", ("new", "total"): "4",
                ("carried_in", "natural_person"): "1", ("r1", "total"): "2", ("r3_4", "commercial"): "1",
                ("r4_1", "natural_person"): "1", ("r7", "commercial"): "2", ("carried_out", "research"): "1",
                ("carried_out", "natural_person"): "0"}
    for (row, column), value in expected.items():
        assert three.cell(T3_ROW[row], T3_COLUMN[column]).text == value, (row, column)
    assert all(three.rows[r]._tr.trPr.find(qn("w:tblHeader")) is not None for r in range(3))

    # 四: 行政复议 over its five results, 行政诉讼 over ten; the review was corrected
    assert four.cell(0, 0).text == "行政复议" and four.cell(0, 0)._tc is four.cell(0, 4)._tc
    assert four.cell(0, 5).text == "行政诉讼" and four.cell(0, 5)._tc is four.cell(0, 14)._tc
    assert [four.cell(3, c).text for c in range(5)] == ["0", "1", "0", "0", "1"]


def test_xlsx_sheets_hold_numbers_where_the_form_prints_them(content):
    from openpyxl import load_workbook

    data, content_type, filename = report_file(content, "xlsx", META)
    assert content_type.endswith("spreadsheetml.sheet") and filename == f"{TITLE}.xlsx"
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["报告正文", "表二 主动公开", "表三 依申请公开", "表四 复议诉讼"]
    body = [row[0] for row in workbook["报告正文"].iter_rows(values_only=True)]
    assert body[0] == TITLE and INDEX_NUMBER in body[1]
    assert "二是依申请公开答复质量有待提高。" in body and "五、存在的主要问题及改进情况" in body

    two = workbook["表二 主动公开"]
    assert two["A8"].value == "行政许可" and two["B8"].value == 1203 and "B8:D8" in two.merged_cells
    assert two["A11"].value == "行政处罚" and two["B11"].value is None  # not filled in: an empty cell
    assert two["B15"].value == 12.5 and two["C3"].value == "本年废止件数"

    three = workbook["表三 依申请公开"]
    for cells in ("A2:C4", "D2:J2", "D3:D4", "E3:I3", "J3:J4", "A7:A28", "A5:C5", "A29:C29"):
        assert cells in three.merged_cells, cells
    assert three["D2"].value == "申请人情况" and three["E4"].value == "商业企业"
    assert [three.cell(row=5, column=c).value for c in range(4, 11)] == [1, 2, 1, 0, 0, 0, 4]
    assert three["D6"].value == 1 and three["J7"].value == 2 and three["E12"].value == 1
    assert three["E28"].value == 2 and three["F29"].value == 1 and three["D29"].value == 0
    assert isinstance(three["J5"].value, int)
    assert three.freeze_panes == "D5"
    assert three["A2"].border.left.style == "thin" and three["J29"].border.bottom.style == "thin"
    assert three.column_dimensions["C"].width > three.column_dimensions["D"].width

    four = workbook["表四 复议诉讼"]
    assert "A2:E2" in four.merged_cells and "F2:O2" in four.merged_cells and "F3:J3" in four.merged_cells
    assert [four.cell(row=5, column=c).value for c in range(1, 6)] == [0, 1, 0, 0, 1]
    assert four.freeze_panes == "A5"


def test_a_draft_file_has_no_index_number_line(content):
    from docx import Document

    data, _, filename = report_file(content, "docx", {})
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert filename == f"{TITLE}.docx" and not any("索引号" in text for text in texts)


@pytest.fixture
def published(hunan, content):
    load_taxonomies()
    column = ColumnPage.objects.get(agency=hunan.czt, slug="gknb")
    page = AnnualReportPage(title=TITLE, slug="2025-report", agency=hunan.czt, year=2025, content=content,
                            theme=Theme.objects.get(code="zt0401"), index_number=INDEX_NUMBER,
                            published_on=datetime.date(2026, 1, 20))
    column.add_child(instance=page)
    publish_migrated(page, None, "测试")  # as a report migrated from the old site, with its record
    page.refresh_from_db()
    return page


def path_of(page):
    return page.url_path.replace("/hunan", "", 1)  # development URLs are paths under the provincial portal


def test_the_published_page_serves_each_file_with_its_chinese_name(client, published):
    from openpyxl import load_workbook

    files = {}
    for kind, content_type in (
            ("pdf", "application/pdf"),
            ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")):
        response = client.get(f"{path_of(published)}{kind}/")
        assert response.status_code == 200, kind
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == (
            f"attachment; filename=\"annual-report-2025.{kind}\"; filename*=utf-8''{quote(f'{TITLE}.{kind}')}")
        assert int(response["Content-Length"]) == len(response.content) > 1000
        files[kind] = response.content
    assert files["pdf"].startswith(b"%PDF-")
    # made from the page: its 索引号 and 发布日期 are printed under the title
    sheet = load_workbook(io.BytesIO(files["xlsx"]))["报告正文"]
    assert sheet["A2"].value == f"索引号：{INDEX_NUMBER}　　发布日期：2026-01-20"


def test_unknown_kinds_and_unpublished_reports_have_no_files(client, published):
    assert client.get(f"{path_of(published)}doc/").status_code == 404
    published.unpublish()
    assert client.get(f"{path_of(published)}pdf/").status_code == 404


def test_the_files_are_made_when_the_report_goes_live_not_when_a_reader_asks(
        client, hunan, content, monkeypatch, django_capture_on_commit_callbacks):
    from zhengwu.reports.annual import document_views
    load_taxonomies()
    column = ColumnPage.objects.get(agency=hunan.czt, slug="gknb")
    page = AnnualReportPage(title=TITLE, slug="2025-report", agency=hunan.czt, year=2025, content=content,
                            theme=Theme.objects.get(code="zt0401"))
    column.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        publish_migrated(page, None, "测试")
    page.refresh_from_db()
    storage = document_views.files_storage()
    assert all(storage.exists(document_views.stored_name(page, kind)) for kind in ("pdf", "docx", "xlsx"))

    def typeset(*args, **kwargs):
        raise AssertionError("a reader waited for the file to be made")

    monkeypatch.setattr(document_views, "report_file", typeset)
    response = client.get(f"{path_of(page)}pdf/")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
