"""The one shape of a timeline event (Saleor-style typed rows): every case type and every record with a
timeline has an event model on these bases, written by its actions in the same transaction as the change, and
always through `record`.

`Event` is the record's step (决策公开, interviews); `CaseEvent` adds what a case's timeline needs: the day
the step took effect (`on`, which may be before the day it was entered) and whether the applicant sees it."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Event(models.Model):
    """A subclass declares its foreign key to the record and names it in `subject_field`, and its `kind`
    (with the record's own choices)."""

    wagtail_reference_index_ignore = True  # a record, not content: no "usage" to index inside every write
    subject_field = ""

    kind = models.CharField("事项", max_length=32)
    at = models.DateTimeField("时间", auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    message = models.TextField("说明", blank=True)
    data = models.JSONField("数据", default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"

    @classmethod
    def record(cls, subject, kind, actor=None, message="", **fields):
        """Write one event of `subject` (call it inside the action's transaction)."""
        fields["data"] = fields.get("data") or {}
        return cls.objects.create(**{cls.subject_field: subject}, kind=kind, actor=actor, message=message,
                                  **fields)


class CaseEvent(Event):
    """A step of a case: `on` the day it took effect, `public` whether the applicant sees it."""

    on = models.DateField("日期")
    public = models.BooleanField("申请人可见", default=True)

    class Meta(Event.Meta):
        abstract = True

    @property
    def entered_on_another_day(self):
        """A step recorded after the day it took effect (a letter signed for last week, the demo's history)."""
        return self.on is not None and self.at is not None and timezone.localtime(self.at).date() != self.on
