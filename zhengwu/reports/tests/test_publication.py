"""Publishing the yearly report: refused while a cross-check fails or Parts 一/五 are empty; otherwise frozen
into a page of the agency's 年报 column and sent to 保密审查, where only a reviewer who did not write it may
approve; approval publishes it with its 索引号; the public reads the frozen figures."""

import re
from datetime import date
from io import BytesIO
from urllib.parse import unquote

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zhengwu.conftest import PASSWORD
from zhengwu.disclosure.seed import load_taxonomies
from zhengwu.disclosure.tests.test_public_pages import path_of
from zhengwu.foi.models import InformationRequest
from zhengwu.orgs.models import Role
from zhengwu.reports.annual.publication import PublicationRefused, submit_for_publication
from zhengwu.reports.models import AnnualReport, AnnualReportPage
from zhengwu.reports.tests.test_admin import filed

INDEX_NUMBER = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}/\d{4}-\d{5}$")


@pytest.fixture
def office(hunan):
    load_taxonomies()

    class Office:
        handler = hunan.user("czt_foi", hunan.czt, Role.FOI_HANDLER)
        reviewer = hunan.user("czt_reviewer", hunan.czt, Role.SECRECY_REVIEWER)
        tree = hunan
        report = AnnualReport.objects.create(agency=hunan.czt, year=2025, overview="2025年，本厅做好政府信息公开工作。",
                                             problems="主动公开的及时性有待提高。")

    filed((2025, 3, 3), decided=(2025, 3, 20), outcome="r1")
    filed((2025, 12, 29))
    return Office


def approve(client, user, page):
    page = AnnualReportPage.objects.get(pk=page.pk)
    task_state = page.current_workflow_state.current_task_state
    client.logout()
    client.login(username=user.username, password=PASSWORD)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": "不涉密，同意公开。"})


def test_submitted_report_is_reviewed_then_published_in_the_annual_column_with_an_index_number(client, office):
    submitted = submit_for_publication(office.report, office.handler)
    page = submitted.page
    assert submitted.first_time and not page.live
    assert page.get_parent().slug == "gknb" and page.agency == office.tree.czt
    assert page.workflow_in_progress and page.current_workflow_task.name == "保密审查"

    # The writer may not approve their own submission, even holding the reviewer role.
    both = office.tree.user("both", office.tree.czt, Role.SECRECY_REVIEWER)
    submit_for_publication(office.report, both)
    approve(client, both, page)
    page.refresh_from_db()
    assert not page.live

    approve(client, office.reviewer, page)
    page.refresh_from_db()
    assert page.live and INDEX_NUMBER.match(page.index_number)
    assert page.index_number.startswith(office.tree.czt.credit_code + "/")

    public = client.get(path_of(page)).content.decode()
    assert "湖南省财政厅2025年政府信息公开工作年度报告" in public and page.index_number in public
    assert "主动公开的及时性有待提高" in public
    column = client.get(path_of(page.get_parent())).content.decode()
    assert page.title in column and page.index_number in column


def test_published_figures_are_those_approved_not_todays(client, office):
    page = submit_for_publication(office.report, office.handler).page
    approve(client, office.reviewer, page)
    # A request decided afterwards changes the draft, not the published report.
    InformationRequest.objects.filter(received_on=date(2025, 12, 29)).update(
        decided_on=date(2025, 12, 30), outcome="r1", state="answered")
    page.refresh_from_db()
    t3 = next(part for part in page.content["parts"] if part["key"] == "s3")["table"]
    assert t3["r1"]["natural_person"] == 1 and t3["carried_out"]["natural_person"] == 1


def test_a_correction_is_a_new_revision_of_the_same_page_keeping_its_index_number(client, office):
    page = submit_for_publication(office.report, office.handler).page
    approve(client, office.reviewer, page)
    page.refresh_from_db()
    number = page.index_number
    office.report.problems = "更正：主动公开的及时性有待提高，已建立提醒机制。"
    office.report.save()
    again = submit_for_publication(office.report, office.handler)
    assert not again.first_time and again.page.pk == page.pk
    approve(client, office.reviewer, again.page)
    page.refresh_from_db()
    assert page.index_number == number
    assert "已建立提醒机制" in client.get(path_of(page)).content.decode()
    assert AnnualReportPage.objects.count() == 1


def test_failing_checks_refuse_publication_naming_the_cell(office):
    # A decided request without its outcome breaks 一 + 二 = 三（七）+ 四.
    InformationRequest.objects.filter(received_on=date(2025, 12, 29)).update(decided_on=date(2025, 12, 30),
                                                                             state="answered")
    with pytest.raises(PublicationRefused, match="校验未通过"):
        submit_for_publication(office.report, office.handler)
    assert not AnnualReportPage.objects.exists()


def test_empty_overview_refuses_publication(office):
    office.report.overview = " "
    office.report.save()
    with pytest.raises(PublicationRefused, match="总体情况"):
        submit_for_publication(office.report, office.handler)


def test_draft_page_submits_and_a_refusal_keeps_what_was_typed(client, office):
    client.login(username="czt_foi", password=PASSWORD)
    url = f"/admin/reports/annual/{office.report.pk}/"
    form = client.get(url).context["form"]
    data = {name: (form.initial.get(name) or form.fields[name].initial or "") for name in form.fields}
    data.update(overview="", problems="新写的问题与改进。", publish="1")
    response = client.post(url, data, follow=True)
    html = response.content.decode()
    assert "已保存草稿，但未提交发布" in html and "总体情况" in html
    office.report.refresh_from_db()
    assert office.report.problems == "新写的问题与改进。"
    assert not AnnualReportPage.objects.exists()

    data.update(overview="2025年总体情况。")
    html = client.post(url, data, follow=True).content.decode()
    assert "已保存并提交保密审查" in html
    assert "等待保密审查员审查" in html
    assert AnnualReportPage.objects.get().workflow_in_progress


def test_inspector_cannot_submit(client, office):
    office.tree.user("sheng_jc", office.tree.province, Role.INSPECTOR)
    client.login(username="sheng_jc", password=PASSWORD)
    html = client.get(f"/admin/reports/annual/{office.report.pk}/").content.decode()
    assert "报送与发布" in html and "提交发布" not in html
    response = client.post(f"/admin/reports/annual/{office.report.pk}/", {"publish": "1"})
    assert response.status_code in (302, 403)
    assert not AnnualReportPage.objects.exists()


def test_draft_downloads_for_the_agency_only(client, office):
    office.tree.user("zrzyt_foi", office.tree.zrzyt, Role.FOI_HANDLER)
    url = f"/admin/reports/annual/{office.report.pk}/download/xlsx/"
    client.login(username="czt_foi", password=PASSWORD)
    response = client.get(url)
    assert response.status_code == 200
    assert "草稿-湖南省财政厅2025年政府信息公开工作年度报告.xlsx" in unquote(response["Content-Disposition"])
    sheet = load_workbook(BytesIO(response.content))["表三 依申请公开"]
    assert 1 in [cell.value for row in sheet.iter_rows() for cell in row]  # the one request decided with r1
    assert client.get(f"/admin/reports/annual/{office.report.pk}/download/exe/").status_code == 404
    client.logout()
    client.login(username="zrzyt_foi", password=PASSWORD)
    assert client.get(url).status_code == 404
