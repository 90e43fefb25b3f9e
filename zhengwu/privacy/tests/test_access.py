import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse

from zhengwu.privacy.access import reveal
from zhengwu.privacy.models import PersonalDataAccess

from .conftest import VALID_ID

PASSWORD = "Test-password-2026"


@pytest.fixture
def officer(db):
    return get_user_model().objects.create_user(username="officer", password=PASSWORD)


@pytest.fixture
def person(applicants):
    return applicants.objects.create(name="张三丰", id_number=VALID_ID, phone="13812345678", address="湖南省长沙市")


def test_reveal_returns_values_and_writes_one_row(officer, person):
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    values = reveal(officer, person, ["id_number", "phone"], request=request, reason="核实申请人身份")
    assert values == {"id_number": VALID_ID, "phone": "13812345678"}
    row = PersonalDataAccess.objects.get()
    assert row.user == officer and row.username == "officer"
    assert row.content_type == ContentType.objects.get_for_model(person)
    assert row.object_id == str(person.pk)
    assert row.fields == "id_number,phone" and row.reason == "核实申请人身份"
    assert row.ip == "10.1.2.3" and row.at is not None


def test_each_reveal_is_one_row(officer, person):
    reveal(officer, person, "address")
    reveal(AnonymousUser(), person, ["id_number", "id_number"])
    rows = list(PersonalDataAccess.objects.order_by("pk"))
    assert len(rows) == 2
    assert rows[0].fields == "address" and rows[0].ip is None
    assert rows[1].user is None and rows[1].username == "" and rows[1].fields == "id_number"


def test_reveal_works_on_any_model_and_links_the_record(officer):
    other = get_user_model().objects.create_user(username="other", email="other@example.com")
    assert reveal(officer, other, ["email"]) == {"email": "other@example.com"}
    assert PersonalDataAccess.objects.get().content_object == other


def test_reveal_refuses_bad_input_and_writes_nothing(officer, person, applicants):
    for obj, fields in ((person, ["nope"]), (person, []), (applicants(name="未保存"), ["phone"])):
        with pytest.raises(ValueError):
            reveal(officer, obj, fields)
    assert not PersonalDataAccess.objects.exists()


def test_access_log_admin_is_read_only_and_needs_the_permission(client, officer, person):
    reveal(officer, person, ["id_number"], reason="核实")
    row = PersonalDataAccess.objects.get()
    index = reverse("privacy_access_log:index")
    inspect = reverse("privacy_access_log:inspect", args=[row.pk])

    staff = get_user_model().objects.create_user(username="staff", password=PASSWORD)
    editors = Group.objects.create(name="editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    staff.groups.add(editors)
    client.force_login(staff)
    assert index not in client.get(reverse("wagtailadmin_home")).content.decode()  # no menu item
    assert client.get(index).status_code in {302, 403}

    auditors = Group.objects.create(name="auditors")
    auditors.permissions.add(Permission.objects.get(codename="access_admin"),
                             Permission.objects.get(codename="view_personaldataaccess"))
    auditor = get_user_model().objects.create_user(username="auditor", password=PASSWORD)
    auditor.groups.add(auditors)
    for user in (auditor, get_user_model().objects.create_superuser(username="root", password=PASSWORD)):
        client.force_login(user)
        assert index in client.get(reverse("wagtailadmin_home")).content.decode()  # the menu item
        listing = client.get(index)
        assert listing.status_code == 200
        html = listing.content.decode()
        assert "officer" in html and "核实" in html
        assert reverse("privacy_access_log:add") not in html
        assert client.get(inspect).status_code == 200
        assert client.get(reverse("privacy_access_log:add")).status_code in {302, 403}
        assert client.get(reverse("privacy_access_log:delete", args=[row.pk])).status_code in {302, 403}
        assert client.post(reverse("privacy_access_log:delete", args=[row.pk])).status_code in {302, 403}
    assert PersonalDataAccess.objects.count() == 1


STRONG_KEY = "q7Vw2mZ-8kLr4tXbN1sYcHe9GdPfUa3J6oWiRzT5"


def _import_settings(**env):
    clean = {k: v for k, v in os.environ.items()
             if k not in {"FIELD_ENCRYPTION_KEYS", "DEBUG", "SECRET_KEY", "REDIS_URL", "ALLOW_LOCAL_CACHE"}}
    clean.update(env)
    return subprocess.run([sys.executable, "-c", "import zhengwu.settings as s; print(len(s.FIELD_ENCRYPTION_KEYS))"],
                          cwd=settings.BASE_DIR, env=clean, capture_output=True, text=True)


def test_settings_require_keys_outside_debug():
    result = _import_settings(DEBUG="0", SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0 and "FIELD_ENCRYPTION_KEYS 未设置" in result.stderr
    keys = "a2V5LW9uZS1wYWRkZWQtdG8tMzItYnl0ZXMtLS0tLS0=, second"
    result = _import_settings(DEBUG="0", SECRET_KEY=STRONG_KEY, FIELD_ENCRYPTION_KEYS=keys, ALLOW_LOCAL_CACHE="1")
    assert result.returncode == 0 and result.stdout.strip() == "2"
    # Issue 21: production refuses a weak SECRET_KEY, and a cache that is not shared between workers.
    weak = _import_settings(DEBUG="0", SECRET_KEY="production-secret", FIELD_ENCRYPTION_KEYS=keys, ALLOW_LOCAL_CACHE="1")
    assert weak.returncode != 0 and "SECRET_KEY 强度不足" in weak.stderr
    local = _import_settings(DEBUG="0", SECRET_KEY=STRONG_KEY, FIELD_ENCRYPTION_KEYS=keys)
    assert local.returncode != 0 and "REDIS_URL" in local.stderr
    result = _import_settings(DEBUG="1")
    assert result.returncode == 0 and result.stdout.strip() == "1"
