"""Wagtail search backend: WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "zhengwu.search.backend"}}.

Optional params: CHAMPION_MIN_DF (default 2000), CHAMPION_SIZE (default 1000).
Built like Wagtail's own database backends (modelsearch.backends.database.sqlite): an index class, a
query compiler that turns wagtail.search.query objects into an expression, and a results class;
tokenisation, storage and ranking come from zhengwu.search.engine.
"""

from collections import OrderedDict

from django.db import connection
from django.db.models import Count, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils.encoding import force_str
from wagtail.search.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
    FilterFieldError,
)
from wagtail.search.index import AutocompleteField, RelatedFields, SearchField, get_indexed_models
from wagtail.search.query import And, MatchAll, Not, Or, Phrase, PlainText
from wagtail.search.utils import get_content_type_pk, get_descendants_content_types_pks

from .engine import TEXT_COLUMNS, IndexDoc, SearchIndex, parse
from .text import compact, query_terms


def _prepare_value(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return ", ".join(_prepare_value(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(_prepare_value(item) for item in value.values())
    return force_str(value)


def _field_values(obj, field):
    """(field, text) pairs of an object for one search_fields entry; RelatedFields are followed."""
    if isinstance(field, SearchField | AutocompleteField):
        yield field, _prepare_value(field.get_value(obj))
    elif isinstance(field, RelatedFields):
        sub = field.get_value(obj)
        if sub is None:
            return
        if hasattr(sub, "all") and callable(sub.all):
            subs = sub.all()
        else:
            subs = [sub() if callable(sub) else sub]
        for item in subs:
            for sub_field in field.fields:
                yield from _field_values(item, sub_field)


def title_field(field):
    """SearchFields indexed in the boosted title column: the title itself and any field boosted ≥ 2."""
    return field.field_name == "title" or (getattr(field, "boost", None) or 1) >= 2


def document_for(obj, model):
    title, body, auto = [], [], []
    for field in obj.get_search_fields():
        for current, text in _field_values(obj, field):
            if isinstance(current, AutocompleteField):
                auto.append(text)
            elif title_field(current):
                title.append(text)
            else:
                body.append(text)
    return IndexDoc(get_content_type_pk(model), force_str(obj.pk), " ".join(title), "\n".join(body), " ".join(auto))


class ChineseIndex(BaseIndex):
    def __init__(self, backend):
        super().__init__(backend)
        self.engine = backend.engine

    def add_items(self, model, items):
        if not model.get_search_fields():
            return
        self.engine.index([document_for(obj, model) for obj in items])

    def delete_item(self, item):
        model = item._meta.model
        root = model._meta.concrete_model
        while root._meta.parents:
            root = next(iter(root._meta.parents))
        self.engine.delete(get_descendants_content_types_pks(root), [item.pk])

    def reset(self):
        self.engine.reset()

    def delete_stale_entries(self):
        for model in get_indexed_models():
            if model._meta.parents:
                continue
            live = model._default_manager.annotate(_zw_oid=Cast("pk", TextField())).values("_zw_oid")
            self.engine.delete_stale(get_descendants_content_types_pks(model), live)


class ChineseRebuilder:
    def __init__(self, index):
        self.index = index

    def start(self):
        self.index.delete_stale_entries()
        return self.index

    def finish(self):
        engine = self.index.engine
        engine.rebuild_champions()
        engine.build_champions()


class ChineseSearchQueryCompiler(BaseSearchQueryCompiler):
    DEFAULT_OPERATOR = "and"
    HANDLES_ORDER_BY_EXPRESSIONS = True
    prefix_last = False

    def columns(self):
        if not self.fields:
            return list(TEXT_COLUMNS)
        return ["title"] if set(self.fields) == {"title"} else list(TEXT_COLUMNS)

    def _build(self, query):
        """wagtail.search.query → (expression or None, negated)."""
        if isinstance(query, MatchAll):
            return "all"
        if isinstance(query, PlainText):
            return parse(query.query_string, query.operator or self.DEFAULT_OPERATOR, self.prefix_last)
        if isinstance(query, Phrase):
            tokens = query_terms(query.query_string)
            if len(tokens) <= 1:
                return ("term", tokens[0], False) if tokens else None
            return ("phrase", compact(query.query_string), tokens)
        if isinstance(query, Not):
            inner = self._build(query.subquery)
            return ("not", inner) if inner is not None else "all"
        if isinstance(query, And | Or):
            parts = [self._build(q) for q in query.subqueries]
            if isinstance(query, And):
                if any(p is None for p in parts):
                    return None
                parts = [p for p in parts if p != "all"]
                if not parts:
                    return "all"
                positive = [p for p in parts if p[0] != "not"]
                negative = [p[1] for p in parts if p[0] == "not"]
                if "all" in negative:
                    return None
                if not positive:
                    return ("not", negative[0] if len(negative) == 1 else ("or", negative))
                expr = positive[0] if len(positive) == 1 else ("and", positive)
                for neg in negative:
                    expr = ("andnot", expr, neg)
                return expr
            parts = [p for p in parts if p is not None]
            if not parts:
                return None
            if "all" in parts:
                return "all"
            if any(p[0] == "not" for p in parts):
                raise NotImplementedError("OR with a negated operand is not supported by the Chinese search backend.")
            return parts[0] if len(parts) == 1 else ("or", parts)
        raise NotImplementedError(f"{type(query).__name__} is not supported by the Chinese search backend.")

    @property
    def expression(self):
        if not hasattr(self, "_expression"):
            self._expression = self._build(self.query)
        return self._expression


class ChineseAutocompleteQueryCompiler(ChineseSearchQueryCompiler):
    prefix_last = True

    def columns(self):
        return ["autocomplete"]

    def check(self):
        # The autocomplete column holds every AutocompleteField; fields= is accepted but not split.
        fields, self.fields = self.fields, None
        try:
            super().check()
        finally:
            self.fields = fields


class ChineseSearchResults(BaseSearchResults):
    supports_facet = True

    @property
    def engine(self):
        return self.backend.engine

    def _content_types(self):
        return get_descendants_content_types_pks(self.query_compiler.queryset.model)

    def _matching(self, queryset=None):
        """The queryset restricted to matching objects (unordered)."""
        compiler = self.query_compiler
        queryset = compiler.queryset if queryset is None else queryset
        expr = compiler.expression
        if expr is None:
            return queryset.none()
        if expr == "all":
            return queryset
        negated = expr[0] == "not"
        if negated:
            expr = expr[1]
        sql, params = self.engine.ids_sql(expr, self._content_types(), compiler.columns())
        queryset = queryset.annotate(_zw_oid=Cast("pk", TextField()))
        condition = {"_zw_oid__in": RawSQL(sql, params)}
        return queryset.exclude(**condition) if negated else queryset.filter(**condition)

    def _ranked(self):
        compiler = self.query_compiler
        return (compiler.order_by_relevance and compiler.expression not in (None, "all")
                and compiler.expression[0] != "not")

    def _do_search(self):
        compiler = self.query_compiler
        expr = compiler.expression
        if not self._ranked():
            queryset = self._matching()
            if not queryset.query.order_by and not compiler.queryset.ordered:
                queryset = queryset.order_by("-pk")
            return list(queryset[self.start:self.stop])
        queryset = compiler.queryset
        limit = None if self.stop is None else self.stop - self.start
        if limit is not None and limit <= 0:
            return []
        unrestricted = not queryset.query.where
        cts = self._content_types()
        columns = compiler.columns()
        if unrestricted:
            hits = self.engine.search(expr, cts, columns, limit=limit, offset=self.start)
            objects = queryset.in_bulk([h.object_id for h in hits])
            objects = {force_str(k): v for k, v in objects.items()}
            results = [(objects[h.object_id], h.score) for h in hits if h.object_id in objects]
        else:
            # Rank through the index, keep what the queryset admits; widen until the page is full.
            want = None if limit is None else self.start + limit
            batch = max(4 * (want or 0), 100)
            while True:
                hits = self.engine.search(expr, cts, columns, limit=None if want is None else batch)
                allowed = queryset.annotate(_zw_oid=Cast("pk", TextField())).filter(
                    _zw_oid__in=[h.object_id for h in hits]).in_bulk()
                allowed = {force_str(k): v for k, v in allowed.items()}
                results = [(allowed[h.object_id], h.score) for h in hits if h.object_id in allowed]
                if want is None or len(results) >= want or len(hits) < batch:
                    break
                batch *= 4
            results = results[self.start:want]
        if self._score_field:
            for obj, score in results:
                setattr(obj, self._score_field, score)
        return [obj for obj, _ in results]

    def _do_count(self):
        compiler = self.query_compiler
        expr = compiler.expression
        if expr not in (None, "all") and expr[0] != "not" and not compiler.queryset.query.where:
            total = self.engine.count(expr, self._content_types(), compiler.columns())
        else:
            total = self._matching().count()
        total = max(0, total - self.start)
        return total if self.stop is None else min(total, self.stop - self.start)

    def facet(self, field_name):
        field = self.query_compiler._get_filterable_field(field_name)
        if field is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f'index.FilterField("{field_name}") to {self.query_compiler.queryset.model.__name__}.search_fields.',
                field_name=field_name,
            )
        rows = self._matching().order_by().values(field_name).annotate(count=Count("pk")).order_by("-count")
        return OrderedDict((row[field_name], row["count"]) for row in rows)


class ChineseSearchBackend(BaseSearchBackend):
    query_compiler_class = ChineseSearchQueryCompiler
    autocomplete_query_compiler_class = ChineseAutocompleteQueryCompiler
    index_class = ChineseIndex
    results_class = ChineseSearchResults
    rebuilder_class = ChineseRebuilder

    def __init__(self, params):
        super().__init__(params)
        self.engine = SearchIndex(
            using=params.get("USING", "default"),
            champion_min_df=int(params.get("CHAMPION_MIN_DF", 2000)),
            champion_size=int(params.get("CHAMPION_SIZE", 1000)),
        )
        self.vendor = connection.vendor

    def get_index_for_model(self, model):
        return self.index_class(self)


SearchBackend = ChineseSearchBackend
