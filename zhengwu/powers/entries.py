"""Where the power list shows outside its own pages: the main navigation of every site whose agency has powers
(portal.navigation), and the 政府信息公开 section's 法定主动公开内容 — 第二十条第（五）项 (行政许可 and its results)
and 第（六）项 (行政处罚、行政强制 and the penalty decisions) — through disclosure.statutory_sources."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from zhengwu.disclosure.statutory_sources import StatutorySource
from zhengwu.disclosure.statutory_sources import register as register_statutory
from zhengwu.portal.navigation import Entry
from zhengwu.portal.navigation import register as register_link

from .models import DecisionKind, DecisionState, EnforcementDecision, Power, PowerType, list_on


def _subtree(agency):
    return Power.objects.filter(agency__path__startswith=agency.path)


register_link(Entry("powers", "权力清单", path=lambda agency: reverse("powers-list"),
                    query=lambda agency: "" if agency.is_root() else urlencode({"agency": agency.pk}),
                    shown=lambda agency: _subtree(agency).exists(), order=30))


def _powers(types):
    def count(agency):
        return list_on(timezone.localdate(), Power.objects.filter(agency=agency, power_type__in=types)).count()

    def url(agency):
        query = [("agency", agency.pk)] + ([("type", types[0])] if len(types) == 1 else [])
        return f"{reverse('powers-list')}?{urlencode(query)}"
    return count, url


def _decisions(kind):
    def count(agency):
        return EnforcementDecision.objects.filter(agency=agency, kind=kind, state=DecisionState.PUBLISHED).count()

    def url(agency):
        return f"{reverse('powers-decisions')}?{urlencode({'agency': agency.pk, 'kind': kind})}"
    return count, url


register_statutory(StatutorySource(("a20-05",), "行政许可事项（权力清单）", *_powers([PowerType.LICENSING])))
register_statutory(StatutorySource(("a20-05",), "行政许可决定（双公示）", *_decisions(DecisionKind.LICENSING)))
register_statutory(StatutorySource(("a20-06",), "行政处罚、行政强制事项（权力清单）",
                                   *_powers([PowerType.PENALTY, PowerType.COERCION])))
register_statutory(StatutorySource(("a20-06",), "行政处罚决定（双公示）", *_decisions(DecisionKind.PENALTY)))
