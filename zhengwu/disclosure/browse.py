"""The catalog's filters (theme, genre, year, statutory category, validity), one implementation for
browsing a catalog page, its RSS feed, the public search and the API. Plain GET parameters, so every
view is a link that works without JavaScript and can be fed as RSS."""

from urllib.parse import urlencode

from django.db.models import Count

from .models import Genre, StatutoryCategory, Theme, Validity

FILTERS = ("theme", "genre", "year", "category", "validity")


def filter_items(items, params):
    """(queryset, selected, errors): `items` narrowed by the filters present in `params`; `selected`
    names each applied filter's value; `errors` says in Chinese which value was not understood."""
    selected, errors = {}, []
    theme = _code(params.get("theme"))
    if theme:
        if found := Theme.objects.filter(code=theme).first():
            items = items.filter(theme__in=[found.pk, *found.children.values_list("pk", flat=True)])
            selected["theme"] = found
        else:
            errors.append(f"没有代码为“{theme}”的主题分类。")
    for name, model, label in (("genre", Genre, "体裁分类"), ("category", StatutoryCategory, "法定主动公开内容类别")):
        code = _code(params.get(name))
        if code:
            if found := model.objects.filter(code=code).first():
                items = items.filter(**{name: found})
                selected[name] = found
            else:
                errors.append(f"没有代码为“{code}”的{label}。")
    year = str(params.get("year") or "").strip()
    if year:
        if year.isdigit() and len(year) == 4:
            items = items.filter(published_year=int(year))
            selected["year"] = int(year)
        else:
            errors.append("年份须为四位数字。")
    validity = str(params.get("validity") or "").strip()
    if validity:
        if validity in Validity.values:
            items = items.filter(validity=validity)
            selected["validity"] = Validity(validity).label
        else:
            errors.append("有效性只能是 valid、pending、expired 或 repealed。")
    return items, selected, errors


class CatalogBrowse:
    """One catalog page's list: filtered items, the query string to keep, and side-navigation counts."""

    def __init__(self, items, params):
        from .actions import ensure_validity_fresh

        ensure_validity_fresh()
        self.all_items = items
        self.queryset, self.selected, self.errors = filter_items(items, params)
        self.query_string = urlencode({key: params[key] for key in FILTERS if key in self.selected})

    def facets(self):
        """Counts per value over the unfiltered catalog, for the side navigation."""
        items = self.all_items.order_by()
        themes = dict(items.values_list("theme__parent").annotate(n=Count("pk")).values_list("theme__parent", "n"))
        for own, n in items.filter(theme__parent__isnull=True).values_list("theme").annotate(n=Count("pk")) \
                .values_list("theme", "n"):
            themes[own] = themes.get(own, 0) + n
        return {
            "theme": [(t, themes[t.pk]) for t in Theme.objects.filter(pk__in=themes, parent__isnull=True)],
            "genre": _counted(Genre, items, "genre"),
            "category": _counted(StatutoryCategory, items, "category"),
            "year": list(items.exclude(published_year=None).values_list("published_year")
                         .annotate(n=Count("pk")).order_by("-published_year")),
            "validity": [(Validity(v).label, v, n) for v, n in
                         items.values_list("validity").annotate(n=Count("pk")).order_by("validity")],
        }


def _code(value):
    return (value or "").strip()[:40] or None


def _counted(model, items, field):
    counts = dict(items.exclude(**{field: None}).values_list(field).annotate(n=Count("pk")).values_list(field, "n"))
    return [(obj, counts[obj.pk]) for obj in model.objects.filter(pk__in=counts)]
