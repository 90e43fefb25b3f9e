"""The chain: every entry hashed over its fields and the entry before; a changed, deleted or reordered row is
found by `manage.py verify_audit_log`, naming the first entry that does not check; entries cannot be changed
or deleted through the ORM; pruning keeps six months at least and leaves a chain that still verifies."""

import datetime
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from zhengwu.audit import chain
from zhengwu.audit.log import record
from zhengwu.audit.models import AuditEntry, AuditHead, AuditLogIsAppendOnly


def verify_output():
    from io import StringIO

    out = StringIO()
    call_command("verify_audit_log", stdout=out)
    return out.getvalue()


def three_entries():
    first = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
    for n in range(3):
        record("test.step", f"测试操作 {n}", actor_username="tester", detail={"n": n, "note": "电话 13812345678"})
    return list(AuditEntry.objects.filter(sequence__gt=first).order_by("sequence"))


def raw(sql, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("%t", AuditEntry._meta.db_table), params)


def test_entries_chain_by_hash_and_the_command_says_ok_with_the_count(db):
    a, b, c = three_entries()
    assert b.previous_hash == a.hash and c.previous_hash == b.hash and b.sequence == a.sequence + 1
    assert c.hash == chain.digest(AuditEntry.objects.get(pk=c.pk))  # the same after a round trip
    assert c.detail == {"n": 2, "note": "电话 138****5678"}  # free text masked
    head = AuditHead.objects.get()
    assert (head.last_sequence, head.last_hash) == (c.sequence, c.hash)
    assert verify_output().startswith(f"OK {AuditEntry.objects.count()} 条")


def test_an_altered_field_is_found_at_that_entry(db):
    _, b, _ = three_entries()
    raw("UPDATE %t SET description = %s WHERE sequence = %s", "无害的说明", b.sequence)
    with pytest.raises(CommandError, match=f"第 {b.sequence} 条"):
        call_command("verify_audit_log")


def test_a_rewritten_entry_with_a_fresh_hash_breaks_the_next_link(db):
    _, b, c = three_entries()
    forged = AuditEntry.objects.get(pk=b.pk)
    forged.actor_username = "someone_else"
    raw("UPDATE %t SET actor_username = %s, hash = %s WHERE sequence = %s", "someone_else", chain.digest(forged),
        b.sequence)
    with pytest.raises(CommandError, match=f"第 {c.sequence} 条记载的前一条哈希"):
        call_command("verify_audit_log")


def test_a_chain_rewritten_from_some_entry_on_is_found_by_a_hash_noted_before(db):
    _, b, c = three_entries()
    noted = f"{c.sequence}:{c.hash}"
    assert "OK" in verify_output()
    # Someone able to write the whole table changes b and recomputes every hash after it.
    previous = b.previous_hash
    for entry in AuditEntry.objects.filter(sequence__gte=b.sequence).order_by("sequence"):
        if entry.sequence == b.sequence:
            entry.description = "改写"
        entry.previous_hash = previous
        entry.hash = chain.digest(entry)
        raw("UPDATE %t SET description = %s, previous_hash = %s, hash = %s WHERE sequence = %s", entry.description,
            entry.previous_hash, entry.hash, entry.sequence)
        previous = entry.hash
    AuditHead.objects.filter(pk=1).update(last_hash=previous)
    assert "OK" in verify_output()  # the chain alone cannot tell…
    with pytest.raises(CommandError, match=f"第 {c.sequence} 条。其哈希与此前记下的不符"):
        call_command("verify_audit_log", "--known", noted)  # …the hash noted elsewhere can


def test_a_deleted_entry_is_found(db):
    _, b, _ = three_entries()
    raw("DELETE FROM %t WHERE sequence = %s", b.sequence)
    with pytest.raises(CommandError, match=f"第 {b.sequence} 条缺失"):
        call_command("verify_audit_log")


def test_deleting_the_last_entry_is_found_by_the_head(db):
    *_, c = three_entries()
    raw("DELETE FROM %t WHERE sequence = %s", c.sequence)
    with pytest.raises(CommandError, match="末尾的记录被删除"):
        call_command("verify_audit_log")


def test_reordered_entries_are_found(db):
    a, b, _ = three_entries()
    raw("UPDATE %t SET sequence = %s WHERE sequence = %s", 10**9, a.sequence)
    raw("UPDATE %t SET sequence = %s WHERE sequence = %s", a.sequence, b.sequence)
    raw("UPDATE %t SET sequence = %s WHERE sequence = %s", b.sequence, 10**9)
    with pytest.raises(CommandError, match=f"第 {a.sequence} 条"):
        call_command("verify_audit_log")


def test_entries_cannot_be_changed_or_deleted_through_the_orm(db):
    entry, *_ = three_entries()
    entry.description = "改过"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(description="改过")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.bulk_create([AuditEntry(sequence=10**9, description="x")])
    assert "OK" in verify_output()


def test_an_entry_exists_only_if_the_action_committed(db):
    before = AuditHead.objects.get()
    with pytest.raises(RuntimeError), transaction.atomic():
        record("test.step", "随后回滚的操作")
        raise RuntimeError("the action failed")
    assert not AuditEntry.objects.filter(description="随后回滚的操作").exists()
    assert AuditHead.objects.get().last_sequence == before.last_sequence
    assert "OK" in verify_output()


def age(entries, days):
    then = timezone.now() - datetime.timedelta(days=days)
    raw("UPDATE %t SET at = %s WHERE sequence IN (" + ",".join(str(e.sequence) for e in entries) + ")", then)
    for entry in entries:  # re-hash as if they had been written then, so only the age changes
        entry.refresh_from_db()
        raw("UPDATE %t SET hash = %s WHERE sequence = %s", chain.digest(entry), entry.sequence)
    # …and relink the chain after them
    previous = None
    for entry in AuditEntry.objects.order_by("sequence"):
        if previous is not None and entry.previous_hash != previous:
            entry.previous_hash = previous
            entry.hash = chain.digest(entry)
            raw("UPDATE %t SET previous_hash = %s, hash = %s WHERE sequence = %s", entry.previous_hash, entry.hash,
                entry.sequence)
        previous = entry.hash
    AuditHead.objects.filter(pk=1).update(last_hash=previous)


def test_pruning_keeps_six_months_and_the_chain_still_verifies(db, settings):
    AuditEntry.objects.order_by("sequence")  # whatever the test tree wrote stays in the chain
    old = three_entries()
    recent = three_entries()
    age(list(AuditEntry.objects.filter(sequence__lte=old[-1].sequence)), 400)
    age(recent[:1], 100)
    assert "OK" in verify_output()

    settings.AUDIT_RETENTION_DAYS = 30  # below the legal minimum: 180 days still hold
    too_young = timezone.localdate() - datetime.timedelta(days=179)
    with pytest.raises(CommandError, match="至少保留 180 天"):
        call_command("prune_audit_log", "--before", too_young.isoformat())
    assert AuditEntry.objects.filter(sequence=old[0].sequence).exists()

    settings.AUDIT_RETENTION_DAYS = 183
    with pytest.raises(CommandError, match="至少保留 183 天"):
        call_command("prune_audit_log", "--before", (timezone.localdate() - datetime.timedelta(days=182)).isoformat())
    call_command("prune_audit_log", "--before", (timezone.localdate() - datetime.timedelta(days=200)).isoformat())
    assert not AuditEntry.objects.filter(sequence__lte=old[-1].sequence).exists()
    assert AuditEntry.objects.filter(sequence=recent[0].sequence).exists()  # 100 days old: kept
    head = AuditHead.objects.get()
    assert head.anchor_sequence == old[-1].sequence
    assert AuditEntry.objects.order_by("-sequence").first().action == "audit.prune"
    assert verify_output().startswith(f"OK {AuditEntry.objects.count()} 条")

    # The anchor is checked too: deleting the first entry after it is still found.
    first = AuditEntry.objects.order_by("sequence").first()
    raw("DELETE FROM %t WHERE sequence = %s", first.sequence)
    with pytest.raises(CommandError, match=f"第 {first.sequence} 条缺失"):
        call_command("verify_audit_log")


def test_pruning_refuses_a_broken_chain(db):
    a, *_ = three_entries()
    age([a], 400)
    raw("UPDATE %t SET description = %s WHERE sequence = %s", "改过", a.sequence)
    with pytest.raises(CommandError, match="校验未通过"):
        call_command("prune_audit_log", "--before", (timezone.localdate() - datetime.timedelta(days=200)).isoformat())
    assert AuditEntry.objects.filter(sequence=a.sequence).exists()


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="SQLite 测试库在内存中，多线程并发由 SQLite 的 IMMEDIATE 事务串行化，此处只在 PostgreSQL 上验证。")
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_never_fork_the_chain():
    start = AuditHead.objects.get_or_create(pk=1)[0].last_sequence
    errors = []

    def worker(n):
        try:
            for i in range(5):
                with transaction.atomic():
                    record("test.concurrent", f"并发 {n}-{i}")
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    sequences = list(AuditEntry.objects.filter(sequence__gt=start).order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(start + 1, start + 41))
    assert "OK" in verify_output()
