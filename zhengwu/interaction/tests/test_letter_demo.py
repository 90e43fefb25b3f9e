"""The mailbox demo: five mailboxes, letters in every state through the real actions, loaded once."""

import io

import pytest

from zhengwu.interaction.letters.demo import load_letter_demo
from zhengwu.interaction.models import Letter, LetterState, Mailbox
from zhengwu.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_state_groups_and_published_letters_and_loads_once(client, hunan):
    out = io.StringIO()
    made = load_letter_demo(out, count=60)
    assert made == 62 and "个信箱" in out.getvalue()
    assert Mailbox.objects.count() == 5
    states = set(Letter.objects.values_list("state", flat=True))
    assert {LetterState.REPLIED, LetterState.RECEIVED} <= states and len(states) >= 4
    assert Letter.objects.filter(published=True).exists() and Letter.objects.filter(group__isnull=False).exists()
    replied = Letter.objects.filter(state=LetterState.REPLIED)
    assert all(letter.approved_by_id != letter.drafted_by_id for letter in replied)
    assert not Notification.objects.filter(channel__in=["sms", "email"]).exists()  # invented writers get nothing
    assert load_letter_demo(io.StringIO()) == 0 and Letter.objects.count() == 62
    published = Letter.objects.filter(published=True).first()
    for url in ("/hdjl/", "/hdjl/xx/", "/hdjl/xx/szxx/", "/hdjl/xx/cssz/stats/", f"/hdjl/xx/letters/{published.number}/",
                "/api/v1/mailbox"):
        assert client.get(url).status_code == 200, url
