"""A small two-agency world for the authorisation matrix: 湖南省财政厅 (own, "A") and 湖南省自然资源厅 (other, "B"),
siblings under the province, so no role held in one reaches the other.

Every model that an admin route shows by id and that belongs to an agency gets one row in each agency, made by
model_bakery (so a model added later is covered without a factory written for it). Each row's free-text fields
carry its agency's marker, so a response that shows the row can be recognised by text alone: OTHER_MARK must
never appear in anything a user of A is shown."""

import datetime
import itertools

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from model_bakery import baker
from treebeard.mp_tree import MP_Node
from wagtail.models import Page

from zhengwu.orgs.models import Agency
from zhengwu.portal.models import ColumnPage

OWN_MARK = "ZOWNAZ"
OTHER_MARK = "ZLEAKBZ"  # capitals: case numbers are looked up upper-cased
# Fields whose text is not the row's own (addresses, codes, JSON) keep what the baker makes.
NOT_FREE_TEXT = (models.EmailField, models.URLField, models.SlugField, models.GenericIPAddressField,
                 models.FilePathField)
_counter = itertools.count(1)


def agency_path(model):
    """How a row of `model` names its agency: "agency", "case__agency", …, or None (a global model)."""
    return _agency_path(model, depth=0)


def _agency_path(model, depth):
    if model is Agency:
        return "self"
    if issubclass(model, Page):
        return "agency"  # every page of the platform is an AgencyPage
    fields = {f.name: f for f in model._meta.get_fields() if getattr(f, "many_to_one", False) and f.concrete}
    field = fields.get("agency")
    if field is not None and field.related_model is Agency:
        return "agency"
    if depth >= 2:
        return None
    for name, field in fields.items():
        if field.null or field.related_model is None or field.related_model is model:
            continue
        inner = _agency_path(field.related_model, depth + 1)
        if inner and inner != "self":
            return f"{name}__{inner}"
    return None


class World:
    """Rows of both agencies, by model: world.rows[Model] == {"own": row, "other": row}. Models the baker
    could not make (a check constraint it cannot guess, say) are listed in world.unbaked with the reason."""

    def __init__(self, own, other):
        self.own, self.other = own, other
        self.rows = {}
        self.unbaked = {}

    def marker(self, side):
        return OWN_MARK if side == "own" else OTHER_MARK

    def row(self, model, side):
        """The row of `model` in agency `side` ("own" or "other"), made on first use; None if it cannot be."""
        if model is Agency:
            return self.own if side == "own" else self.other
        if issubclass(model, Page):
            model = Page  # every page route takes any page; one unpublished column per agency stands for them
        cached = self.rows.setdefault(model, {})
        if side in cached:
            return cached[side]
        path = agency_path(model)
        if path is None or model in self.unbaked or (issubclass(model, MP_Node) and model is not Page):
            return None
        agency = self.own if side == "own" else self.other
        try:
            with transaction.atomic():
                cached[side] = self._bake(model, path, agency, side)
        except (IntegrityError, ValueError, TypeError, AttributeError, LookupError) as error:
            self.unbaked[model] = f"{type(error).__name__}: {error}"[:200]
            return None
        return cached[side]

    def _bake(self, model, path, agency, side):
        if model is Page:
            column = ColumnPage(title=f"{self.marker(side)}{next(_counter)}", slug=f"matrix-{side}", live=False)
            return agency.home_page.add_child(instance=column).page_ptr
        values = self._text(model, side)
        if any(f.name == "private" for f in model._meta.concrete_fields):
            values["private"] = True  # a document with personal data: only its agency's staff may read it
        if any(f.name == "clock" and f.is_relation for f in model._meta.concrete_fields):
            # a received case always has its legal clock, running to a due date
            values["clock"] = baker.make("timelimits.Clock", due_on=timezone.localdate() + datetime.timedelta(days=20))
        if path == "agency":
            values["agency"] = agency
        else:
            parent_field, _rest = path.split("__", 1)
            parent_model = model._meta.get_field(parent_field).related_model
            parent = self.row(parent_model, side)
            if parent is None:
                raise LookupError(f"no {parent_model.__name__} to hang it on")
            values[parent_field] = parent
        return baker.make(model, _create_files=True, _fill_optional=False, **values)

    def _text(self, model, side):
        values = {}
        for field in model._meta.concrete_fields:
            if isinstance(field, models.JSONField) and not field.has_default():
                values[field.name] = {}  # the baker's random text is not JSON
            if field.primary_key or field.choices or isinstance(field, NOT_FREE_TEXT):
                continue
            if not isinstance(field, models.CharField | models.TextField):
                continue
            text = f"{self.marker(side)}{next(_counter)}"
            if field.max_length and field.max_length < len(text):
                continue
            values[field.name] = text
        return values
