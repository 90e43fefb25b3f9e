"""Public catalog of the online service hall: browse and search matters, and each matter's 办事指南.

Plain GET forms and links, so every filter and page works without JavaScript. The query helpers here are
shared with the JSON API (catalog_api) so both narrow the catalog the same way.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from zhengwu.orgs.models import Agency, Division
from zhengwu.portal.views import site_context
from zhengwu.search.text import normalize
from zhengwu.services.models import Audience, MaterialRequirement, Matter, MatterType, Topic

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 50

# A citizen asking for 个人 matters also wants those that serve both kinds of applicant.
AUDIENCE_MATCH = {
    Audience.PERSON: [Audience.PERSON, Audience.BOTH],
    Audience.COMPANY: [Audience.COMPANY, Audience.BOTH],
    Audience.BOTH: [Audience.BOTH],
}
AUDIENCE_FILTER_LABELS = [(Audience.PERSON.value, "个人办事"), (Audience.COMPANY.value, "法人办事")]

LEVEL_LABELS = {
    Division.Level.PROVINCE: "省级",
    Division.Level.PREFECTURE: "市州级",
    Division.Level.COUNTY: "县市区级",
    Division.Level.TOWNSHIP: "乡镇（街道）级",
    Division.Level.VILLAGE: "村（社区）级",
}
LEVEL_ORDER = list(LEVEL_LABELS)

DEPTH_SHORT = {1: "网上查询", 2: "表格下载", 3: "网上申报", 4: "全程网办"}


def public_matters():
    return Matter.objects.filter(is_active=True).select_related("agency")


def search_terms(q):
    """Whitespace-separated words of a name search, 繁→简 and full-width folded like the site search."""
    return normalize((q or "")[:MAX_QUERY_LENGTH]).split()


def filter_matters(queryset, *, agency=None, region=None, matter_type=None, topic=None, theme=None, event=None,
                   audience=None, q=None):
    """Narrow a matter queryset. `agency` is that agency only; `region` is an agency and its whole subtree
    (treebeard path prefix); `topic` matches a theme or life event by slug, `theme`/`event` one kind."""
    if agency is not None:
        queryset = queryset.filter(agency_id=agency)
    if region is not None:
        path = Agency.objects.filter(pk=region).values_list("path", flat=True).first()
        queryset = queryset.filter(agency__path__startswith=path) if path else queryset.none()
    if matter_type:
        queryset = queryset.filter(matter_type=matter_type)
    # One filter() call per topic condition, so a theme and a life event can both be required.
    if topic:
        queryset = queryset.filter(topics__slug=topic)
    if theme:
        queryset = queryset.filter(topics__kind=Topic.Kind.THEME, topics__slug=theme)
    if event:
        queryset = queryset.filter(topics__kind=Topic.Kind.LIFE_EVENT, topics__slug=event)
    if audience:
        queryset = queryset.filter(audience__in=AUDIENCE_MATCH[audience])
    for term in search_terms(q):
        queryset = queryset.filter(Q(name__icontains=term) | Q(code__iexact=term))
    if topic or theme or event:
        queryset = queryset.distinct()
    return queryset


def with_guide(queryset):
    """Everything a full guide shows, fetched in a fixed number of queries."""
    return queryset.select_related("agency").prefetch_related(
        Prefetch("materials", MaterialRequirement.objects.select_related("blank_form", "sample")),
        "special_procedures", "topics")


def steps(matter):
    return [line.strip() for line in matter.process.splitlines() if line.strip()]


def faq_pairs(text):
    """常见问题 is kept as 问：/答： lines; anything else is shown as it was written (None)."""
    pairs, question = [], None
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith(("问：", "问:")):
            question = line[2:].strip()
        elif line.startswith(("答：", "答:")) and question is not None:
            pairs.append((question, line[2:].strip()))
            question = None
        else:
            return None
    return pairs if pairs and question is None else None


def apply_url(matter):
    """The online application of the matter. The view is someone else's; fall back to its known path so the
    guide still renders where that URL is not installed."""
    try:
        return reverse("services-apply", args=[matter.code])
    except NoReverseMatch:
        return f"/zwfw/matters/{matter.code}/apply/"


GOVERNMENT_KINDS = (Agency.Kind.GOVERNMENT, Agency.Kind.TOWNSHIP)


def government_of(agency):
    """The government (or township) an agency belongs to: itself, or its nearest such ancestor."""
    if agency.kind in GOVERNMENT_KINDS:
        return agency
    return agency.get_ancestors().filter(kind__in=GOVERNMENT_KINDS).select_related("division").last() or agency


def place_name(government):
    return government.division.name if government.division_id else government.name


# --- the catalog page --------------------------------------------------------------------------------------


def _int_param(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def read_filters(params):
    """The catalog's GET parameters, with unknown values dropped (a stale link still shows the catalog)."""
    values = {
        "q": (params.get("q") or "").strip()[:MAX_QUERY_LENGTH],
        "region": _int_param(params.get("region")),
        "agency": _int_param(params.get("agency")),
        "type": params.get("type") if params.get("type") in MatterType.values else "",
        "audience": params.get("audience") if params.get("audience") in dict(AUDIENCE_FILTER_LABELS) else "",
        "theme": (params.get("theme") or "").strip()[:50],
        "event": (params.get("event") or "").strip()[:50],
    }
    return {key: value for key, value in values.items() if value}


def agency_groups(active):
    """Agencies with matters in the catalog, grouped by government level and, below the province, by the
    government they belong to: [(level label, [(government, place label, [(agency, count)])])]."""
    agencies = (Agency.objects.filter(service_matters__in=active).annotate(n=Count("service_matters"))
                .select_related("division").order_by("path"))
    found, tree = {}, {}
    for agency in agencies:
        key = agency.path if agency.kind in GOVERNMENT_KINDS else agency.path[:-Agency.steplen]
        if key not in found:
            found[key] = government_of(agency)
        government = found[key]
        level = government.division.level if government.division_id else Division.Level.PROVINCE
        places = tree.setdefault(level, {})
        places.setdefault(government.pk, (government, place_name(government), []))[2].append((agency, agency.n))
    return [(LEVEL_LABELS.get(level, level), list(tree[level].values()))
            for level in sorted(tree, key=lambda lv: LEVEL_ORDER.index(lv) if lv in LEVEL_ORDER else 99)]


def region_choices(groups):
    """Governments below the province whose departments have matters: a citizen's 'my county'."""
    return [(government.pk, place) for _level, places in groups for government, place, _items in places
            if not government.is_root()]


def topic_facets(active, kind):
    return list(Topic.objects.filter(kind=kind, matters__in=active).annotate(n=Count("matters"))
                .order_by("order", "id"))


def _linker(filters):
    """`link(key=value, other=None)`: the catalog URL with some filters set or removed, paging reset."""
    def link(**changes):
        merged = {**filters, **changes}
        query = urlencode({key: value for key, value in merged.items() if value not in (None, "")})
        return f"?{query}" if query else "?"
    return link


@require_GET
def catalog(request):
    filters = read_filters(request.GET)
    active = Matter.objects.filter(is_active=True)
    matters = filter_matters(
        public_matters(), agency=filters.get("agency"), region=filters.get("region"),
        matter_type=filters.get("type"), theme=filters.get("theme"), event=filters.get("event"),
        audience=filters.get("audience"), q=filters.get("q"))
    page = Paginator(matters, PAGE_SIZE).get_page(request.GET.get("page"))
    groups = agency_groups(active)
    type_counts = dict(active.values_list("matter_type").annotate(n=Count("id")))
    themes, events = topic_facets(active, Topic.Kind.THEME), topic_facets(active, Topic.Kind.LIFE_EVENT)
    link = _linker(filters)
    # Choosing an agency or a region replaces the other: together they could only contradict.
    browse_agencies = [
        (level, [(place, None if government.is_root() else link(region=government.pk, agency=None),
                  filters.get("region") == government.pk,
                  [(agency, n, link(agency=agency.pk, region=None), filters.get("agency") == agency.pk)
                   for agency, n in items])
                 for government, place, items in places])
        for level, places in groups]
    return render(request, "services/catalog/index.html", {
        **site_context(request),
        "page_obj": page,
        "params": filters,
        "page_query": urlencode(filters),
        "active_filters": [(label, link(**{key: None})) for key, label in _filter_names(filters, groups, themes,
                                                                                        events)],
        "agency_groups": groups,
        "browse_agencies": browse_agencies,
        "regions": region_choices(groups),
        "facets": [
            ("服务对象", "audience", [(label, None, link(audience=value), filters.get("audience") == value, value)
                                  for value, label in AUDIENCE_FILTER_LABELS]),
            ("主题", "theme", [(t.name, t.n, link(theme=t.slug), filters.get("theme") == t.slug, t.slug)
                             for t in themes]),
            ("人生事件", "event", [(t.name, t.n, link(event=t.slug), filters.get("event") == t.slug, t.slug)
                               for t in events]),
            ("事项类型", "type", [(label, type_counts[value], link(type=value), filters.get("type") == value, value)
                              for value, label in MatterType.choices if type_counts.get(value)]),
        ],
        "depth_short": DEPTH_SHORT,
    })


def _filter_names(filters, groups, themes, events):
    """What each active filter means in words, for the 'current filters' line with its remove links."""
    agencies = {agency.pk: agency.name for _l, places in groups for _g, _p, items in places for agency, _n in items}
    regions = dict(region_choices(groups))

    def agency_name(pk, known):
        return known.get(pk) or Agency.objects.filter(pk=pk).values_list("name", flat=True).first() or "（无此机构）"

    def topic_name(slug, topics):
        return next((topic.name for topic in topics if topic.slug == slug), slug)

    words = {
        "q": lambda v: f"名称含“{v}”",
        "region": lambda v: f"地区：{agency_name(v, regions)}",
        "agency": lambda v: f"实施主体：{agency_name(v, agencies)}",
        "type": lambda v: f"事项类型：{MatterType(v).label}",
        "audience": lambda v: f"服务对象：{dict(AUDIENCE_FILTER_LABELS)[v]}",
        "theme": lambda v: f"主题：{topic_name(v, themes)}",
        "event": lambda v: f"人生事件：{topic_name(v, events)}",
    }
    return [(key, words[key](value)) for key, value in filters.items()]


# --- the guide page ----------------------------------------------------------------------------------------


@require_GET
def matter_detail(request, code):
    matter = with_guide(Matter.objects.filter(is_active=True, code=code)).first()
    if matter is None:
        raise Http404("未找到该事项。")
    government = government_of(matter.agency)
    return render(request, "services/catalog/matter.html", {
        **site_context(request),
        "matter": matter,
        "materials": list(matter.materials.all()),
        "procedures": list(matter.special_procedures.all()),
        "topics": list(matter.topics.all()),
        "steps": steps(matter),
        "faq": faq_pairs(matter.faq),
        "apply_url": apply_url(matter) if matter.applies_online else None,
        "place": place_name(government) if not government.is_root() else "湖南省",
        "region_id": government.pk if not government.is_root() else None,
    })
