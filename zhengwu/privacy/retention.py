"""Retention: once a closed record is older than its type's period (RetentionRule), its personal data is erased.

Erasure blanks the personal fields (names, ID numbers, phones, addresses, e-mails, the applicant's free text),
deletes the files of the record's private documents, and writes one `Erasure` row (the record's erased_at
marker and the event of what went). It never touches what the statistics count — state, dates, agency,
outcome, kind, applicant type — and never deletes a row, so the annual and monthly reports and the dashboards
give the same figures before and after. Text that was already published masked (an approved comment) keeps
its masked form instead of the original.

Each record type is described once in TYPES: which rows are closed, from which day the period runs, and what
to blank. Another app's model is named by label, so this module imports no case app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from wagtail.search import index as search_index

from . import masking
from .models import Erasure, RecordType, RetentionRule
from .retention_defaults import DEFAULT_RULES

ERASED_FILE_TITLE = "（已按保存期限删除）"

def blank(obj):
    return ""


def nothing(obj):
    return None


def masked_published(state_field="state", approved="approved", text_field="text"):
    """Text the public has seen masked keeps its masked form; text nobody published goes."""
    def value(obj):
        if getattr(obj, state_field) == approved:
            return masking.mask_text(getattr(obj, text_field) or "")
        return ""
    return value


@dataclass
class Kind:
    record_type: str
    model: str  # app_label.ModelName
    closed: Q  # the rows whose handling is over
    closed_on: object  # expression of the day the period runs from
    values: dict[str, Callable] = field(default_factory=dict)  # field -> value after erasure (from the record)
    documents: Callable | None = None  # record -> its private documents
    also: Callable | None = None  # record -> erase related rows too (answers of a survey response)
    label_field: str = "pk"

    @property
    def model_class(self):
        return apps.get_model(self.model)


def _documents(relation, field_name="document"):
    def documents(obj):
        return [getattr(row, field_name) for row in getattr(obj, relation).select_related(field_name)]
    return documents


def _foi_documents(obj):
    reply = apps.get_model("foi", "Reply").objects.filter(request=obj).first()
    return [doc for doc in (reply.letter_pdf, reply.letter_docx) if doc] if reply else []


def _survey_answers(response):
    Answer = apps.get_model("consultation", "Answer")
    erase_text = masked_published()
    for answer in Answer.objects.filter(response=response):
        Answer.objects.filter(pk=answer.pk).update(text=erase_text(answer))
    return ["answers.text"]


def _service_rating(case):
    Rating = apps.get_model("services", "Rating")
    return ["rating.comment"] if Rating.objects.filter(case=case).update(comment="") else []


CONTACT = {"name": blank, "phone": blank, "phone_index": nothing, "email": blank}

TYPES = [
    Kind(RecordType.FOI_REQUEST, "foi.InformationRequest", Q(state__in=["answered", "closed"]),
         Coalesce("decided_on", "received_on"),
         {**CONTACT, "id_number": blank, "id_number_index": nothing, "contact_person": blank, "address": blank,
          "postcode": blank, "description": blank, "purpose_note": blank},
         documents=_foi_documents, label_field="number"),
    Kind(RecordType.LETTER, "interaction.Letter", Q(state__in=["replied", "referred"]),
         Coalesce("replied_on", "received_on"),
         {**CONTACT, "address": blank, "body": blank, "rating_comment": blank},
         documents=_documents("attachments"), label_field="number"),
    Kind(RecordType.SERVICE_CASE, "services.ServiceCase", Q(state__in=["completed", "refused", "withdrawn"]),
         Coalesce("completed_on", "decided_on", "received_on"),
         {"name": blank, "phone": blank, "phone_index": nothing, "id_number": blank, "id_number_index": nothing,
          "form_data": lambda obj: {}},
         documents=_documents("materials"), also=_service_rating, label_field="number"),
    Kind(RecordType.FOI_COMPLAINT, "foi.Complaint", Q(state="answered"), Coalesce("answered_on", "received_on"),
         {**CONTACT, "content": blank}, label_field="number"),
    Kind(RecordType.EFFICIENCY_COMPLAINT, "supervision.EfficiencyComplaint", Q(state="closed"),
         Coalesce("closed_on", "received_on"), {"name": blank, "phone": blank, "content": blank},
         label_field="number"),
    Kind(RecordType.CONSULTATION_COMMENT, "consultation.Comment", Q(), F("consultation__closes_on"),
         {"name": blank, "contact": blank, "text": masked_published()}),
    Kind(RecordType.HEARING_REGISTRATION, "consultation.Registration", Q(), TruncDate("hearing__held_at"),
         {"name": blank, "contact": blank, "statement": blank}),
    Kind(RecordType.SURVEY_ANSWER, "consultation.SurveyResponse", Q(), F("survey__closes_on"),
         {"phone": blank, "phone_index": nothing}, also=_survey_answers),
    Kind(RecordType.ENFORCEMENT_PARTY, "powers.EnforcementDecision",
         Q(state__in=["published", "withdrawn"], party_kind__in=["person", "sole_trader"]), F("decided_on"),
         {"id_number": blank, "representative": lambda obj: masking.mask_name(obj.representative),
          "party_name": lambda obj: obj.party_name if obj.party_kind != "person" else masking.mask_name(obj.party_name)},
         label_field="number"),
    # Files only: a letter's attachments and a case's materials may go sooner than the rest of the record.
    Kind(RecordType.CITIZEN_UPLOAD, "interaction.Letter", Q(state__in=["replied", "referred"]),
         Coalesce("replied_on", "received_on"), documents=_documents("attachments"), label_field="number"),
    Kind(RecordType.CITIZEN_UPLOAD, "services.ServiceCase", Q(state__in=["completed", "refused", "withdrawn"]),
         Coalesce("completed_on", "decided_on", "received_on"), documents=_documents("materials"),
         label_field="number"),
]

def ensure_default_rules():
    """Create the missing rules with their default periods (existing rules are left as edited)."""
    for record_type, (years, basis) in DEFAULT_RULES.items():
        RetentionRule.objects.get_or_create(record_type=record_type, defaults={"years": years, "basis": basis})


def _cutoff(years, today):
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def due(kind, rule, today=None):
    """The records of `kind` closed before its period ended and not yet erased for this type."""
    today = today or timezone.localdate()
    model = kind.model_class
    content_type = ContentType.objects.get_for_model(model)
    done = set(Erasure.objects.filter(record_type=kind.record_type, content_type=content_type)
               .values_list("object_id", flat=True))
    candidates = (model.objects.filter(kind.closed).annotate(_closed_on=kind.closed_on)
                  .filter(_closed_on__lt=_cutoff(rule.years, today)).order_by("pk"))
    return [obj for obj in candidates.iterator(chunk_size=500) if str(obj.pk) not in done]


def erase_documents(documents):
    """Delete the stored files of the private documents (public ones are the agency's, not the applicant's);
    the rows stay, as other records point at them."""
    count = 0
    for document in documents:
        if document is None or not document.private or not document.file:
            continue  # public (the agency's own), or already erased
        document.file.delete(save=False)
        model = type(document)
        model.objects.filter(pk=document.pk).update(
            title=ERASED_FILE_TITLE, file="", extracted_text="", file_size=None, file_hash="")
        search_index.insert_or_update_object(model.objects.get(pk=document.pk))  # drop the old text from search
        count += 1
    return count


@transaction.atomic
def erase(kind, obj, rule):
    """Erase one record's personal data for `kind` and write its Erasure row."""
    model = type(obj)
    values = {name: make(obj) for name, make in kind.values.items()}
    if values:
        model.objects.filter(pk=obj.pk).update(**values)  # update(): no save() side effects, no auto_now
    fields = list(values)
    if kind.also:
        fields += kind.also(obj)
    files = erase_documents(kind.documents(obj)) if kind.documents else 0
    return Erasure.objects.create(
        record_type=kind.record_type, content_type=ContentType.objects.get_for_model(model), object_id=str(obj.pk),
        label=str(getattr(obj, kind.label_field))[:100], fields=",".join(fields)[:500], files=files,
        rule_years=rule.years)


def apply_retention(today=None, dry_run=False):
    """Run every active rule; returns [(kind, number of records)] (in a dry run, the number that would go)."""
    ensure_default_rules()
    rules = {rule.record_type: rule for rule in RetentionRule.objects.filter(active=True)}
    done = []
    for kind in TYPES:
        rule = rules.get(kind.record_type)
        if rule is None:
            continue
        records = due(kind, rule, today=today)
        if not dry_run:
            for obj in records:
                erase(kind, obj, rule)
        done.append((kind, len(records)))
    return done


def erased_at(obj):
    """When the record's personal data was erased (any type), or None."""
    marker = (Erasure.objects.filter(content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk))
              .exclude(record_type=RecordType.CITIZEN_UPLOAD).order_by("erased_at").first())
    return marker.erased_at if marker else None
