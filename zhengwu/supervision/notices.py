"""Telling people about new cards: the responsible staff of the agency (the case type's handling roles there,
and the case's assignee) and the supervisors above it (监察员 whose scope reaches the agency). One site
message per person per sweep — how many cards of each level, and the most urgent ones named — instead of one
per card.

The figures are aggregated in the database (counts per agency, case type and level; a window function
picks each agency's most urgent cards to name), so a sweep issuing 100,000 cards reads a few thousand rows.
"""

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from zhengwu.notifications.actions import notify_each
from zhengwu.orgs.models import Agency, Role, grants_at, holders_by_path

from . import registry
from .models import Card, CardLevel

LISTED = 20  # cards named in one message; the rest are counted


@dataclass
class Digest:
    """What one person is told: card counts by level and the cards named, most urgent first."""

    counts: Counter = field(default_factory=Counter)
    named: list = field(default_factory=list)  # (level, due_on, line)

    def add_counts(self, counts):
        self.counts.update(counts)

    def message(self):
        total = sum(self.counts.values())
        levels = "，".join(f"{CardLevel(level).label} {self.counts[level]}" for level in sorted(self.counts, reverse=True))
        named = sorted(self.named, key=lambda item: (-item[0], item[1]))[:LISTED]
        lines = "\n".join(line for _, _, line in named)
        more = f"\n另有 {total - len(named)} 张，请在电子监察中查看。" if total > len(named) else ""
        return (f"电子监察亮牌提醒：{total} 张",
                f"本次扫描对您负责或监察的案件亮牌 {total} 张（{levels}）：\n{lines}{more}")


def _named_cards(claimed):
    """Each agency's most urgent new cards (at most LISTED), with the case number and which clock."""
    ranked = (claimed.annotate(rank=Window(RowNumber(), partition_by=[F("agency_id")],
                                           order_by=[F("level").desc(), F("due_on").asc(), F("pk").asc()]))
              .filter(rank__lte=LISTED).values_list("case_type", "case_id", "clock_id", "agency_id", "level", "due_on"))
    rows = list(ranked)
    by_type = defaultdict(set)
    for case_type, case_id, *_ in rows:
        by_type[case_type].add(case_id)
    cases = {}
    for key, ids in by_type.items():
        case_type = registry.get(key)
        fields = ["pk", case_type.number_field, *(f"{slot.field}_id" for slot in case_type.clocks)]
        for pk, number, *clock_ids in case_type.model.objects.filter(pk__in=ids).values_list(*fields):
            labels = {clock_id: slot.label for slot, clock_id in zip(case_type.clocks, clock_ids, strict=True)}
            cases[(key, pk)] = (case_type, number, labels)
    named = defaultdict(list)  # (agency, case type) -> [(level, due_on, line)]
    for key, case_id, clock_id, agency_id, level, due_on in rows:
        if (key, case_id) not in cases:
            continue
        case_type, number, labels = cases[(key, case_id)]
        line = (f"{CardLevel(level).label}：{case_type.label} {number}（{labels.get(clock_id, '时限')}，"
                f"到期日 {due_on:%Y-%m-%d}）")
        named[(agency_id, key)].append((level, due_on, line))
    return named


def _digests(claim) -> dict[int, Digest]:
    claimed = Card.objects.filter(notify_claim=claim)
    counts = defaultdict(Counter)  # (agency, case type) -> {level: n}
    for agency_id, key, level, n in (claimed.order_by().values("agency_id", "case_type", "level")
                                     .annotate(n=Count("pk")).values_list("agency_id", "case_type", "level", "n")):
        counts[(agency_id, key)][level] += n
    named = _named_cards(claimed)
    digests: dict[int, Digest] = defaultdict(Digest)
    told = defaultdict(set)  # user -> (agency, case type) already in their digest (one may be handler and 监察员)

    def tell(user_id, agency_id, key, level_counts):
        if (agency_id, key) not in told[user_id]:
            told[user_id].add((agency_id, key))
            digests[user_id].add_counts(level_counts)
            digests[user_id].named.extend(named[(agency_id, key)])

    agency_ids = {agency_id for agency_id, _ in counts}
    # The agency's own staff, by the roles each case type names.
    grants = defaultdict(set)
    for agency_id, role, user_id in grants_at(agency_ids):
        grants[agency_id].add((role, user_id))
    for (agency_id, key), level_counts in counts.items():
        roles = set(registry.get(key).handler_roles)
        for user_id in {user for role, user in grants[agency_id] if role in roles}:
            tell(user_id, agency_id, key, level_counts)
    # Supervisors: every 监察员 whose role's agency is the card's agency or above it.
    paths = dict(Agency.objects.filter(pk__in=agency_ids).values_list("pk", "path"))
    for inspector_path, user_id in holders_by_path(Role.INSPECTOR):
        for (agency_id, key), level_counts in counts.items():
            if paths.get(agency_id, "").startswith(inspector_path):
                tell(user_id, agency_id, key, level_counts)
    # The case's own assignee, where the case type has one.
    for case_type in registry.case_types():
        if not case_type.assignee_field or not any(key == case_type.key for _, key in counts):
            continue
        assignee = f"{case_type.assignee_field}_id"
        assigned = {pk: (user_id, number) for pk, user_id, number in case_type.model.objects.filter(
            pk__in=claimed.filter(case_type=case_type.key).values("case_id"), **{f"{assignee}__isnull": False})
            .values_list("pk", assignee, case_type.number_field)}
        if not assigned:
            continue
        for case_id, level, due_on in (claimed.filter(case_type=case_type.key, case_id__in=list(assigned))
                                       .values_list("case_id", "level", "due_on")):
            user_id, number = assigned[case_id]
            digests[user_id].counts[level] += 1
            digests[user_id].named.append(
                (level, due_on, f"{CardLevel(level).label}：{case_type.label} {number}（到期日 {due_on:%Y-%m-%d}）"))
    return digests


def notify_new_cards(claim: uuid.UUID) -> int:
    """Notify everyone concerned by the cards of `claim` and by any not yet notified; returns the number of
    messages sent. Runs inside the sweep's transaction, so the messages commit with the cards."""
    from .sweep import claim_unnotified

    with transaction.atomic():
        claim_unnotified(claim)
        digests = _digests(claim)
        if not digests:
            return 0
        users = get_user_model().objects.filter(is_active=True).in_bulk(list(digests))
        messages = [(users[user_id], *digest.message()) for user_id, digest in digests.items() if user_id in users]
        notify_each("site", messages)
    return len(messages)
