"""亮牌规则 in the admin: supervisors read them (with the defaults shown when none is set); only a provincial
system administrator changes them, and a change decides what the next sweep issues."""

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengwu.orgs.models import Role
from zhengwu.services.tests import conftest as services_conftest
from zhengwu.supervision.models import Card, CardLevel, ThresholdRule
from zhengwu.supervision.sweep import run_sweep

from .test_dashboard import received

pytestmark = pytest.mark.django_db
hall = services_conftest.hall  # the fixture


@pytest.fixture
def people(hall):
    hall.admin = hall.user("sheng_admin", hall.province, Role.SYSTEM_ADMIN)
    hall.inspector = hall.user("sheng_inspector", hall.province, Role.INSPECTOR)
    hall.county_admin = hall.user("csx_admin", hall.changshaxian, Role.SYSTEM_ADMIN)
    return hall


def rule_data(**values):
    return {"case_type": "services.case", "matter_type": "", "warn_days": 5, "yellow_days": 2, "red_days": 0,
            **values}


def test_a_rule_set_by_the_system_admin_decides_the_next_sweep(client, people):
    case = received(people, 0)  # 5 working days left: 预警 under the default rule
    client.force_login(people.admin)
    page = client.get(reverse("supervision_rules")).content.decode()
    assert "默认（系统默认值）" in page and "预警 剩余 ≤ 5" in page and "超过期限即亮" in page
    form = client.get(reverse("supervision_rule_add"), {"case_type": "services.case"}).content.decode()
    assert "行政许可" in form  # the service case's matter types are offered
    response = client.post(reverse("supervision_rule_add") + "?case_type=services.case",
                           rule_data(matter_type="XK", warn_days=1, yellow_days=0, red_days=3))
    assert response.status_code == 302, response.content.decode()
    rule = ThresholdRule.objects.get()
    assert (rule.case_type, rule.matter_type, rule.warn_days, rule.red_days) == ("services.case", "XK", 1, 3)
    run_sweep(today=timezone.localdate(), notify=False)
    assert not Card.objects.filter(case_id=case.pk).exists()  # 5 left is no longer a warning for 许可

    response = client.post(reverse("supervision_rule_edit", args=[rule.pk]),
                           rule_data(matter_type="XK", warn_days=6, yellow_days=2, red_days=0))
    assert response.status_code == 302
    run_sweep(today=timezone.localdate(), notify=False)
    assert list(Card.objects.filter(case_id=case.pk).values_list("level", flat=True)) == [CardLevel.WARNING]
    assert "行政许可" in client.get(reverse("supervision_rules")).content.decode()

    assert client.post(reverse("supervision_rule_delete", args=[rule.pk])).status_code == 302
    assert not ThresholdRule.objects.exists()


def test_inspectors_read_but_cannot_change_rules(client, people):
    rule = ThresholdRule.objects.create(case_type="services.case", matter_type="", warn_days=4, yellow_days=1)
    for user in (people.inspector, people.county_admin):  # a county's system admin cannot change province rules
        client.force_login(user)
        page = client.get(reverse("supervision_rules"))
        assert page.status_code == 200 and "只有省级系统管理员可以修改" in page.content.decode()
        assert reverse("supervision_rule_edit", args=[rule.pk]) not in page.content.decode()
        assert client.get(reverse("supervision_rule_add"), {"case_type": "services.case"}).status_code == 403
        refused = client.post(reverse("supervision_rule_edit", args=[rule.pk]), rule_data(warn_days=9))
        assert refused.status_code == 403
        assert client.post(reverse("supervision_rule_delete", args=[rule.pk])).status_code == 403
    rule.refresh_from_db()
    assert rule.warn_days == 4
    client.force_login(people.clerk)
    assert client.get(reverse("supervision_rules")).status_code == 404


def test_rule_form_checks_in_chinese(client, people):
    client.force_login(people.admin)
    add = reverse("supervision_rule_add") + "?case_type=services.case"
    first_step = client.get(reverse("supervision_rule_add")).content.decode()
    assert "第一步：选择案件类型" in first_step
    backwards = client.post(add, rule_data(warn_days=1, yellow_days=3))
    assert backwards.status_code == 400 and "预警天数应不少于黄牌天数" in backwards.content.decode()
    assert "value=\"3\"" in backwards.content.decode()  # what was typed is kept
    assert "请选择列出的事项类型" in client.post(add, rule_data(matter_type="ZZ")).content.decode()
    assert "天数不能为负数" in client.post(add, rule_data(red_days=-1)).content.decode()
    assert client.post(add, rule_data()).status_code == 302
    again = client.post(add, rule_data())
    assert again.status_code == 400 and "已有规则" in again.content.decode()
    foi = client.post(reverse("supervision_rule_add") + "?case_type=foi.request",
                      rule_data(case_type="foi.request", matter_type="XK"))
    assert foi.status_code == 400  # information requests have no matter types: only the default rule
    assert ThresholdRule.objects.count() == 1
