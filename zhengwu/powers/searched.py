"""Powers and published enforcement decisions in the site search box (zhengwu.search.sources), found through
the one search backend: the powers by the facts they have today, the decisions by what their public page shows."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from zhengwu.search.sources import Hit, Source, in_subtree, register, search
from zhengwu.search.text import highlight

from .models import DecisionState, EnforcementDecision, PowerChange, list_on


def matching_states(q, state_ids):
    """The changes among `state_ids` whose facts match `q` (segmented, traditional folded, every word)."""
    return search(PowerChange.objects.filter(pk__in=state_ids), q, order_by_relevance=False)



def find_powers(q, agency, limit):
    powers = list_on(timezone.localdate()).filter(in_subtree(agency))
    found = PowerChange.objects.filter(pk__in=powers.values("state_id")).select_related("power", "power__agency")
    results = search(found, q)
    hits = [Hit(title=change.name, url=reverse("powers-detail", args=[change.power.code]),
                snippet=highlight(change.legal_basis, q),
                meta=f"{change.power.get_power_type_display()} · {change.power.code} · {change.power.agency.name}")
            for change in results[:limit]]
    return results.count(), hits


def find_decisions(q, agency, limit):
    published = (EnforcementDecision.objects.filter(in_subtree(agency), state=DecisionState.PUBLISHED)
                 .select_related("agency"))
    results = search(published, q)
    hits = [Hit(title=f"{decision.get_kind_display()}决定 {decision.document_number}：{decision.public_party}",
                url=reverse("powers-decision", args=[decision.number]),
                snippet=highlight(decision.public_content, q),
                meta=f"{decision.agency.name} · {decision.decided_on:%Y-%m-%d}")
            for decision in results[:limit]]
    return results.count(), hits


def _more(name):
    def url(q, agency):
        params = {"q": q, **({"agency": agency.pk} if agency is not None else {})}
        return f"{reverse(name)}?{urlencode(params)}"
    return url


register(Source("powers", "权力清单", find_powers, _more("powers-list"), order=40))
register(Source("decisions", "行政许可和行政处罚决定（双公示）", find_decisions, _more("powers-decisions"), order=50))
