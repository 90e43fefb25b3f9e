"""The tamper-evident audit log (安全审计): one chain of entries, each hashed over its own fields and the hash
of the entry before it (chain.py), appended only through chain.append.

An entry is evidence: once written it is never changed. save() on a stored entry, delete(), and the queryset's
update/delete/bulk writes all raise; the one way rows leave is prune_audit_log, past the retention period,
which moves the chain's anchor forward (chain.prune). Nothing here is a foreign key, so deleting a user or a
content type can never reach into the log."""

from django.core.exceptions import PermissionDenied
from django.db import models

GENESIS = "0" * 64  # the "previous hash" of the first entry ever written


class AuditLogIsAppendOnly(PermissionDenied):
    def __init__(self, what="修改或删除"):
        super().__init__(f"审计日志只能追加，不能{what}。")


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("修改")

    def delete(self):
        raise AuditLogIsAppendOnly("删除")

    def bulk_create(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("批量写入（须逐条追加以接入哈希链）")

    def bulk_update(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("修改")

    def _prune(self):
        """Only for chain.prune: the queryset's own delete, past the guard above."""
        return super().delete()


class AuditEntry(models.Model):
    wagtail_reference_index_ignore = True  # evidence, not content

    sequence = models.PositiveBigIntegerField("序号", unique=True)
    at = models.DateTimeField("时间", db_index=True)
    actor_id = models.BigIntegerField("操作人编号", null=True, blank=True, db_index=True)
    actor_username = models.CharField("操作人", max_length=150, blank=True, db_index=True)
    address = models.CharField("客户端地址", max_length=64, blank=True)
    action = models.CharField("操作", max_length=100, db_index=True)
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    description = models.CharField("说明", max_length=255)
    detail = models.JSONField("详情", default=dict, blank=True)
    previous_hash = models.CharField("前一条的哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-sequence"]
        default_permissions = ("view",)

    def __str__(self):
        return f"#{self.sequence} {self.description}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("修改")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("删除")


class AuditHead(models.Model):
    """The one row (pk 1) every append locks: the last entry's sequence and hash, and the anchor the chain
    starts from (sequence 0 and GENESIS until the first prune; then the last pruned entry's)."""

    ONE = 1

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS)
    anchor_sequence = models.PositiveBigIntegerField(default=0)
    anchor_hash = models.CharField(max_length=64, default=GENESIS)
    pruned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "审计日志链头"
        verbose_name_plural = "审计日志链头"
        default_permissions = ()

    def __str__(self):
        return f"#{self.last_sequence} {self.last_hash[:12]}…"
