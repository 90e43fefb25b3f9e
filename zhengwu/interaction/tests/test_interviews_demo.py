"""The interview demo reaches every state through the real actions, dated consistently, and loads once."""

import io

import pytest
from django.utils import timezone

from zhengwu.interaction.interviews.demo import load_interview_demo
from zhengwu.interaction.models import Interview, InterviewMessage, Question
from zhengwu.interaction.tests import test_interviews as base
from zhengwu.notifications.models import Notification
from zhengwu.orgs.models import Role

# The shared fixtures (defined in test_interviews.py).
media_root = base.media_root

pytestmark = pytest.mark.django_db


def test_demo_covers_every_state_and_loads_once(client, hunan):
    hunan.user("admin", hunan.province, Role.SYSTEM_ADMIN)
    out = io.StringIO()
    load_interview_demo(out)
    assert out.getvalue().startswith("在线访谈：4 场")
    interviews = Interview.objects.all()
    assert all(i.is_demo and i.is_published and i.approved_by != i.drafted_by for i in interviews)
    assert sorted(interviews.values_list("status", flat=True)) == ["announced", "ended", "ended", "live"]
    now = timezone.now()
    upcoming = interviews.get(status="announced")
    assert upcoming.starts_at > now and upcoming.questions.count() == 4
    assert set(upcoming.questions.values_list("state", flat=True)) == {"selected", "pending", "rejected"}
    live = interviews.get(status="live")
    assert live.went_live_at < now < live.ends_at and live.messages.exclude(image=None).exists()
    assert live.questions.filter(state="pending").count() == 2
    for past in interviews.filter(status="ended"):
        assert past.published_transcript and past.ended_at < now and past.transcript.published_at < now
        times = list(past.messages.order_by("pk").values_list("posted_at", flat=True))
        assert times == sorted(times) and past.starts_at <= times[0]
    assert all(q.submitted_at < now for q in Question.objects.all())
    assert not Notification.objects.filter(channel__in=["sms", "email"]).exists()  # invented people get nothing
    for url in ("/hdjl/zxft/", "/hdjl/zxft/?status=ended", *(f"/hdjl/zxft/{i.pk}/" for i in interviews),
                f"/hdjl/zxft/{live.pk}/live-refresh/", *(f"/hdjl/zxft/{i.pk}/transcript/" for i in
                                                         interviews.filter(status="ended")),
                "/api/v1/interviews", f"/api/v1/interviews/{live.pk}/messages?after=0"):
        assert client.get(url).status_code == 200, url
    count = InterviewMessage.objects.count()
    load_interview_demo(out)
    assert "已存在，跳过" in out.getvalue() and Interview.objects.count() == 4
    assert InterviewMessage.objects.count() == count
