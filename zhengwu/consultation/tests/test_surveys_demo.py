"""The demo surveys: one open with interim figures, two closed with results, ~50–200 generated responses each
(one per number), open answers moderated, everything is_demo; loaded once, and the pages show it."""

import io

import pytest
from django.utils import timezone

from zhengwu.consultation.models import Answer, Publication, Survey, SurveyResponse
from zhengwu.consultation.surveys.demo import load_survey_demo
from zhengwu.notifications.models import Notification
from zhengwu.orgs.models import Role

pytestmark = pytest.mark.django_db


def test_demo_surveys_load_once(client, hunan):
    for username, agency, role in (("admin", hunan.province, Role.SYSTEM_ADMIN),
                                   ("csx_editor", hunan.changshaxian, Role.PUBLISHER)):
        hunan.user(username, agency, role)
    out = io.StringIO()
    load_survey_demo(out)
    assert out.getvalue().startswith("征集调查：3 项")
    today = timezone.localdate()
    surveys = list(Survey.objects.order_by("pk"))
    assert len(surveys) == 3 and all(s.is_demo and s.publication == Publication.PUBLISHED for s in surveys)
    assert all(s.approved_by_id != s.drafted_by_id for s in surveys)
    assert [s.phase(today) for s in surveys] == ["open", "closed", "closed"]
    assert all(s.results_visible(today) for s in surveys)
    for survey in surveys[1:]:
        count = survey.responses.count()
        assert 50 <= count <= 200 and count == survey.responses.values("phone_index").distinct().count()
        assert all(survey.opens_on <= r.submitted_at.date() <= survey.closes_on for r in survey.responses.all())
    assert not SurveyResponse.objects.filter(is_demo=False).exists()
    assert set(Answer.objects.filter(question__kind="text").values_list("state", flat=True)) >= {"approved",
                                                                                                 "pending"}
    assert any("加微信" in answer.text for answer in Answer.objects.filter(state="rejected"))  # text encrypted
    assert not Notification.objects.filter(channel__in=["sms", "email"]).exists()
    for url in ("/yjzj/", "/yjzj/surveys/", "/yjzj/surveys/?status=closed",
                *(f"/yjzj/surveys/{s.pk}/" for s in surveys)):
        assert client.get(url).status_code == 200, url
    html = client.get(f"/yjzj/surveys/{surveys[1].pk}/").content.decode()
    assert "长沙市城市公共交通出行意见调查" in html and 'id="results"' in html and "加微信" not in html
    load_survey_demo(out)
    assert "征集调查演示数据已存在，跳过" in out.getvalue() and Survey.objects.count() == 3
