"""Service cases in the admin, through the pages and forms the window clerk, the department clerk and an inspector
would use: what each is offered, what each may do, and what the case page then shows."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhengwu.conftest import PASSWORD
from zhengwu.privacy.models import PersonalDataAccess
from zhengwu.services import actions
from zhengwu.services.models import CaseChannel, CaseState, MaterialRequirement, ServiceCase
from zhengwu.services.tests.conftest import APPLICANT
from zhengwu.supervision.models import Violation
from zhengwu.testing.codes import issued_code

pytestmark = pytest.mark.django_db

LIST = "/admin/services/cases/"
ID_NUMBER = "430121199001011237"  # a valid resident ID (check digit)


def page_url(case):
    return f"{LIST}inspect/{case.pk}/"


def act(client, case, step, **data):
    """Submit one step's form page as the browser would (its fields carry the step's prefix)."""
    return client.post(f"{page_url(case)}act/{step}/", {f"{step}-{k}": v for k, v in data.items()})


def login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)


def page(client, case):
    response = client.get(page_url(case))
    assert response.status_code == 200
    return response.content.decode()


def done(client, response):
    """A step that succeeded redirects to the case page, which shows the success message."""
    assert response.status_code == 302, errors(response.content.decode())
    return client.get(response["Location"]).content.decode()


def errors(html):
    return re.findall(r'<p>([^<]*)</p>', html.split("foi-refusal")[-1])[:3] + re.findall(r'error-message[^>]*>\s*<[^>]*>([^<]+)', html)


def offered(html):
    """The steps the 办理 panel offers, as button labels."""
    panel = html.split('id="bj-actions"')[1].split("</ul>")[0] if 'id="bj-actions"' in html else ""
    return re.findall(r'class="button[^"]*" href="[^"]*">([^<]+)</a>', panel)


def apply(tree, when=None, **extra):
    return actions.receive_application(tree.matter, dict(APPLICANT, id_number=ID_NUMBER), {"shop_name": "星沙小吃店"},
                                       channel=CaseChannel.COUNTER, actor=tree.window, submitted_at=when, **extra)


def test_the_window_registers_a_counter_application_and_routes_it(client, hall):
    MaterialRequirement.objects.create(matter=hall.matter, name="营业执照", required=True)
    login(client, hall.window)
    assert "登记窗口申请" in client.get(LIST).content.decode()
    picker = client.get(f"{LIST}register/").content.decode()
    assert "食品经营许可（43012100SJ-XK-0001）" in picker and "长沙县市场监督管理局" in picker
    form = client.get(f"{LIST}register/", {"matter": hall.matter.pk}).content.decode()
    assert "店铺名称" in form and "营业执照" in form and "承诺办结 10 个工作日" in form

    data = {"matter": hall.matter.pk, "applicant_kind": "person", "name": "张三", "id_number": ID_NUMBER,
            "phone": "1380000", "consent": "on"}
    refused = client.post(f"{LIST}register/", data)
    html = refused.content.decode()
    assert refused.status_code == 400 and "请填写“店铺名称”" in html and "手机号码格式不正确" in html
    assert 'value="张三"' in html and ID_NUMBER in html  # nothing typed is lost
    assert not ServiceCase.objects.exists()

    html = done(client, client.post(f"{LIST}register/", {**data, "phone": "13800000001",
                                                         "form_shop_name": "星沙小吃店"}))
    case = ServiceCase.objects.get()
    assert case.channel == CaseChannel.COUNTER and case.window_agency == hall.changshaxian
    assert f"已登记窗口申请 {case.number}，查询码 " in html and issued_code(html) not in case.tracking_digest
    assert "窗口已收件" in html and "窗口收件" in html and f"{case.step_clock.due_on:%Y-%m-%d}" in html
    assert "张*" in html and "张三" not in html and "星沙小吃店" in html
    assert case.events.get().actor == hall.window

    assert offered(html)[0] == "分送部门"
    form = client.get(f"{page_url(case)}act/route/").content.decode()
    assert "分送说明" in form and case.number in form
    html = done(client, act(client, case, "route", note="材料已初审"))
    assert "已分送至长沙县市场监督管理局" in html and "已分送部门" in html and "材料已初审" in html
    assert "分送部门" not in offered(html)


SCAN = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_materials_scanned_at_the_counter_are_stored_and_downloadable_by_case_workers_only(client, hall):
    licence = MaterialRequirement.objects.create(matter=hall.matter, name="营业执照", required=True)
    login(client, hall.window)
    data = {"matter": hall.matter.pk, "applicant_kind": "person", "name": "张三", "id_number": ID_NUMBER,
            "phone": "13800000001", "consent": "on", "form_shop_name": "星沙小吃店",
            f"material_{licence.pk}": SimpleUploadedFile("营业执照.pdf", SCAN, content_type="application/pdf")}
    html = done(client, client.post(f"{LIST}register/", data))
    material = ServiceCase.objects.get().materials.get()
    assert material.requirement == licence and material.document.private
    url = material.document.url
    assert f'href="{url}"' in html and client.get(url).status_code == 200
    login(client, hall.user("inspector1", hall.province, "inspector"))
    html = page(client, ServiceCase.objects.get())
    assert f'href="{url}"' not in html and "只有办理部门和收件窗口的工作人员可以下载" in html
    assert client.get(url).status_code in (403, 404)


def test_the_department_accepts_runs_a_special_procedure_decides_and_completes(client, hall):
    case = apply(hall)
    actions.route(case, hall.window)
    login(client, hall.clerk)
    html = page(client, case)
    assert offered(html)[:4] == ["受理", "一次性告知补正", "不予受理", "分派"]
    assert "特别程序开始" not in offered(html) and "分送部门" not in offered(html)  # the window's step

    html = done(client, act(client, case, "accept"))
    case.refresh_from_db()
    due = f"{case.clock.due_on:%Y-%m-%d}"
    assert f"已受理，办结期限至 {due}" in html and "已受理（审查中）" in html
    assert re.search(r"办结期限</dt><dd[^>]*>\s*<strong>" + due, html)
    for line in case.clock.explain():
        assert line in html  # the due date explains itself
    assert "承诺办结时限 10 个工作日（法定 20 个工作日）" in html

    form = client.get(f"{page_url(case)}act/start-special/").content.decode()
    assert "现场核查（5 个工作日，不计入办结时限）" in form
    both = act(client, case, "start-special", procedure=hall.inspection.pk, name="专家评审")
    assert both.status_code == 400 and "请不要再填写名称" in both.content.decode()
    html = done(client, act(client, case, "start-special", procedure=hall.inspection.pk))
    assert "已进入特别程序：现场核查，办结时限暂停计算" in html and "特别程序中" in html and "暂停计算" in html
    html = done(client, act(client, case, "end-special", result="现场核查合格"))
    case.refresh_from_db()
    assert f"特别程序已结束，办结期限至 {case.clock.due_on:%Y-%m-%d}" in html and "现场核查合格" in html

    unexplained = act(client, case, "decide", decision="denied", reason=" ")
    html = unexplained.content.decode()
    assert unexplained.status_code == 400 and "不予准予的，应当说明理由" in html
    assert re.search(r'value="denied"[^>]*checked', html)
    html = done(client, act(client, case, "decide", decision="approved", reason="符合条件"))
    case.refresh_from_db()
    assert "已决定（待送达）" in html and f"送达期限至 {case.step_clock.due_on:%Y-%m-%d}" in html

    html = done(client, act(client, case, "note", text="申请人要求邮寄许可证"))
    assert "foi-tag--internal" in html and "申请人要求邮寄许可证" in html
    fee = client.get(f"{page_url(case)}act/fee/").content.decode()
    assert "本事项不收费" in fee
    form = client.get(f"{page_url(case)}act/complete/").content.decode()
    assert "办理结果" in form
    html = done(client, act(client, case, "complete", result_text="食品经营许可证已邮寄送达"))
    assert "已办结" in html and "食品经营许可证已邮寄送达" in html and offered(html) == ["备注"]
    timeline = html.split('id="bj-timeline"')[1]
    assert re.findall(r'<td class="foi-nowrap">([^<]+)</td><td>', timeline) == [
        "窗口收件", "分送部门", "受理", "特别程序开始", "特别程序结束", "作出决定", "内部备注", "办结送达"]


def test_another_agencys_clerk_finds_nothing_and_a_publisher_has_no_menu(client, hall):
    case = apply(hall)
    other = hall.user("czt_clerk", hall.czt, "window_clerk")
    login(client, other)
    listing = client.get(LIST)
    assert listing.status_code == 200 and case.number not in listing.content.decode()
    assert client.get(page_url(case)).status_code == 404
    assert client.get(f"{page_url(case)}act/accept/").status_code == 404
    assert act(client, case, "accept").status_code == 404
    assert client.post(f"{page_url(case)}reveal/", {"reason": "看看"}).status_code == 404
    outside = client.post(f"{LIST}register/", {"matter": hall.matter.pk})
    assert outside.status_code == 400 and "只能登记本窗口受理范围内的在用事项" in outside.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED and not PersonalDataAccess.objects.exists()

    writer = hall.user("writer", hall.changshaxian, "publisher")
    login(client, writer)
    assert client.get(LIST).status_code in (302, 403)
    assert client.get(page_url(case)).status_code in (302, 403, 404)


def test_an_inspector_reads_the_case_but_may_not_act_or_reveal(client, hall):
    MaterialRequirement.objects.create(matter=hall.matter, name="营业执照")
    case = apply(hall)
    inspector = hall.user("inspector1", hall.province, "inspector")
    login(client, inspector)
    assert case.number in client.get(LIST).content.decode()
    html = page(client, case)
    assert "您可以查看本办件，但没有办理权限" in html and offered(html) == []
    assert "显示完整信息" not in html and "<form" not in html.split('id="handling"')[1]
    assert client.get(f"{page_url(case)}act/accept/").status_code == 403
    refused = act(client, case, "accept")
    assert refused.status_code == 403 and "您没有办理该部门办件的权限" in refused.content.decode()
    assert act(client, case, "route").status_code == 403
    assert client.post(f"{page_url(case)}reveal/", {"reason": "看看"}).status_code == 403
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED and case.events.count() == 1
    assert not PersonalDataAccess.objects.exists()
    assert client.get(f"{LIST}register/").status_code in (302, 403)


def test_a_second_correction_notice_is_warned_about_and_shown_as_a_violation(client, hall):
    case = apply(hall)
    login(client, hall.clerk)
    empty = act(client, case, "correction", items=" ")
    assert empty.status_code == 400 and "请逐项列明需要补正的全部材料" in empty.content.decode()
    form = client.get(f"{page_url(case)}act/correction/").content.decode()
    assert "二次补正" not in form
    html = done(client, act(client, case, "correction", items="营业执照复印件"))
    assert "已一次性告知补正，受理时限暂停计算" in html and "待补正" in html and "暂停计算" in html
    assert "没有预警、亮牌或违规记录" in html

    login(client, hall.window)
    assert offered(page(client, case))[0] == "收到补正"
    html = done(client, act(client, case, "corrected", supplied="营业执照复印件已补交"))
    assert "已登记收到补正材料，受理时限重新计算" in html

    login(client, hall.clerk)
    form = client.get(f"{page_url(case)}act/correction/").content.decode()
    assert 'id="bj-form-warning"' in form and "本件已告知补正 1 次" in form and "二次补正" in form
    html = done(client, act(client, case, "correction", items="法定代表人身份证"))
    assert "这是第 2 次告知，已被记为“二次补正”违规" in html
    supervision = html.split('id="bj-supervision"')[1].split("</table>")[0]
    assert "违规：二次补正" in supervision and f"办件 {case.number} 第 2 次告知补正" in supervision
    assert Violation.objects.filter(case_id=case.pk).count() == 1


def test_refusing_without_a_reason_is_explained_and_recorded(client, hall):
    case = apply(hall)
    login(client, hall.clerk)
    form = client.get(f"{page_url(case)}act/refuse/").content.decode()
    assert "不说明理由的，电子监察将记为“不予受理无理由”违规" in form
    html = done(client, act(client, case, "refuse", reason=""))
    assert "未说明理由，电子监察已记为违规" in html and "违规：不予受理无理由" in html and "（未说明）" in html
    late = act(client, case, "accept")
    assert late.status_code == 400 and "办件当前状态为“不予受理”，不能进行此操作" in late.content.decode()


def test_the_full_applicant_data_is_shown_only_with_a_reason_and_logged(client, hall):
    case = apply(hall)
    login(client, hall.clerk)
    html = page(client, case)
    assert "显示完整信息" in html and ID_NUMBER not in html and "13800000001" not in html
    refused = client.post(f"{page_url(case)}reveal/", {"reason": ""})
    assert refused.status_code == 400 and "请填写查看完整个人信息的原因" in refused.content.decode()
    assert not PersonalDataAccess.objects.exists()
    shown = client.post(f"{page_url(case)}reveal/", {"reason": "电话告知补正"}).content.decode()
    assert "张三" in shown and ID_NUMBER in shown and "13800000001" in shown and "本次查看已记录" in shown
    access = PersonalDataAccess.objects.get()
    assert access.user == hall.clerk and access.reason == "电话告知补正" and access.fields == "name,id_number,phone"


def test_the_queue_puts_the_soonest_due_first_and_filters(client, hall):
    tz = ZoneInfo("Asia/Shanghai")
    today = timezone.localdate()
    old = apply(hall, when=datetime.combine(today - timedelta(days=21), datetime.min.time(), tz))
    recent = apply(hall)
    paused = actions.request_correction(apply(hall), hall.clerk, "营业执照")
    done_case = actions.refuse(apply(hall), hall.clerk, "不属于本部门职权")
    login(client, hall.clerk)
    html = client.get(LIST).content.decode()
    order = [html.index(c.number) for c in (old, recent, paused, done_case)]
    assert order == sorted(order)  # overdue first, then by due date, paused, finished last
    assert "已超期" in html and "张*" in html and "张三" not in html
    overdue = client.get(LIST, {"due": "overdue"}).content.decode()
    assert old.number in overdue and recent.number not in overdue
    corrections = client.get(LIST, {"state": "correction"}).content.decode()
    assert paused.number in corrections and old.number not in corrections
    counter = client.get(LIST, {"channel": "online"}).content.decode()
    assert old.number not in counter
