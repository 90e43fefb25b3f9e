"""The 差评 rectification desk: the department sees its open rectifications soonest due first, with the rating and
its clock, and closes them (outcome told to the rater, callback recorded); others see nothing or only read."""

import re

import pytest

from zhengwu.conftest import PASSWORD
from zhengwu.services import actions
from zhengwu.services.models import Rectification
from zhengwu.services.tests.conftest import APPLICANT

pytestmark = pytest.mark.django_db

LIST = "/admin/services/rectifications/"


def login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)


def bad_rating(tree, comment, **extra):
    case = actions.receive_application(tree.matter, dict(APPLICANT), {"shop_name": "星沙小吃店"})
    case = actions.complete(actions.decide(actions.accept(case, tree.clerk), tree.clerk, "approved"), tree.clerk,
                            "许可证已送达")
    return case, actions.rate(case=case, level=2, comment=comment, **extra)


def test_the_department_closes_a_bad_rating_with_its_callback(client, hall):
    case, rating = bad_rating(hall, "窗口让我跑了两次")
    _, anonymous = bad_rating(hall, "等了很久", real_name=False)
    first, second = rating.rectification, anonymous.rectification
    actions.close_rectification(second, hall.clerk, outcome="explained", outcome_text="已说明", callback_note="")
    login(client, hall.clerk)
    html = client.get(LIST).content.decode()
    assert "食品经营许可" in html and "不满意" in html and "窗口让我跑了两次" in html and case.number in html
    assert "剩 15 个工作日" in html and "整改中" in html
    assert html.index("窗口让我跑了两次") < html.index("等了很久")  # open before closed

    url = f"{LIST}inspect/{first.pk}/"
    html = client.get(url).content.decode()
    assert f'href="/admin/services/cases/inspect/{case.pk}/"' in html and "实名" in html
    for line in first.clock.explain():
        assert line in html
    refused = client.post(f"{url}close/", {"outcome": "rectified", "outcome_text": "已实行一次性告知",
                                           "callback_note": ""})
    html = refused.content.decode()
    assert refused.status_code == 400 and "实名差评须回访" in html and "已实行一次性告知" in html
    assert re.search(r'value="rectified"[^>]*checked', html)
    response = client.post(f"{url}close/", {"outcome": "rectified", "outcome_text": "已实行一次性告知",
                                            "callback_note": "电话回访，申请人表示认可"})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "差评整改已办结" in html and "已整改" in html and "电话回访，申请人表示认可" in html
    first.refresh_from_db()
    assert first.state == Rectification.State.CLOSED and first.handled_by == hall.clerk
    case_page = client.get(f"/admin/services/cases/inspect/{case.pk}/").content.decode()
    assert "好差评" in case_page and f'href="{url}"' in case_page


def test_other_agencies_see_nothing_and_inspectors_only_read(client, hall):
    _, rating = bad_rating(hall, "态度不好")
    url = f"{LIST}inspect/{rating.rectification.pk}/"
    login(client, hall.user("czt_clerk", hall.czt, "window_clerk"))
    assert "态度不好" not in client.get(LIST).content.decode()
    assert client.get(url).status_code == 404
    assert client.post(f"{url}close/", {"outcome": "mistaken", "outcome_text": "误评"}).status_code == 404
    login(client, hall.user("inspector1", hall.province, "inspector"))
    assert "态度不好" in client.get(LIST).content.decode()
    html = client.get(url).content.decode()
    assert "您可以查看本差评整改，但没有办理权限" in html and "整改办结</button>" not in html
    refused = client.post(f"{url}close/", {"outcome": "mistaken", "outcome_text": "误评", "callback_note": "x"})
    assert refused.status_code == 403 and "没有办理该部门差评整改的权限" in refused.content.decode()
    rating.rectification.refresh_from_db()
    assert rating.rectification.state == Rectification.State.OPEN
