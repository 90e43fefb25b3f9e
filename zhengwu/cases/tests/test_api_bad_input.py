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
