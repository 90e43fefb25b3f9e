"""The citizen's side of a service case, through the web pages and without JavaScript: apply with a material,
the receipt, the lookup, withdrawal, the rating and its rectification; and the public 好差评 figures."""

import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfWriter

from zhengwu.services import actions
from zhengwu.services.cases import rating_stats
from zhengwu.services.models import (
    CaseMaterial,
    CaseState,
    MaterialRequirement,
    Rating,
    Rectification,
    ServiceCase,
)
from zhengwu.services.tests.conftest import APPLICANT
from zhengwu.testing.codes import issued_code

pytestmark = pytest.mark.django_db

ID_NUMBER = "430121199001011237"  # a valid 身份证 number (the fixture's APPLICANT one fails the check digit)


def pdf(name="营业执照.pdf"):
    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.write(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")


@pytest.fixture
def licence(hall):
    hall.licence = MaterialRequirement.objects.create(matter=hall.matter, name="营业执照", required=True)
    return hall


def form(tree, **changes):
    data = {"applicant_kind": "person", "name": "张三", "id_number": ID_NUMBER,
            "phone": APPLICANT["phone"], "form_shop_name": "星沙小吃店", "consent": "on",
            f"material_{tree.licence.pk}": pdf()}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def apply_url(tree):
    return reverse("services-apply", args=[tree.matter.code])


def filed(tree, **extra):
    return actions.receive_application(tree.matter, dict(APPLICANT), {"shop_name": "星沙小吃店"}, **extra)


def completed(tree):
    issued = filed(tree)
    case = actions.accept(issued, tree.clerk)
    case = actions.complete(actions.decide(case, tree.clerk, "approved"), tree.clerk, "食品经营许可证已送达")
    case.tracking_code = issued.tracking_code  # the clear code lives only on the object that issued it
    return case


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_apply_with_a_material_reaches_the_receipt(client, licence):
    page = text(client.get(apply_url(licence)))
    assert "店铺名称" in page and "营业执照" in page and 'enctype="multipart/form-data"' in page
    response = client.post(apply_url(licence), form(licence))
    assert response.status_code == 302 and response.url == reverse("services-applied")
    case = ServiceCase.objects.get()
    assert case.form_data == {"shop_name": "星沙小吃店"} and case.name == "张三" and case.applicant_user is None
    material = CaseMaterial.objects.get(case=case)
    assert material.requirement == licence.licence and material.document.private
    receipt = client.get(response.url)
    html = text(receipt)
    assert case.number in html and issued_code(html) and "请立即抄写或截图保存" in html
    assert f"{case.step_clock.due_on:%Y-%m-%d}" in html and "张*" in html and "13800000001" not in html
    assert "no-store" in receipt["Cache-Control"]


def test_an_error_keeps_every_value_and_asks_for_the_files_again(client, licence):
    response = client.post(apply_url(licence), form(licence, id_number="430121199001011235", phone="12345"))
    html = text(response)
    assert response.status_code == 400 and not ServiceCase.objects.exists()
    assert "身份证号码校验位不正确" in html and "手机号码格式不正确" in html
    assert 'value="张三"' in html and 'value="星沙小吃店"' in html and 'value="430121199001011235"' in html
    assert "请重新选择需要上传的材料" in html and "您上次选择的文件没有保存" in html
    # each message is tied to its field
    assert re.search(r'id="id_id_number"[^>]*aria-describedby="id_id_number_helptext id_id_number_error"', html) or \
        re.search(r'aria-describedby="id_id_number_helptext id_id_number_error"[^>]*id="id_id_number"', html)
    assert 'id="id_id_number_error"' in html and 'aria-invalid="true"' in html


def test_a_company_gives_its_credit_code_and_a_missing_material_is_named(client, licence):
    person_only = text(client.post(apply_url(licence), form(licence, applicant_kind="company")))
    assert "本事项不受理该类申请人" in person_only and 'value="company"' not in person_only
    licence.matter.audience = "both"
    licence.matter.save()
    response = client.post(apply_url(licence), form(licence, applicant_kind="company", name="星沙餐饮有限公司",
                                                    id_number="91430121000042420D",
                                                    **{f"material_{licence.licence.pk}": None}))
    html = text(response)
    assert "统一社会信用代码校验位错误" in html
    assert "请上传“营业执照”" in html and "本事项不受理该类申请人" not in html
    good = form(licence, applicant_kind="company", name="星沙餐饮有限公司", id_number="9143012100004242XD")
    assert client.post(apply_url(licence), good).status_code == 302
    assert ServiceCase.objects.get().masked_name == "星沙餐饮有限公司"


def test_wrong_file_type_is_refused_with_the_files_app_message(client, licence):
    fake = SimpleUploadedFile("营业执照.pdf", b"MZ\x90\x00 not a pdf at all \x00\x01\x02", content_type="application/pdf")
    html = text(client.post(apply_url(licence), form(licence, **{f"material_{licence.licence.pk}": fake})))
    assert "文件内容与扩展名不符" in html and not ServiceCase.objects.exists()


def test_a_matter_not_online_sends_to_the_window_and_an_inactive_one_is_gone(client, hall):
    hall.matter.online_depth = 2
    hall.matter.save()
    assert "请携带办事指南所列申请材料，到办理地点的窗口申请" in text(client.get(apply_url(hall)))
    hall.matter.is_active = False
    hall.matter.save()
    assert client.get(apply_url(hall)).status_code == 404


def test_a_signed_in_portal_user_owns_the_application(client, licence):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("citizen1", password="x-Pass-2026", first_name="张三")
    client.force_login(user)
    assert client.post(apply_url(licence), form(licence)).status_code == 302
    assert ServiceCase.objects.get().applicant_user == user


@override_settings(SERVICES_APPLICATIONS_PER_HOUR=1, SERVICES_APPLICATIONS_HARD_LIMIT_PER_HOUR=2)
def test_applications_are_throttled_like_the_foi_form(client, licence):
    assert client.post(apply_url(licence), form(licence)).status_code == 302
    assert "安全验证" in text(client.get(apply_url(licence)))
    assert client.post(apply_url(licence), form(licence)).status_code == 400  # the question was not answered
    refused = client.post(apply_url(licence), form(licence))
    assert refused.status_code == 429 and "提交过于频繁" in text(refused)
    assert ServiceCase.objects.count() == 1


def test_a_wrong_number_or_code_gets_one_generic_message(client, hall):
    case = filed(hall)
    for number, code in ((case.number, "AAAAAAAA"), ("BJ2026-99999-000001", case.tracking_code)):
        response = client.post(reverse("services-track"), {"number": number, "code": code})
        html = text(response)
        assert response.status_code == 400 and "未找到该办件，或查询码不正确。" in html
        assert "办理过程" not in html and "星沙" not in html


@override_settings(LOOKUP_FAILURES_PER_HOUR=2, LOOKUP_FAILURES_HARD_LIMIT_PER_HOUR=3)
def test_guessing_codes_brings_the_question_and_then_the_refusal(client, hall):
    case = filed(hall)
    client.post(reverse("services-track"), {"number": case.number, "code": "AAAAAAAA"})
    asked = text(client.post(reverse("services-track"), {"number": case.number, "code": "BBBBBBBB"}))
    assert "安全验证" in asked
    unanswered = text(client.post(reverse("services-track"), {"number": case.number, "code": case.tracking_code}))
    assert "请回答验证问题" in unanswered and "办理过程" not in unanswered
    client.post(reverse("services-withdraw"), {"number": case.number, "code": "CCCCCCCC"})  # guesses count here too
    refused = client.post(reverse("services-track"), {"number": case.number, "code": case.tracking_code})
    assert refused.status_code == 429 and "查询失败次数过多" in text(refused)


def test_the_case_page_shows_state_clocks_timeline_and_masked_data(client, hall):
    issued = filed(hall)
    case = actions.accept(issued, hall.clerk, on=date.today())
    case.tracking_code = issued.tracking_code
    html = text(client.post(reverse("services-track"), {"number": case.number, "code": case.tracking_code.lower()}))
    assert "已受理（审查中）" in html and "食品经营许可" in html and "长沙县市场监督管理局" in html
    assert "办结时限" in html and f"{case.clock.due_on:%Y-%m-%d}" in html and "受理时限" in html
    assert "网上申请" in html and "张*" in html and "138****0001" in html and "13800000001" not in html
    assert "撤回申请" in html and "评价本次服务" not in html


def test_withdraw_asks_to_confirm_then_withdraws(client, hall):
    case = filed(hall)
    confirm = text(client.post(reverse("services-withdraw"), {"number": case.number, "code": case.tracking_code}))
    assert "确认撤回" in confirm and 'name="confirm"' in confirm
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED
    done = client.post(reverse("services-withdraw"), {"number": case.number, "code": case.tracking_code,
                                                      "confirm": "1", "reason": "材料准备不全"})
    assert done.status_code == 302
    page = text(client.get(done.url))
    assert "已撤回申请" in page and "申请人撤回申请。材料准备不全" in page
    case.refresh_from_db()
    assert case.state == CaseState.WITHDRAWN
    again = client.post(reverse("services-withdraw"), {"number": case.number, "code": case.tracking_code})
    assert again.status_code == 400 and "不能撤回" in text(again)


def test_withdraw_needs_the_right_code(client, hall):
    case = filed(hall)
    response = client.post(reverse("services-withdraw"), {"number": case.number, "code": "WRONG123", "confirm": "1"})
    assert "未找到该办件，或查询码不正确。" in text(response)
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED


def rating_post(case, **changes):
    data = {"number": case.number, "code": case.tracking_code, "level": "5", "dim_overall": "5",
            "dim_efficiency": "4", "dim_guide": "", "dim_convenience": "", "dim_platform": "", "comment": "",
            "real_name": "on"}
    data.update(changes)
    return data


def test_a_completed_case_offers_the_rating_form_and_a_bad_rating_needs_a_reason(client, hall):
    case = completed(hall)
    page = text(client.post(reverse("services-track"), {"number": case.number, "code": case.tracking_code}))
    assert "评价本次服务" in page and "非常不满意" in page and "办事指南精确度" in page and "平台操作性" in page
    assert "<legend>总体评价" in page
    refused = client.post(reverse("services-rate"), rating_post(case, level="2"))
    html = text(refused)
    assert refused.status_code == 400 and "差评请说明不满意的原因，以便整改。" in html
    assert not Rating.objects.exists()
    assert re.search(r'value="2"[^>]*checked', html)  # the chosen level is kept


def test_a_bad_rating_shows_its_rectification_to_the_rater(client, hall):
    case = completed(hall)
    done = client.post(reverse("services-rate"), rating_post(case, level="1", comment="让我跑了两次"))
    assert done.status_code == 302
    rating = Rating.objects.get()
    assert rating.dimensions == {"整体满意度": 5, "办事效率": 4} and rating.real_name
    page = text(client.get(done.url))
    assert "感谢您的评价" in page and "非常不满意" in page and "差评整改" in page and "整改中" in page
    rectification = Rectification.objects.get(rating=rating)
    assert f"{rectification.clock.due_on:%Y-%m-%d}" in page
    actions.close_rectification(rectification, hall.clerk, outcome="rectified", outcome_text="窗口已实行一次性告知",
                                callback_note="电话回访，申请人认可")
    later = text(client.post(reverse("services-track"), {"number": case.number, "code": case.tracking_code}))
    assert "已办结" in later and "已整改" in later and "窗口已实行一次性告知" in later
    assert "电话回访，申请人认可" not in later  # the call record is the department's
    assert "评价本次服务" not in later
    twice = client.post(reverse("services-rate"), rating_post(case))
    assert "只能评价一次" in text(twice) and Rating.objects.count() == 1


def rated(tree, level, comment="", real_name=True, close=False, callback="电话回访"):
    rating = actions.rate(case=completed(tree), level=level, comment=comment, real_name=real_name)
    if close:
        actions.close_rectification(rating.rectification, tree.clerk, outcome="rectified", outcome_text="已整改",
                                    callback_note=callback)
    return rating


def test_statistics_count_levels_rates_and_rectifications(client, hall):
    for level in (5, 5, 4, 3):
        rated(hall, level)
    rated(hall, 2, "太慢", close=True)
    rated(hall, 1, "态度差")
    rated(hall, 1, "匿名差评", real_name=False, close=True, callback="")
    other = actions.rate(matter=hall.matter, level=5, channel="onsite")  # a visit to the window, no case
    assert other.case is None
    [row] = rating_stats.by_agency()
    assert row.name == "长沙县市场监督管理局" and row.total == 8
    assert [level["count"] for level in row.levels] == [3, 1, 1, 1, 2]
    assert row.good_percent == "62.5%" and row.bad == 3
    assert row.rectified_percent == "66.7%"  # two of three 差评 closed
    assert row.followed_percent == "50.0%"  # one of two real-name 差评 closed with a call
    page = text(client.get(reverse("services-ratings")))
    assert "<caption" in page and "长沙县市场监督管理局" in page and "62.5%" in page and "66.7%" in page
    matters = text(client.get(reverse("services-ratings-agency", args=[hall.scj.pk])))
    assert "食品经营许可" in matters and "62.5%" in matters


def test_statistics_filter_by_period_and_region(client, hall):
    rating = rated(hall, 5)
    Rating.objects.filter(pk=rating.pk).update(rated_on=date(2024, 3, 5))
    rated(hall, 1, "太慢")
    this_year = rating_stats.Period.from_params({"year": str(date.today().year)})
    assert rating_stats.total(period=this_year).total == 1
    march = rating_stats.Period.from_params({"year": "2024", "month": "3"})
    assert rating_stats.total(period=march).total == 1 and march.label == "2024年3月"
    assert rating_stats.total(region=hall.changshaxian).total == 2
    assert rating_stats.total(region=hall.czt).total == 0 and not rating_stats.by_agency(region=hall.czt)
    page = text(client.get(reverse("services-ratings"), {"year": "2024", "month": "3", "region": hall.changsha.pk}))
    assert "2024年3月" in page and "100.0%" in page


def test_statistics_are_aggregated_in_the_database(hall, django_assert_max_num_queries):
    for level in (5, 4, 2):
        rated(hall, level, "差" if level == 2 else "")
    with django_assert_max_num_queries(2):
        rows = rating_stats.by_agency()
    assert rows[0].total == 3


def test_a_material_the_guide_exempts_is_not_demanded_online(client, licence):
    """The guide says 营业执照 is 免于提交 (shared electronically): the form follows the guide."""
    MaterialRequirement.objects.filter(pk=licence.licence.pk).update(exemption="可通过电子营业执照共享获取")
    guide = text(client.get(reverse("services-matter", args=[licence.matter.code])))
    assert "免于提交（可通过电子营业执照共享获取）" in guide
    page = text(client.get(apply_url(licence)))
    assert "免于提交：可通过电子营业执照共享获取，无需上传" in page
    response = client.post(apply_url(licence), form(licence, **{f"material_{licence.licence.pk}": None}))
    assert response.status_code == 302, text(response)[:3000]
    assert ServiceCase.objects.count() == 1
    # A material without an exemption is still demanded.
    MaterialRequirement.objects.filter(pk=licence.licence.pk).update(exemption="")
    again = client.post(apply_url(licence), form(licence, phone="13800000002", **{f"material_{licence.licence.pk}": None}))
    assert again.status_code == 400 and "请上传“营业执照”" in text(again)
