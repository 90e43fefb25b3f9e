"""The demo reaches every state through the real actions, dated back consistently, and loads once."""

import io

import pytest
from django.utils import timezone

from zhengwu.consultation.demo import load_consultation_demo
from zhengwu.consultation.models import Comment, Consultation, DecisionItem, Hearing, Publication
from zhengwu.notifications.models import Notification
from zhengwu.orgs.models import Role

pytestmark = pytest.mark.django_db


def test_demo_covers_every_state_and_loads_once(client, hunan):
    for username, agency, role in (("admin", hunan.province, Role.SYSTEM_ADMIN), ("czt_editor", hunan.czt, Role.PUBLISHER),
                                   ("czt_admin", hunan.czt, Role.AGENCY_ADMIN),
                                   ("zrzyt_editor", hunan.zrzyt, Role.PUBLISHER),
                                   ("csx_editor", hunan.changshaxian, Role.PUBLISHER)):
        hunan.user(username, agency, role)
    out = io.StringIO()
    load_consultation_demo(out)
    assert out.getvalue().startswith("决策公开：征求意见 6 件")
    today = timezone.localdate()
    consultations = Consultation.objects.all()
    assert all(c.publication == Publication.PUBLISHED and c.approved_by != c.drafted_by for c in consultations)
    assert sum(c.phase(today) == "open" for c in consultations) == 3
    assert consultations.filter(feedback__publication=Publication.PUBLISHED).count() == 2
    assert set(Comment.objects.values_list("state", flat=True)) == {"approved", "rejected", "pending"}
    assert all(c.submitted_at.date() <= today for c in Comment.objects.all())
    assert DecisionItem.objects.filter(publication=Publication.PUBLISHED).count() == 9
    held = Hearing.objects.get(report__publication=Publication.PUBLISHED)
    assert held.participants_announced_at and held.held_at < timezone.now()
    assert Hearing.objects.filter(registration_closes_at__gt=timezone.now()).count() == 1
    assert not Notification.objects.filter(channel__in=["sms", "email"]).exists()  # invented people get nothing
    for url in ("/yjzj/", "/yjzj/consultations/", "/yjzj/consultations/?status=closed", "/yjzj/decisions/",
                "/yjzj/hearings/", f"/yjzj/hearings/{held.pk}/",
                *(f"/yjzj/consultations/{c.pk}/" for c in consultations)):
        assert client.get(url).status_code == 200, url
    load_consultation_demo(out)
    assert "已存在，跳过" in out.getvalue() and Consultation.objects.count() == 6
