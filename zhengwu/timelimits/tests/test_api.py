import pytest

pytestmark = pytest.mark.django_db


def test_due(client):
    response = client.get("/api/v1/calendar/due", {"start": "2025-09-28", "workdays": "20"})
    assert response.status_code == 200
    assert response.json() == {
        "start": "2025-09-28",
        "workdays": 20,
        "due": "2025-10-31",
        "provisional": False,
        "explanation": (
            "自 2025-09-28 起算 20 个工作日（起算日不计入），跳过 2025-10-01…2025-10-08（国庆节、中秋节），"
            "计入调休上班日 2025-10-11，到期日 2025-10-31"
        ),
        "skipped": [{"from": "2025-10-01", "to": "2025-10-08", "names": ["国庆节", "中秋节"]}],
        "makeup_days": ["2025-10-11"],
    }


def test_due_into_a_year_without_data_is_provisional(client):
    data = client.get("/api/v1/calendar/due", {"start": "2026-12-20", "workdays": "20"}).json()
    assert (data["due"], data["provisional"]) == ("2027-01-18", True)
    assert "2027 年无官方节假日安排" in data["explanation"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"start": "2025-13-01", "workdays": "20"}, "起算日“2025-13-01”无效"),
        ({"start": "2025-09-28", "workdays": "0"}, "超出范围"),
        ({"start": "2025-09-28", "workdays": "3651"}, "超出范围"),
        ({"start": "2025-09-28", "workdays": "abc"}, "无效"),
        ({"workdays": "20"}, "缺少起算日"),
        ({"start": "2025-09-28"}, "缺少工作日数"),
    ],
)
def test_due_bad_input(client, params, message):
    response = client.get("/api/v1/calendar/due", params)
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_day(client):
    assert client.get("/api/v1/calendar/days/2025-10-11").json() == {
        "date": "2025-10-11",
        "workday": True,
        "reason": "调休上班日（国庆节、中秋节）",
        "provisional": False,
    }
    assert client.get("/api/v1/calendar/days/2025-10-01").json()["reason"] == "国庆节（法定节假日）"
    data = client.get("/api/v1/calendar/days/2027-01-02").json()
    assert (data["workday"], data["reason"], data["provisional"]) == (False, "周六", True)


def test_day_bad_input(client):
    response = client.get("/api/v1/calendar/days/2025-02-30")
    assert response.status_code == 422
    assert "无效" in response.json()["detail"]


def test_openapi_documents_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/calendar/due" in paths
    assert "/api/v1/calendar/days/{day}" in paths
