"""Coverage of service centres (work plan 2012, point 三): how many townships have a 便民服务中心 and how many
villages a 便民服务站, per region, against the editable CoverageTarget rows.

Everything is counted by the database, grouped by division code prefix (GB/T 2260 codes are hierarchical:
43 province, 4301 prefecture, 430121 county, 430121001 township, 430121001001 village), a fixed handful of
queries per page whatever the number of divisions.
"""

import csv
import math
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Substr

from zhengwu.orgs.models import Division
from zhengwu.services.models import CentreLevel, CoverageTarget, ServiceCentre

Level = Division.Level

# How many leading digits of a division code identify it as a prefix of everything below it.
PREFIX_LENGTH = {
    Level.PROVINCE: 2, Level.PREFECTURE: 4, Level.COUNTY: 6, Level.STAT_ONLY_ZONE: 6,
    Level.TOWNSHIP: 9, Level.VILLAGE: 12,
}
# The levels whose children the coverage page lists, and which levels those children are.
CHILD_LEVELS = {
    Level.PROVINCE: [Level.PREFECTURE],
    Level.PREFECTURE: [Level.COUNTY, Level.STAT_ONLY_ZONE],
    Level.COUNTY: [Level.TOWNSHIP],
    Level.STAT_ONLY_ZONE: [Level.TOWNSHIP],
}
NOT_IMPORTED = "未导入区划数据"


def region_prefix(division):
    """The code prefix shared by the division and every division below it."""
    return division.code[: PREFIX_LENGTH[division.level]]


def under(prefix, field_name="code"):
    return Q(**{f"{field_name}__startswith": prefix})


def targets():
    """{centre level: target percent} from the editable CoverageTarget rows."""
    return dict(CoverageTarget.objects.values_list("level", "percent"))


@dataclass
class Share:
    """covered of total divisions have an active centre; measured against target percent (None: no target)."""

    total: int = 0
    covered: int = 0
    target: int | None = None
    # For village shares: how many townships the region has, and how many of them have village divisions
    # imported. Where only some have, the share measures only those (shown as 部分导入).
    townships: int | None = None
    townships_with_data: int | None = None

    @property
    def partial(self):
        return self.townships is not None and 0 < (self.townships_with_data or 0) < self.townships

    @property
    def imported(self):
        return self.total > 0

    @property
    def percent(self):
        if not self.total:
            return None
        return round(self.covered * 100 / self.total, 1)

    @property
    def met(self):
        """True/False against the target; None when there is nothing to measure, no target, or the data is
        incomplete (a rate over the imported part only must never claim the whole region meets the target)."""
        if not self.total or self.target is None or self.partial:
            return None
        return self.covered * 100 >= self.target * self.total

    @property
    def shortfall(self):
        """How many more centres (stations) the target needs; 0 when met."""
        if not self.total or self.target is None:
            return 0
        return max(0, math.ceil(self.target * self.total / 100) - self.covered)

    @property
    def status(self):
        if not self.total:
            return NOT_IMPORTED
        if self.target is None:
            return "未设目标"
        if self.partial:
            return "数据不完整，不作达标判定"
        return "达标" if self.met else "未达标"

    @property
    def status_text(self):
        if self.partial:
            return f"{self.status}：仅 {self.townships_with_data}/{self.townships} 个乡镇已导入村级区划"
        return self.status


@dataclass
class RegionRow:
    division: Division
    townships: Share
    villages: Share
    government_centres: int = 0
    drillable: bool = False

    @property
    def is_township(self):
        return self.division.level == Level.TOWNSHIP

    @property
    def has_centre(self):
        return self.townships.covered > 0


@dataclass
class CoverageReport:
    region: Division | None
    total: RegionRow | None
    rows: list = field(default_factory=list)
    ancestors: list = field(default_factory=list)
    targets: dict = field(default_factory=dict)

    @property
    def lists_townships(self):
        return bool(self.rows) and self.rows[0].is_township

    @property
    def child_label(self):
        if self.region is None:
            return ""
        return {Level.PROVINCE: "市州", Level.PREFECTURE: "县市区"}.get(self.region.level, "乡镇（街道）")


def _share_counts(division_level, centre_level, prefix, group_length):
    """{code prefix of length group_length: (divisions, divisions with an active centre)} under prefix."""
    has_centre = ServiceCentre.objects.filter(division=OuterRef("pk"), level=centre_level, is_active=True)
    rows = (
        Division.objects.filter(under(prefix), level=division_level, is_active=True)
        .annotate(group=Substr("code", 1, group_length), has_centre=Exists(has_centre))
        .values("group")
        .annotate(total=Count("pk"), covered=Count("pk", filter=Q(has_centre=True)))
        .order_by()
    )
    return {row["group"]: (row["total"], row["covered"]) for row in rows}


def _townships_with_villages(prefix, group_length):
    """{code prefix of length group_length: townships that have at least one active village division}."""
    villages = Division.objects.filter(parent=OuterRef("pk"), level=Level.VILLAGE, is_active=True)
    rows = (
        Division.objects.filter(under(prefix), level=Level.TOWNSHIP, is_active=True)
        .annotate(group=Substr("code", 1, group_length), has_villages=Exists(villages))
        .values("group")
        .annotate(n=Count("pk", filter=Q(has_villages=True)))
        .order_by()
    )
    return {row["group"]: row["n"] for row in rows}


def _government_counts(prefix, group_length):
    rows = (
        ServiceCentre.objects.filter(under(prefix, "division__code"), level=CentreLevel.GOVERNMENT, is_active=True)
        .annotate(group=Substr("division__code", 1, group_length))
        .values("group").annotate(n=Count("pk")).order_by()
    )
    return {row["group"]: row["n"] for row in rows}


def default_region():
    return Division.objects.filter(level=Level.PROVINCE, is_active=True).order_by("code").first()


def ancestors(division):
    chain = []
    node = division.parent
    while node is not None:
        chain.append(node)
        node = node.parent
    return list(reversed(chain))


def coverage(region):
    """The coverage report of region (a province, prefecture, county or stat-only zone) and its children."""
    goals = targets()
    if region is None:
        return CoverageReport(region=None, total=None, targets=goals)
    prefix = region_prefix(region)
    children = list(
        Division.objects.filter(parent=region, level__in=CHILD_LEVELS[region.level], is_active=True).order_by("code")
    )
    group_length = PREFIX_LENGTH[children[0].level] if children else len(prefix) + 2
    townships = _share_counts(Level.TOWNSHIP, CentreLevel.TOWNSHIP, prefix, group_length)
    villages = _share_counts(Level.VILLAGE, CentreLevel.VILLAGE, prefix, group_length)
    governments = _government_counts(prefix, group_length)
    with_villages = _townships_with_villages(prefix, group_length)
    village_target = goals.get(CentreLevel.VILLAGE)

    def share(counts, key, level):
        total, covered = counts.get(key, (0, 0))
        return Share(total, covered, goals.get(level))

    def village_share(key):
        return Share(*villages.get(key, (0, 0)), village_target, townships=townships.get(key, (0, 0))[0],
                     townships_with_data=with_villages.get(key, 0))

    rows = []
    for child in children:
        key = region_prefix(child)
        rows.append(RegionRow(
            division=child,
            townships=share(townships, key, CentreLevel.TOWNSHIP),
            villages=village_share(key),
            government_centres=governments.get(key, 0),
            drillable=child.level in CHILD_LEVELS,
        ))
    # The region's own total counts everything under its prefix, including divisions whose parent
    # is not an active child (e.g. a township still filed under a retired county code).
    total = RegionRow(
        division=region,
        townships=Share(sum(t for t, _ in townships.values()), sum(c for _, c in townships.values()),
                        goals.get(CentreLevel.TOWNSHIP)),
        villages=Share(sum(t for t, _ in villages.values()), sum(c for _, c in villages.values()), village_target,
                       townships=sum(t for t, _ in townships.values()), townships_with_data=sum(with_villages.values())),
        government_centres=sum(governments.values()),
    )
    return CoverageReport(region=region, total=total, rows=rows, ancestors=ancestors(region), targets=goals)


CSV_HEADER = [
    "区划代码", "区划名称", "层级", "政务服务中心数",
    "乡镇（街道）数", "已建便民服务中心的乡镇（街道）数", "乡镇覆盖率（%）", "乡镇目标（%）", "乡镇是否达标",
    "村（社区）数", "已建便民服务站的村（社区）数", "村覆盖率（%）", "村目标（%）", "村是否达标",
    "已导入村级区划的乡镇（街道）数",
]


def _csv_cells(row, label=None):
    cells = [row.division.code, label or row.division.name, row.division.get_level_display(), row.government_centres]
    for part in (row.townships, row.villages):
        if part.imported:
            cells += [part.total, part.covered, part.percent, "" if part.target is None else part.target,
                      part.status_text]
        else:
            cells += ["", "", "", "" if part.target is None else part.target, part.status]
    cells.append(row.villages.townships_with_data if row.villages.townships is not None else "")
    return cells


def write_csv(report, out):
    """Write the report's table (children, then the region's total) as CSV to a file-like object."""
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in report.rows:
        writer.writerow(_csv_cells(row))
    if report.total is not None:
        writer.writerow(_csv_cells(report.total, f"{report.region.name}（合计）"))


def centres_in(region=None, level=None, query=None):
    """Active centres, optionally within a region (any division, by code prefix), of a level, matching a name."""
    qs = ServiceCentre.objects.filter(is_active=True).select_related("division__parent__parent", "agency")
    if region is not None:
        qs = qs.filter(under(region_prefix(region), "division__code"))
    if level:
        qs = qs.filter(level=level)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(address__icontains=query))
    return qs
