"""The one number allocator: 索引号, request numbers, case numbers.

A counter row per (series, agency, year). A number is taken by an UPDATE of that row inside the
caller's transaction, so the row stays locked until the caller commits: concurrent callers queue,
and a caller that rolls back gives its number back. Numbers are therefore gap-free and unique on
SQLite (IMMEDIATE transactions) and PostgreSQL (row lock) alike.
"""

from django.db import IntegrityError, models, transaction
from django.db.models import F


class Counter(models.Model):
    wagtail_reference_index_ignore = True  # a record, not content: no "usage" to index inside every write
    series = models.CharField("编号序列", max_length=40)
    agency = models.ForeignKey("orgs.Agency", verbose_name="机构", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年份")
    last_value = models.PositiveIntegerField("已用到", default=0)

    class Meta:
        verbose_name = "编号计数器"
        verbose_name_plural = "编号计数器"
        constraints = [models.UniqueConstraint(fields=["series", "agency", "year"], name="one_counter_per_series")]

    def __str__(self):
        return f"{self.series} {self.agency_id} {self.year}: {self.last_value}"


def allocate(series: str, agency, year: int) -> int:
    """The next number of `series` for `agency` in `year`, starting at 1.

    Call it inside the transaction that stores the number: the counter stays locked until then."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate() must run inside the transaction that stores the number")
    agency_id = getattr(agency, "pk", agency)
    key = dict(series=series, agency_id=agency_id, year=year)
    if not Counter.objects.filter(**key).update(last_value=F("last_value") + 1):
        try:
            with transaction.atomic():
                Counter.objects.create(**key, last_value=1)
            return 1
        except IntegrityError:  # another transaction created it first: take the next one
            Counter.objects.filter(**key).update(last_value=F("last_value") + 1)
    return Counter.objects.filter(**key).values_list("last_value", flat=True).get()
