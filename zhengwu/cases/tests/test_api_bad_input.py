"""Issue 21, finding 5: ordinary bad input to the public API answered 500. Numbers the database cannot hold,
years out of range and bodies over Django's in-memory limit are the client's mistake: 4xx with a Chinese detail."""

import pytest

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("url", [
    "/api/v1/mailbox?year=10000", f"/api/v1/mailbox?page={HUGE}", f"/api/v1/divisions?limit={HUGE}",
    f"/api/v1/divisions?offset={HUGE}", f"/api/v1/interviews?agency={HUGE}", f"/api/v1/agencies?parent={HUGE}",
    f"/api/v1/agencies?limit={HUGE}", f"/api/v1/decisions?year=10000&agency={HUGE}", f"/api/v1/hearings?agency={HUGE}",
    f"/api/v1/surveys?agency={HUGE}&page={HUGE}", f"/api/v1/consultations?agency={HUGE}",
    f"/api/v1/services/matters?agency={HUGE}&region={HUGE}", f"/api/v1/powers?agency={HUGE}",
    f"/api/v1/powers/decisions?agency={HUGE}&offset={HUGE}", f"/api/v1/agencies/{HUGE}",
])
def test_out_of_range_numbers_are_a_client_error(client, hunan, url):
    response = client.get(url)
    assert 200 <= response.status_code < 500, (url, response.status_code)
    if response.status_code >= 400:
        assert response.json()["detail"]


def test_a_body_another_site_could_send_is_refused(client, hunan):
    """Issue 21: public POST endpoints accepted text/plain bodies, which any page can make a browser send."""
    from zhengwu.foi.models import InformationRequest

    body = '{"agency": "湖南省财政厅", "name": "张三"}'
    for content_type in ("text/plain", "application/x-www-form-urlencoded"):
        response = client.post("/api/v1/foi/requests", body, content_type=content_type)
        assert response.status_code == 415 and "JSON" in response.json()["detail"]
    assert not InformationRequest.objects.exists()


def test_a_citizen_account_is_refused_by_the_staff_api(client, hunan):
    """Issue 21: staff endpoints answered a citizen account with 200 and empty results."""
    from django.contrib.auth import get_user_model

    citizen = get_user_model().objects.create_user("citizen13800000000", password="Citizen-pass-2026")
    client.force_login(citizen)
    for url in ("/api/v1/foi/queue", "/api/v1/services/queue"):
        response = client.get(url)
        assert response.status_code == 403 and "仅供工作人员" in response.json()["detail"], url
