"""Public pages of service centres: the list and search of centres at every level, one centre, and the coverage
page (township centres and village stations against the targets of work plan point 三)."""

import io

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from zhengwu.orgs.models import Division
from zhengwu.portal.views import site_context
from zhengwu.services.centres import coverage as centres
from zhengwu.services.models import CentreLevel, CoverageTarget, Matter, ServiceCentre

Level = Division.Level
PAGE_SIZE = 20
MATTERS_SHOWN = 5

# Chart geometry (SVG user units; the SVG is never drawn wider than its natural width).
CHART_WIDTH = 760
BAR_X = 210
BAR_SCALE = 4  # units per percentage point: 100% = 400 units
CHART_TOP = 64
# Regions: two bars a row (townships, villages). Townships: a 已建/未建 box and one bar (villages).
REGION_BAR, REGION_ROW = 13, 38
TOWNSHIP_BAR, TOWNSHIP_ROW = 16, 26


def _region_options():
    """Province, prefectures and their counties as (group label, [(code, name)]), for the region selects."""
    divisions = Division.objects.filter(
        level__in=[Level.PROVINCE, Level.PREFECTURE, Level.COUNTY, Level.STAT_ONLY_ZONE], is_active=True
    ).order_by("code").values_list("code", "name", "level", "parent__code")
    groups, by_code = [], {}
    for code, name, level, parent_code in divisions:
        if level == Level.PROVINCE:
            groups.append((name, [(code, f"{name}（全省）")]))
        elif level == Level.PREFECTURE:
            by_code[code] = (name, [(code, f"{name}（全市州）")])
            groups.append(by_code[code])
        elif parent_code in by_code:
            by_code[parent_code][1].append((code, f"　{name}"))
    return groups


def _region_from(request, levels=None):
    code = request.GET.get("region", "").strip()
    if not code:
        return None
    qs = Division.objects.filter(code=code, is_active=True)
    if levels is not None:
        qs = qs.filter(level__in=levels)
    region = qs.select_related("parent").first()
    if region is None:
        raise Http404("没有这个行政区划。")
    return region


def _bar(share, y, height, what):
    """One bar of the chart: its width and text label, or the not-imported text."""
    if not share.imported:
        return {"y": y, "height": height, "imported": False, "text": f"{what}：{centres.NOT_IMPORTED}",
                "text_x": BAR_X + 4,
                "text_y": y + height - 2}
    width = round(share.percent * BAR_SCALE, 1)
    mark = {"达标": "✓ 达标", "未达标": "✗ 未达标"}.get(share.status, share.status)
    partial = f"（仅 {share.townships_with_data}/{share.townships} 个乡镇有数据）" if share.partial else ""
    return {"y": y, "height": height, "imported": True, "width": width, "text": f"{share.percent:g}% {mark}{partial}",
            "text_x": BAR_X + width + 6, "text_y": y + height - 2}


def _spoken(share):
    if not share.imported:
        return centres.NOT_IMPORTED
    return f"{share.percent:g}%（{share.status_text}）"


def _chart(report):
    """Geometry and text of the horizontal bar chart of the children (no JavaScript, labels on every bar)."""
    if not report.rows:
        return None
    townships = report.lists_townships
    bar, step = (TOWNSHIP_BAR, TOWNSHIP_ROW) if townships else (REGION_BAR, REGION_ROW)
    rows, lines = [], []
    for index, row in enumerate(report.rows):
        top = CHART_TOP + index * step
        if townships:
            item = {"name": row.division.name, "label_y": top + bar - 3, "has_centre": row.has_centre,
                    "villages": _bar(row.villages, top, bar, "村（社区）")}
            first = "便民服务中心" + ("已建" if row.has_centre else "未建")
        else:
            item = {"name": row.division.name, "label_y": top + bar + 6,
                    "township": _bar(row.townships, top, bar, "乡镇（街道）"),
                    "villages": _bar(row.villages, top + bar + 2, bar, "村（社区）")}
            first = f"乡镇（街道）便民服务中心覆盖率 {_spoken(row.townships)}"
        rows.append(item)
        lines.append(f"{row.division.name}：{first}；村（社区）便民服务站覆盖率 {_spoken(row.villages)}")
    plot_bottom = CHART_TOP + len(rows) * step
    targets = []
    for level, label, y in ((CentreLevel.TOWNSHIP, "乡镇目标", 44), (CentreLevel.VILLAGE, "村目标", 58)):
        percent = report.targets.get(level)
        if percent is None or (townships and level == CentreLevel.TOWNSHIP):
            continue
        x = BAR_X + percent * BAR_SCALE
        anchor = "end" if percent > 75 else "start"
        targets.append({"level": level, "x": x, "label": f"{label} {percent}%", "label_y": y,
                        "label_x": x - 4 if anchor == "end" else x + 4, "anchor": anchor})
    return {"width": CHART_WIDTH, "height": plot_bottom + 24, "bar_x": BAR_X, "townships": townships,
            "rows": rows, "targets": targets, "line_top": 36, "plot_top": CHART_TOP - 4, "plot_bottom": plot_bottom,
            "tick_y": plot_bottom + 16, "grid": [{"x": BAR_X + p * BAR_SCALE, "label": f"{p}%"} for p in (0, 25, 50, 75, 100)],
            "description": "；".join(lines) + "。"}


@require_GET
def coverage(request):
    region = _region_from(request, levels=list(centres.CHILD_LEVELS)) or centres.default_region()
    report = centres.coverage(region)
    if request.GET.get("format") == "csv":
        out = io.StringIO()
        out.write("\ufeff")  # so that spreadsheet programs read the Chinese as UTF-8
        centres.write_csv(report, out)
        name = f"coverage-{region.code if region else 'none'}.csv"
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(request, "services/centres/coverage.html", {
        **site_context(request), "report": report, "chart": _chart(report),
        "target_rows": CoverageTarget.objects.all(), "region_options": _region_options(),
        "not_imported": centres.NOT_IMPORTED,
    })


def _place(division):
    """A township or village named with the county (and township) it lies in: 平江县三市镇盛苑社区."""
    names, node = [division.name], division
    while node.level in (Level.TOWNSHIP, Level.VILLAGE) and node.parent is not None:
        node = node.parent
        names.insert(0, node.name)
    return "".join(names)


@require_GET
def centre_list(request):
    region = _region_from(request)
    level = request.GET.get("level", "")
    if level not in CentreLevel.values:
        level = ""
    query = request.GET.get("q", "").strip()[:50]
    active_matters = Matter.objects.filter(is_active=True).only("id", "name", "code").order_by("code")
    qs = (centres.centres_in(region, level, query)
          .annotate(matter_count=Count("matters", filter=Q(matters__is_active=True), distinct=True))
          .order_by("division__code", "level", "pk")
          .prefetch_related(Prefetch("matters", queryset=active_matters, to_attr="active_matters")))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for centre in page.object_list:
        centre.shown_matters = centre.active_matters[:MATTERS_SHOWN]
        centre.place = _place(centre.division)
    params = request.GET.copy()
    params.pop("page", None)
    options = _region_options()
    if region is not None and not any(code == region.code for _, group in options for code, _ in group):
        options.append(("所选区划", [(region.code, _place(region))]))
    return render(request, "services/centres/list.html", {
        **site_context(request), "page_obj": page, "region": region,
        "region_label": _place(region) if region is not None else "", "level": level, "query": query,
        "levels": CentreLevel.choices, "region_options": options, "querystring": params.urlencode(),
        "total": page.paginator.count,
    })


@require_GET
def centre_detail(request, pk):
    centre = get_object_or_404(ServiceCentre.objects.select_related("division", "agency"), pk=pk, is_active=True)
    matters = centre.matters.filter(is_active=True).select_related("agency").order_by("agency__path", "code")
    chain = centres.ancestors(centre.division) + [centre.division]
    coverage_region = next((d for d in reversed(chain) if d.level in centres.CHILD_LEVELS), None)
    return render(request, "services/centres/detail.html", {
        **site_context(request), "centre": centre, "matters": matters, "region_chain": chain,
        "coverage_region": coverage_region,
    })
