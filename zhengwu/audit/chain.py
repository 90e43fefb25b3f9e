"""The hash chain: appending an entry, checking the chain, and pruning its oldest part.

Each entry's hash is SHA-256 over a canonical serialization of its own fields and the previous entry's hash
(`previous_hash`), so changing, removing or reordering any entry breaks every link after it. Appends lock the
one head row (select_for_update; SQLite's IMMEDIATE transactions lock the whole database instead), so two
appends can never take the same sequence number or the same predecessor: the chain never forks. An append
runs inside the caller's transaction (savepoint=False): the entry commits with the action, or not at all.

Pruning deletes a prefix of the chain and moves the anchor (sequence and hash of the last pruned entry) into
the head row, where checking starts."""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import AuditEntry, AuditHead

HASHED_FIELDS = ("sequence", "at", "actor_id", "actor_username", "address", "action", "object_type", "object_id",
                 "description", "detail", "previous_hash")
MINIMUM_RETENTION_DAYS = 180  # 网络安全法第二十一条：网络日志留存不少于六个月


def canonical(entry) -> bytes:
    """The bytes an entry's hash is taken over: its hashed fields as sorted, compact JSON (UTF-8), the time in
    UTC to the microsecond. The same on SQLite and PostgreSQL, and after any round trip through the database."""
    values = {name: getattr(entry, name) for name in HASHED_FIELDS}
    values["at"] = entry.at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def digest(entry) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


def _clean_text(value, limit):
    # PostgreSQL refuses NUL in text; an over-long value would be cut by one database and refused by the other.
    return str(value or "").replace("\x00", "")[:limit]


def _plain_json(detail):
    """The detail as it will read back from either database: JSON types only, no NUL characters."""
    text = json.dumps(detail or {}, cls=DjangoJSONEncoder, ensure_ascii=False, allow_nan=False)
    return json.loads(text.replace("\\u0000", ""))


def _locked_head():
    head = AuditHead.objects.select_for_update().filter(pk=AuditHead.ONE).first()
    if head is None:  # a database emptied by a test's flush; the migration writes the row otherwise
        try:
            with transaction.atomic():
                AuditHead.objects.create(pk=AuditHead.ONE)
        except IntegrityError:
            pass  # another append created it first
        head = AuditHead.objects.select_for_update().get(pk=AuditHead.ONE)
    return head


def append(action, description, *, actor_id=None, actor_username="", address="", object_type="", object_id="",
           detail=None):
    """Write one entry at the head of the chain, inside the caller's transaction (or its own)."""
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        entry = AuditEntry(
            sequence=head.last_sequence + 1,
            at=timezone.now(),
            actor_id=actor_id,
            actor_username=_clean_text(actor_username, 150),
            address=_clean_text(address, 64),
            action=_clean_text(action, 100),
            object_type=_clean_text(object_type, 100),
            object_id=_clean_text(object_id, 64),
            description=_clean_text(description, 255),
            detail=_plain_json(detail),
            previous_hash=head.last_hash,
        )
        entry.hash = digest(entry)
        entry.save()
        AuditHead.objects.filter(pk=head.pk).update(last_sequence=entry.sequence, last_hash=entry.hash)
    return entry


@dataclass
class Verdict:
    count: int
    broken_at: int | None = None  # the sequence number of the first entry that does not check
    reason: str = ""

    @property
    def ok(self):
        return self.broken_at is None


def verify(chunk_size=2000) -> Verdict:
    """Walk the chain from its anchor: every sequence number present in order, every entry's hash its own,
    every link to the entry before, and the head pointing at the last entry."""
    head = AuditHead.objects.filter(pk=AuditHead.ONE).first() or AuditHead()
    expected, previous, count = head.anchor_sequence + 1, head.anchor_hash, 0
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=chunk_size):
        if entry.sequence != expected:
            if entry.sequence < expected:
                return Verdict(count, entry.sequence, f"第 {entry.sequence} 条位于链的起点（第 {head.anchor_sequence} "
                                                      "条之后）之前：链的锚点被改动。")
            return Verdict(count, expected, f"第 {expected} 条缺失（下一条是第 {entry.sequence} 条）：记录被删除。")
        if entry.previous_hash != previous:
            return Verdict(count, entry.sequence, f"第 {entry.sequence} 条记载的前一条哈希与第 {expected - 1} 条不符："
                                                  "前一条被改动、替换或调换了顺序。")
        if digest(entry) != entry.hash:
            return Verdict(count, entry.sequence, f"第 {entry.sequence} 条的内容与其哈希不符：记录被改动。")
        previous, expected, count = entry.hash, expected + 1, count + 1
    if head.last_sequence != expected - 1 or head.last_hash != previous:
        return Verdict(count, expected - 1 if head.last_sequence < expected - 1 else expected,
                       f"链头记载最后一条为第 {head.last_sequence} 条，而日志止于第 {expected - 1} 条："
                       "末尾的记录被删除或链头被改动。")
    return Verdict(count)


def retention_days():
    """AUDIT_RETENTION_DAYS, never under six months whatever the setting says."""
    return max(MINIMUM_RETENTION_DAYS, int(getattr(settings, "AUDIT_RETENTION_DAYS", 183)))


class PruneRefused(Exception):
    pass


def earliest_prunable_day(today=None):
    """The latest `before` day allowed: everything older than the retention period, nothing younger."""
    return (today or timezone.localdate()) - datetime.timedelta(days=retention_days())


def prune(before: datetime.date, actor_username="", today=None) -> int:
    """Delete the entries written before the start of `before` (local time), as a prefix of the chain, and
    keep the last deleted entry's sequence and hash as the chain's new anchor. Refused when `before` would
    reach into the retention period, or when the chain does not check (the evidence is kept then)."""
    limit = earliest_prunable_day(today)
    if before > limit:
        raise PruneRefused(f"审计日志至少保留 {retention_days()} 天：只能清理 {limit:%Y-%m-%d} 之前的记录。")
    boundary = timezone.make_aware(datetime.datetime.combine(before, datetime.time.min))
    with transaction.atomic():
        head = _locked_head()
        verdict = verify()
        if not verdict.ok:
            raise PruneRefused(f"审计日志校验未通过，未清理：{verdict.reason}")
        # A prefix: up to the first entry that is not older than the boundary (clocks of app nodes may differ).
        first_kept = AuditEntry.objects.filter(at__gte=boundary).order_by("sequence").values_list(
            "sequence", flat=True).first()
        last_pruned = AuditEntry.objects.filter(at__lt=boundary).order_by("-sequence")
        if first_kept is not None:
            last_pruned = last_pruned.filter(sequence__lt=first_kept)
        last_pruned = last_pruned.first()
        if last_pruned is None:
            return 0
        pruned = AuditEntry.objects.filter(sequence__lte=last_pruned.sequence)._prune()[0]
        AuditHead.objects.filter(pk=head.pk).update(anchor_sequence=last_pruned.sequence,
                                                    anchor_hash=last_pruned.hash, pruned_at=timezone.now())
        append("audit.prune", f"清理 {before:%Y-%m-%d} 之前的审计日志 {pruned} 条", actor_username=actor_username,
               detail={"before": before.isoformat(), "count": pruned, "anchor_sequence": last_pruned.sequence,
                       "anchor_hash": last_pruned.hash})
    return pruned
