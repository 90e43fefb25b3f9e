"""The yearly report in the admin: opening a draft (one per agency and year), the draft page laid out as the
official form with the platform's figures, saving texts and manual Part 二 figures, the cross-check failures
marked on their cells, and who may see and edit it."""

import json
import re
from datetime import date, datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from zhengwu.conftest import PASSWORD
from zhengwu.foi.models import InformationRequest, Remedy
from zhengwu.foi.tests.test_queue import file
from zhengwu.reports.annual.report import build
from zhengwu.reports.models import AnnualReport

INDEX = "/admin/reports/annual/"
OPEN = INDEX + "open/"


def filed(day, applicant_type="natural_person", decided=None, outcome="", agency="湖南省财政厅"):
    extra = {"contact_person": "王经理"} if applicant_type != "natural_person" else {}
    request = file(agency=agency, applicant_type=applicant_type, description=f"{day} {applicant_type} {outcome}",
                   submitted_at=datetime(*day, 10, tzinfo=ZoneInfo("Asia/Shanghai")), **extra)
    if decided:
        InformationRequest.objects.filter(pk=request.pk).update(decided_on=date(*decided), outcome=outcome,
                                                                state="answered")
    return request


@pytest.fixture
def people(hunan):
    class People:
        handler = hunan.user("czt_foi", hunan.czt, "foi_handler")
        head = hunan.user("czt_head", hunan.czt, "disclosure_head")
        other = hunan.user("zrzyt_foi", hunan.zrzyt, "foi_handler")
        inspector = hunan.user("sheng_jc", hunan.province, "inspector")
        province_admin = hunan.user("sheng_admin", hunan.province, "agency_admin")
        publisher = hunan.user("czt_pub", hunan.czt, "publisher")
    return People


@pytest.fixture
def requests_2025(hunan):
    filed((2024, 12, 20), decided=(2025, 1, 10), outcome="r1")
    filed((2025, 3, 3), decided=(2025, 3, 20), outcome="r3_4")
    filed((2025, 6, 4), "commercial", decided=(2025, 6, 10), outcome="r2")
    filed((2025, 12, 25), "research")
    c = filed((2025, 2, 3), decided=(2025, 2, 20), outcome="r1")
    Remedy.objects.create(request=c, kind="review", filed_on=date(2025, 4, 1), body="湖南省人民政府",
                          result="upheld", concluded_on=date(2025, 6, 1))


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def open_report(client, agency, year):
    response = client.post(OPEN, {"agency": agency.pk, "year": year})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def cell(html, cell_id):
    """The text of the table cell with this id, tags and white space removed."""
    match = re.search(rf'<td id="{re.escape(cell_id)}"([^>]*)>(.*?)</td>', html, re.S)
    assert match, f"no cell {cell_id}"
    return match.group(1), re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", match.group(2)))).strip()


def test_opening_creates_one_draft_per_agency_and_year_and_reuses_it(client, hunan, people):
    login(client, people.handler)
    page = client.get(INDEX).content.decode()
    assert "打开年度报告" in page
    last_year = timezone.localdate().year - 1
    assert re.search(rf'<option value="{hunan.czt.pk}" selected>', page)  # the user's own agency
    assert re.search(rf'<option value="{last_year}" selected>', page)
    assert "湖南省自然资源厅" not in page  # not in this handler's scope

    first = open_report(client, hunan.czt, 2025)
    report = AnnualReport.objects.get()
    assert first["Location"] == f"{INDEX}{report.pk}/"
    again = open_report(client, hunan.czt, 2025)
    assert again["Location"] == first["Location"] and AnnualReport.objects.count() == 1
    open_report(client, hunan.czt, 2024)
    assert AnnualReport.objects.count() == 2

    listing = client.get(INDEX).content.decode()
    assert f"{INDEX}{report.pk}/" in listing and "湖南省财政厅 2025 年政府信息公开工作年度报告" in listing

    refused = client.post(OPEN, {"agency": hunan.zrzyt.pk, "year": 2025})
    assert refused.status_code == 400 and "请选择您有权编制年度报告的机关" in refused.content.decode()
    too_early = client.post(OPEN, {"agency": hunan.czt.pk, "year": 2019})
    assert too_early.status_code == 400 and "请选择列出的年度" in too_early.content.decode()
    assert AnnualReport.objects.count() == 2


def test_draft_page_shows_the_form_with_computed_figures(client, hunan, people, requests_2025):
    login(client, people.handler)
    html = client.get(open_report(client, hunan.czt, 2025)["Location"]).content.decode()
    titles = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
              "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    positions = [html.index(f">{title}</h2>") for title in titles]
    assert positions == sorted(positions)
    assert "校验通过" in html and "保存草稿" in html

    assert cell(html, "t3-new-natural_person")[1] == "2"
    assert cell(html, "t3-new-research")[1] == "1"
    assert cell(html, "t3-new-total")[1] == "4"
    assert cell(html, "t3-carried_in-natural_person")[1] == "1"
    assert cell(html, "t3-r1-natural_person")[1] == "2"
    assert cell(html, "t3-r2-commercial")[1] == "1"
    assert cell(html, "t3-r3_4-natural_person")[1] == "1"
    assert cell(html, "t3-r7-total")[1] == "4"
    assert cell(html, "t3-carried_out-research")[1] == "1"
    attrs, _ = cell(html, "t3-r3_4-natural_person")
    assert 'headers="t3-group-' in attrs and "t3-row-r3_4" in attrs and "t3-col-natural_person" in attrs
    for heading in ("申请人情况", "法人或其他组织", "三、本年度办理结果", "（三）不予公开", "（七）总计"):
        assert heading in html
    assert cell(html, "t4-review-upheld")[1] == "1" and cell(html, "t4-review-total")[1] == "1"
    assert html.count('<td id="t4-') == 15

    # Part 二: catalog figures as numbers, the rest as labelled inputs with the source note.
    assert cell(html, "t2-art20_1-rules-made")[1] == "0"
    _, licensing = cell(html, "t2-art20_5-licensing-decisions")
    assert "人工填报（平台尚无数据来源）" in licensing and "平台尚无记录该项数据的模块" in licensing
    assert 'name="m__art20_5__licensing__decisions"' in html
    assert 'name="m__art20_8__fees__amount_10k_yuan"' in html
    assert 'name="m__art20_1__rules__made"' not in html
    for text in ("overview", "problems", "other_matters"):
        assert f'name="{text}"' in html
    assert 'name="fill" value="overview"' in html


def test_manual_figures_and_texts_are_saved_and_used_by_the_report(client, hunan, people):
    login(client, people.head)
    url = open_report(client, hunan.czt, 2025)["Location"]
    response = client.post(url, {"save": "1", "overview": "本年度总体情况。", "problems": "问题与改进。",
                                 "other_matters": "", "m__art20_5__licensing__decisions": "120",
                                 "m__art20_6__penalty__decisions": "", "m__art20_6__coercion__decisions": "3",
                                 "m__art20_8__fees__amount_10k_yuan": "12.35"})
    assert response.status_code == 302 and response["Location"] == url
    report = AnnualReport.objects.get()
    assert report.updated_by == people.head
    assert report.manual_figures == {"art20_5": {"licensing": {"decisions": 120}},
                                     "art20_6": {"coercion": {"decisions": 3}},
                                     "art20_8": {"fees": {"amount_10k_yuan": 12.35}}}
    built = build(hunan.czt, 2025)
    two = next(part["table"] for part in built["parts"] if part["key"] == "s2")
    assert two["art20_5"]["licensing"]["decisions"] == 120
    assert two["art20_6"]["penalty"]["decisions"] is None
    assert two["art20_8"]["fees"]["amount_10k_yuan"] == 12.35
    assert next(part["text"] for part in built["parts"] if part["key"] == "s1") == "本年度总体情况。"

    html = client.get(url).content.decode()
    assert "已保存" in html
    assert re.search(r'name="m__art20_5__licensing__decisions"[^>]*value="120"', html) or \
        re.search(r'value="120"[^>]*name="m__art20_5__licensing__decisions"', html)
    assert "本年度总体情况。" in html

    # Clearing a figure removes it again.
    client.post(url, {"save": "1", "overview": "本年度总体情况。", "m__art20_5__licensing__decisions": ""})
    assert "art20_5" not in AnnualReport.objects.get().manual_figures


def test_a_negative_figure_is_refused_in_chinese_and_the_input_kept(client, hunan, people):
    login(client, people.handler)
    url = open_report(client, hunan.czt, 2025)["Location"]
    response = client.post(url, {"save": "1", "overview": "尚未保存的正文", "m__art20_5__licensing__decisions": "-3",
                                 "m__art20_6__coercion__decisions": "2.5",
                                 "m__art20_8__fees__amount_10k_yuan": "1.23456"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "未保存：请按提示修改标红的项目。" in html
    assert "“行政许可·本年处理决定数量”不能为负数。" in html
    assert "“行政强制·本年处理决定数量”请填写整数件数。" in html
    assert "最多四位小数" in html
    assert "尚未保存的正文" in html and 'value="-3"' in html and 'value="2.5"' in html
    assert 'aria-invalid="true"' in html
    report = AnnualReport.objects.get()
    assert report.overview == "" and report.manual_figures == {}


def test_a_failing_check_is_listed_and_its_cell_marked(client, hunan, people, requests_2025):
    filed((2025, 5, 6), decided=(2025, 5, 20), outcome="")  # decided, but no outcome: 一 + 二 ≠ 三（七）+ 四
    login(client, people.handler)
    html = client.get(open_report(client, hunan.czt, 2025)["Location"]).content.decode()
    assert "校验未通过" in html and "校验通过：" not in html
    failures = build(hunan.czt, 2025)["checks"]["failures"]
    assert {f["cell"] for f in failures} >= {"r7/natural_person", "r7/total"}
    for n, failure in enumerate(failures, 1):
        assert f'<li id="check-{n}">{failure["message"]}' in unescape(html)
    position = next(n for n, f in enumerate(failures, 1) if f["cell"] == "r7/natural_person")
    attrs, text = cell(html, "t3-r7-natural_person")
    assert "rpt-fail" in attrs and f'aria-describedby="check-{position}"' in attrs
    assert f"校验问题 {position}" in text
    assert 'href="#t3-r7-natural_person"' in html
    assert "rpt-fail" not in cell(html, "t3-r7-research")[0]


def test_fill_offers_the_platforms_figures_as_a_starting_text(client, hunan, people, requests_2025):
    login(client, people.handler)
    url = open_report(client, hunan.czt, 2025)["Location"]
    response = client.post(url, {"fill": "overview", "overview": "开头一句。", "problems": "已写的问题",
                                 "m__art20_5__licensing__decisions": "7"})
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "开头一句。\n\n2025年，湖南省财政厅" in html
    assert "本年度新收政府信息公开申请 4 件，上年结转 1 件；办结 4 件" in html
    assert "结转下年度继续办理 1 件" in html
    assert "被申请行政复议 1 件，被提起行政诉讼 0 件" in html
    assert "已写的问题" in html and 'value="7"' in html
    assert re.search(r'<textarea[^>]*autofocus[^>]*name="overview"|<textarea[^>]*name="overview"[^>]*autofocus', html)
    assert AnnualReport.objects.get().overview == ""  # nothing stored until saved

    six = unescape(client.post(url, {"fill": "other_matters"}).content.decode())
    assert "本年度未收取政府信息公开信息处理费。" in six


def test_other_agencies_get_404_inspectors_read_only_admins_above_edit(client, hunan, people):
    login(client, people.handler)
    url = open_report(client, hunan.czt, 2025)["Location"]
    client.logout()

    login(client, people.other)
    assert client.get(url).status_code == 404
    assert client.post(url, {"save": "1", "overview": "篡改"}).status_code == 404
    assert url not in client.get(INDEX).content.decode()
    assert AnnualReport.objects.get().overview == ""

    login(client, people.inspector)
    html = client.get(url).content.decode()
    assert "没有编辑权限" in html and "保存草稿" not in html and "<textarea" not in html
    assert 'name="m__' not in html and "未填报" in html
    assert url in client.get(INDEX).content.decode()
    assert "打开年度报告" not in client.get(INDEX).content.decode()
    assert client.get(OPEN).status_code == 404
    assert client.post(url, {"save": "1", "overview": "篡改"}).status_code in (302, 403)
    assert AnnualReport.objects.get().overview == ""

    login(client, people.province_admin)
    assert client.post(url, {"save": "1", "overview": "省级管理员修改"}).status_code == 302
    assert AnnualReport.objects.get().overview == "省级管理员修改"

    login(client, people.publisher)  # no report role at all
    assert client.get(url).status_code == 404
    assert client.get(INDEX).status_code in (302, 403)


def test_menu_item_for_report_roles(client, hunan, people):
    def entries(node, parent=""):
        """(menu, label, url) of every menu entry in the sidebar's props."""
        if isinstance(node, dict):
            args = node.get("_args") or []
            item = args[0] if args and isinstance(args[0], dict) and "label" in args[0] else None
            if item is not None:
                yield parent, item["label"], item.get("url")
            for value in node.values():
                yield from entries(value, item["label"] if item else parent)
        elif isinstance(node, list):
            for value in node:
                yield from entries(value, parent)

    def menu(user):
        login(client, user)
        html = client.get("/admin/").content.decode()
        props = json.loads(re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1))
        return set(entries(props))

    assert ("报告", "年度报告", INDEX) in menu(people.handler)
    assert ("报告", "年度报告", INDEX) in menu(people.inspector)
    assert not any(url == INDEX for _, _, url in menu(people.publisher))
