"""The data migrations that encrypt existing free text: plaintext rows become ciphertext, a second run changes
nothing, and the reverse gives the plaintext back (run on SQLite and PostgreSQL alike)."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from zhengwu.consultation.models import Comment
from zhengwu.consultation.tests.conftest import comment, desk, published_consultation  # noqa: F401  (fixture)
from zhengwu.privacy.migration_ops import encrypt_existing
from zhengwu.privacy.tests.test_free_text_at_rest import raw

pytestmark = pytest.mark.django_db


def write_raw(model, pk, column, value):
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {connection.ops.quote_name(column)} = %s WHERE id = %s", [value, pk])


def test_existing_plaintext_is_encrypted_once_and_the_reverse_restores_it(desk):  # noqa: F811
    consultation = published_consultation(desk)
    old = comment(consultation, text="旧意见")
    empty = comment(consultation, text="待清空")
    write_raw(Comment, old.pk, "text", "迁移前的明文意见：电话13812345678")  # as rows were before the migration
    write_raw(Comment, empty.pk, "text", "")
    step = encrypt_existing("consultation", "comment", ["text"])
    editor = SimpleNamespace(connection=connection)

    step.code(apps, editor)
    once = raw(Comment, old.pk, "text")
    assert "13812345678" not in once and once.startswith("gAAAA") and raw(Comment, empty.pk, "text") == ""
    assert Comment.objects.get(pk=old.pk).text == "迁移前的明文意见：电话13812345678"
    step.code(apps, editor)
    assert raw(Comment, old.pk, "text") == once  # already encrypted: left alone

    step.reverse_code(apps, editor)
    assert raw(Comment, old.pk, "text") == "迁移前的明文意见：电话13812345678"


def test_retention_rules_are_edited_in_the_admin_and_erasures_listed(client, hunan):
    from django.contrib.auth import get_user_model

    from zhengwu.privacy.models import RetentionRule
    from zhengwu.testing.tree import PASSWORD

    get_user_model().objects.create_superuser("privacy_admin", password=PASSWORD)
    assert client.login(username="privacy_admin", password=PASSWORD)
    rule = RetentionRule.objects.get(record_type="letter")
    listing = client.get("/admin/privacy/retention/")
    assert listing.status_code == 200 and "信箱来信" in listing.content.decode()
    saved = client.post(f"/admin/privacy/retention/edit/{rule.pk}/",
                        {"years": "8", "basis": "本省档案保管期限表", "active": "on"})
    assert saved.status_code == 302
    rule.refresh_from_db()
    assert rule.years == 8 and rule.basis == "本省档案保管期限表"
    assert client.get("/admin/privacy/retention/new/").status_code in (302, 403)  # one rule per type, seeded
    assert client.get("/admin/privacy/erasures/").status_code == 200
