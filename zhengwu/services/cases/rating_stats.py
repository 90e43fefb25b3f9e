"""Public 好差评 figures (国办发〔2019〕51号; cn-norms §4.4): per agency and per matter, for a period and a
region (an agency and its subtree). Every count is one aggregate query (Count with filter=Q), grouped in the
database; Python only turns the counts into shares.

Figures: the number of ratings, each level's share, 好评率 (非常满意 + 满意 + 基本满意 over all ratings),
差评 (不满意 + 非常不满意), 差评整改率 (closed rectifications over 差评) and 实名差评回访整改率 (real-name 差评
whose rectification is closed with a follow-up call recorded, over real-name 差评).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.http import urlencode

from zhengwu.orgs.models import Agency
from zhengwu.services.models import BAD_LEVELS, Matter, Rating, RatingLevel, Rectification

GOOD_LEVELS = [RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.BASICALLY_SATISFIED]
LEVELS = list(RatingLevel)  # 5 … 1, as the table shows them


def _counts():
    bad = Q(level__in=BAD_LEVELS)
    closed = Q(rectification__state=Rectification.State.CLOSED)
    named = Q(real_name=True)
    called_back = closed & ~Q(rectification__callback_note="")
    return {
        "total": Count("pk"),
        **{f"level_{level.value}": Count("pk", filter=Q(level=level.value)) for level in LEVELS},
        "good": Count("pk", filter=Q(level__in=GOOD_LEVELS)),
        "bad": Count("pk", filter=bad),
        "rectified": Count("pk", filter=bad & closed),
        "named_bad": Count("pk", filter=bad & named),
        "named_followed": Count("pk", filter=bad & named & called_back),
    }


def _rate(part, whole):
    return None if not whole else part / whole


COUNT_KEYS = ("total", "good", "bad", "rectified", "named_bad", "named_followed")


@dataclass
class Row:
    """One line of a table: whose figures, the counts the database returned, and the shares they make."""

    name: str
    counts: dict
    pk: int | None = None
    code: str = ""
    depth: int = 0
    levels: list = field(default_factory=list)

    def __post_init__(self):
        self.counts = {key: value or 0 for key, value in self.counts.items()}
        for key in COUNT_KEYS:
            setattr(self, key, self.counts.get(key, 0))
        self.levels = []
        for level in LEVELS:
            count = self.counts.get(f"level_{level.value}", 0)
            share = _rate(count, self.total)
            self.levels.append({"label": level.label, "count": count, "share": share, "percent": percent(share)})
        self.good_rate = _rate(self.good, self.total)
        self.rectified_rate = _rate(self.rectified, self.bad)
        self.followed_rate = _rate(self.named_followed, self.named_bad)
        self.good_percent, self.rectified_percent, self.followed_percent = (
            percent(self.good_rate), percent(self.rectified_rate), percent(self.followed_rate))

    def as_dict(self):
        return {"name": self.name, **self.counts, "good_rate": self.good_rate,
                "rectified_rate": self.rectified_rate, "followed_rate": self.followed_rate}


@dataclass(frozen=True)
class Period:
    """A calendar year, or one month of it; neither: all time."""

    year: int | None = None
    month: int | None = None

    @classmethod
    def from_params(cls, params):
        def number(key, low, high):
            try:
                value = int(params.get(key, ""))
            except (TypeError, ValueError):
                return None
            return value if low <= value <= high else None

        year = number("year", 2000, 2999)
        return cls(year=year, month=number("month", 1, 12) if year else None)

    def filter(self, queryset):
        if self.year:
            queryset = queryset.filter(rated_on__year=self.year)
        if self.month:
            queryset = queryset.filter(rated_on__month=self.month)
        return queryset

    @property
    def label(self):
        if not self.year:
            return "全部时间"
        return f"{self.year}年{self.month}月" if self.month else f"{self.year}年"

    def query(self, region=None):
        params = {"year": self.year or "", "month": self.month or "", "region": region.pk if region else ""}
        return urlencode({k: v for k, v in params.items() if v})


def ratings(period=Period(), region=None, agency=None):
    queryset = period.filter(Rating.objects.all())
    if region is not None:
        queryset = queryset.filter(agency__path__startswith=region.path)
    if agency is not None:
        queryset = queryset.filter(agency=agency)
    return queryset.order_by()


def total(period=Period(), region=None, agency=None):
    return Row(name="合计", counts=ratings(period, region, agency).aggregate(**_counts()))


def by_agency(period=Period(), region=None):
    """One row per agency that has ratings in the period and region, in tree order."""
    grouped = {row.pop("agency"): row for row in
               ratings(period, region).values("agency").annotate(**_counts()).order_by()}
    agencies = Agency.objects.filter(pk__in=grouped).order_by("path").values_list("pk", "name", "depth")
    return [Row(name=name, counts=grouped[pk], pk=pk, depth=depth) for pk, name, depth in agencies]


def by_matter(agency, period=Period()):
    """One row per matter of `agency` that has ratings in the period, by matter code."""
    grouped = {row.pop("matter"): row for row in
               ratings(period, agency=agency).values("matter").annotate(**_counts()).order_by()}
    matters = Matter.objects.filter(pk__in=grouped).order_by("code").values_list("pk", "name", "code")
    return [Row(name=name, counts=grouped[pk], pk=pk, code=code) for pk, name, code in matters]


def region_from(value):
    """A region (a government: province, 市州 or county) from a GET parameter; None when absent or unknown."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return Agency.objects.filter(pk=pk, kind=Agency.Kind.GOVERNMENT).first()


def region_options():
    """(label, [(pk, name)]) groups for the region select: the province, then each 市州 with its counties."""
    governments = (Agency.objects.filter(kind=Agency.Kind.GOVERNMENT, depth__lte=3).order_by("path")
                   .values_list("pk", "name", "depth", "path"))
    groups, current = [], None
    for pk, name, depth, path in governments:
        if depth <= 1:
            groups.append(("全省", [(pk, f"{name}（全省）")]))
        elif depth == 2:
            current = (name, [(pk, f"{name}（全市州）")], path)
            groups.append(current)
        elif current is not None and path.startswith(current[2]):
            current[1].append((pk, name))
    return [(group[0], group[1]) for group in groups]


def years():
    """Years with ratings, newest first, and always the current one."""
    found = {d.year for d in Rating.objects.order_by().dates("rated_on", "year")}
    found.add(timezone.localdate().year)
    return sorted(found, reverse=True)


def percent(value):
    return "—" if value is None else f"{value * 100:.1f}%"
