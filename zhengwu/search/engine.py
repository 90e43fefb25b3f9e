"""The search engine proper, independent of Wagtail: index documents, rank and count matches.

Used by the Wagtail backend (zhengwu.search.backend) and, unchanged, by bench/search.

Ranking: BM25 with the title weighted (storage.TITLE_WEIGHT). A term found in many documents
(df ≥ champion_min_df, e.g. 政府 in 3 of 4 documents) gets a champion list: its top
`champion_size` documents by BM25 impact, kept in impact order in zhengwu_search_champion and
maintained on every add/delete (a document enters when its impact beats the list's floor), plus its
exact document count per content type. A single-term query then reads its top-k from that list
(exact: every document outside has an impact ≤ floor) and its count from the counts table; a
conjunction of high-df terms scores only the union of their champion lists (Manning et al. §7.1.3;
approximate ranking, exact count by FTS); anything else is ranked by the database's full-text index.
"""

import time
from collections import Counter, defaultdict, namedtuple

from django.db import connections, models, transaction

from . import storage as st
from .models import Champion, ChampionCount, ChampionList, Document, IndexStats
from .text import compact, index_tokens, query_terms, split_query

IndexDoc = namedtuple("IndexDoc", "content_type_id object_id title body autocomplete")
Hit = namedtuple("Hit", "doc_id object_id content_type_id score")

TEXT_COLUMNS = ["title", "body"]


def parse(q, operator="and", prefix_last=False):
    """A raw query string → expression: words joined by `operator`, "quoted phrases" required."""
    plain, phrases = split_query(q)
    terms = query_terms(plain)
    nodes = []
    if terms:
        leaves = [("term", t, prefix_last and i == len(terms) - 1) for i, t in enumerate(terms)]
        nodes.append(leaves[0] if len(leaves) == 1 else (operator.lower(), leaves))
    for phrase in phrases:
        tokens = query_terms(phrase)
        if len(tokens) == 1:
            nodes.append(("term", tokens[0], False))
        elif tokens:
            nodes.append(("phrase", compact(phrase), tokens))
    if not nodes:
        return None
    return nodes[0] if len(nodes) == 1 else ("and", nodes)


class SearchIndex:
    def __init__(self, using="default", champion_min_df=2000, champion_size=1000, stats_ttl=5.0):
        self.using = using
        self.champion_min_df = champion_min_df
        self.champion_size = champion_size
        self.stats_ttl = stats_ttl
        self._stats = None

    @property
    def connection(self):
        return connections[self.using]

    @property
    def storage(self):
        return st.storage_for(self.connection)

    # -- indexing ------------------------------------------------------------------------------------
    def index(self, docs):
        """Add or replace documents (IndexDoc with raw title/body/autocomplete text)."""
        docs = list({(d.content_type_id, str(d.object_id)): d for d in docs}.values())
        if not docs:
            return
        prepared = []
        for doc in docs:
            title, body, auto = index_tokens(doc.title), index_tokens(doc.body), index_tokens(doc.autocomplete)
            prepared.append((doc, title, body, auto))
        with transaction.atomic(using=self.using):
            by_ct = defaultdict(list)
            for doc, *_ in prepared:
                by_ct[doc.content_type_id].append(str(doc.object_id))
            existing, old_tokens = {}, 0
            for ct, object_ids in by_ct.items():
                for i in range(0, len(object_ids), 500):
                    rows = Document.objects.using(self.using).filter(
                        content_type_id=ct, object_id__in=object_ids[i:i + 500]).values_list("object_id", "id", "length")
                    existing.update({(ct, oid): pk for oid, pk, _ in rows})
                    old_tokens += sum(length for _, _, length in rows)
            if existing:
                self._forget(list(existing.values()), delete_documents=False)
            new, old = [], []
            for doc, title, body, auto in prepared:
                row = Document(content_type_id=doc.content_type_id, object_id=str(doc.object_id),
                               title=_compact_text(doc.title),
                               body=_compact_text(doc.body), length=len(title) + len(body) + len(auto) + 1)
                pk = existing.get((doc.content_type_id, str(doc.object_id)))
                if pk:
                    row.pk = pk
                    old.append(row)
                else:
                    new.append(row)
            manager = Document.objects.using(self.using)
            if old:
                manager.bulk_update(old, ["title", "body", "length"], batch_size=500)
            if new:
                manager.bulk_create(new, batch_size=500)
                if any(r.pk is None for r in new):  # backends without RETURNING
                    ids = dict(manager.filter(object_id__in=[r.object_id for r in new]).values_list(
                        "object_id", "id"))
                    for r in new:
                        r.pk = ids[r.object_id]
            self._count(len(new), sum(r.length for r in old + new) - old_tokens)
            rows = old + new
            by_key = {(r.content_type_id, r.object_id): r for r in rows}
            fts_rows = []
            for doc, title, body, auto in prepared:
                row = by_key[(doc.content_type_id, str(doc.object_id))]
                fts_rows.append((row.pk, row.content_type_id, title, body, auto))
            with self.connection.cursor() as cursor:
                self.storage.insert(cursor, fts_rows)
            self._add_to_champions([(by_key[(d.content_type_id, str(d.object_id))], t, b) for d, t, b, _ in prepared])
        self._stats = None

    def delete(self, content_type_ids, object_ids):
        ids = list(Document.objects.using(self.using).filter(
            content_type_id__in=list(content_type_ids), object_id__in=[str(o) for o in object_ids]
        ).values_list("id", flat=True))
        if ids:
            with transaction.atomic(using=self.using):
                self._forget(ids, delete_documents=True)
        self._stats = None

    def delete_stale(self, content_type_ids, live_object_ids_sql):
        """Remove documents of these content types whose object id is not in the given queryset of ids."""
        ids = list(Document.objects.using(self.using).filter(content_type_id__in=list(content_type_ids)).exclude(
            object_id__in=live_object_ids_sql).values_list("id", flat=True))
        for i in range(0, len(ids), 500):
            with transaction.atomic(using=self.using):
                self._forget(ids[i:i + 500], delete_documents=True)
        self._stats = None

    def reset(self):
        with transaction.atomic(using=self.using):
            with self.connection.cursor() as cursor:
                self.storage.reset(cursor)
            for model in (Champion, ChampionCount, ChampionList, Document, IndexStats):
                model.objects.using(self.using).all().delete()
        self._stats = None

    def _forget(self, doc_ids, delete_documents):
        """Remove documents' full-text rows, champion entries and counts."""
        champion_terms = set(ChampionList.objects.using(self.using).values_list("term", flat=True))
        with self.connection.cursor() as cursor:
            for i in range(0, len(doc_ids), 500):
                chunk = doc_ids[i:i + 500]
                if champion_terms:
                    tokens = self.storage.tokens_of(cursor, chunk)
                    cts = dict(Document.objects.using(self.using).filter(id__in=chunk).values_list(
                        "id", "content_type_id"))
                    delta = Counter()
                    for doc_id, terms in tokens.items():
                        for term in terms & champion_terms:
                            delta[(term, cts[doc_id])] -= 1
                    self._apply_counts(delta)
                    removed = Counter(Champion.objects.using(self.using).filter(
                        document_id__in=chunk).values_list("term", flat=True))
                    if removed:
                        Champion.objects.using(self.using).filter(document_id__in=chunk).delete()
                        lists = ChampionList.objects.using(self.using).in_bulk(list(removed))
                        stale = []
                        for term, n in removed.items():
                            lst = lists[term]
                            lst.size -= n
                            if lst.floor > 0 and lst.size < self.champion_size // 2:
                                stale.append(term)  # too short to answer deep pages: rebuilt on next query
                        ChampionList.objects.using(self.using).bulk_update(list(lists.values()), ["size"])
                        for term in stale:
                            self.drop_champion(term)
                self.storage.delete(cursor, chunk)
                if delete_documents:
                    gone = Document.objects.using(self.using).filter(id__in=chunk)
                    totals = gone.aggregate(n=models.Count("id"), tokens=models.Sum("length"))
                    gone._raw_delete(using=self.using)
                    self._count(-totals["n"], -(totals["tokens"] or 0))

    def _count(self, documents, tokens):
        manager = IndexStats.objects.using(self.using)
        if not manager.filter(pk=1).update(documents=models.F("documents") + documents,
                                           tokens=models.F("tokens") + tokens):
            totals = Document.objects.using(self.using).aggregate(n=models.Count("id"), t=models.Sum("length"))
            manager.create(pk=1, documents=totals["n"], tokens=totals["t"] or 0)

    def _apply_counts(self, delta):
        if not delta:
            return
        manager = ChampionCount.objects.using(self.using)
        terms = {term for term, _ in delta}
        current = {(c.term, c.content_type_id): c for c in manager.filter(term__in=terms)}
        update, create = [], []
        for (term, ct), change in delta.items():
            if not change:
                continue
            row = current.get((term, ct))
            if row:
                row.df += change
                update.append(row)
            else:
                create.append(ChampionCount(term=term, content_type_id=ct, df=change))
        manager.bulk_update(update, ["df"], batch_size=500)
        manager.bulk_create(create, batch_size=500)

    def _add_to_champions(self, entries):
        """entries: (Document row, title tokens, body tokens) just indexed."""
        lists = {lst.term: lst for lst in ChampionList.objects.using(self.using).all()}
        if not lists:
            return
        new_rows, delta, touched = [], Counter(), set()
        for row, title, body in entries:
            tf = Counter()
            for t in title:
                if t in lists:
                    tf[t] += st.TITLE_WEIGHT
            for t in body:
                if t in lists:
                    tf[t] += 1.0
            for term, wtf in tf.items():
                delta[(term, row.content_type_id)] += 1
                lst = lists[term]
                value = st.impact(wtf, row.length, lst.avgdl)
                if lst.size < self.champion_size or value > lst.floor:
                    new_rows.append(Champion(term=term, document_id=row.pk, content_type_id=row.content_type_id,
                                             impact=value))
                    lst.size += 1
                    touched.add(term)
        Champion.objects.using(self.using).bulk_create(new_rows, batch_size=1000)
        self._apply_counts(delta)
        for term in touched:
            lst = lists[term]
            if lst.size > 2 * self.champion_size:
                self._trim(lst)
        ChampionList.objects.using(self.using).bulk_update([lists[t] for t in touched], ["size", "floor"])

    def _trim(self, lst):
        manager = Champion.objects.using(self.using).filter(term=lst.term)
        cutoff = manager.order_by("-impact").values_list("impact", flat=True)[self.champion_size - 1]
        manager.filter(impact__lt=cutoff).delete()
        lst.floor = max(lst.floor, cutoff)
        lst.size = manager.count()

    # -- champion lists --------------------------------------------------------------------------------
    def build_champion(self, term, df=None):
        """(Re)build the champion list and exact per-content-type counts of one term."""
        with transaction.atomic(using=self.using):
            self.drop_champion(term)
            avgdl = self.stats()["avgdl"] or 1.0
            with self.connection.cursor() as cursor:
                postings = self.storage.term_postings(cursor, term)
            counts = Counter(ct for _, ct, _, _ in postings)
            scored = sorted(((st.impact(wtf, length, avgdl), doc_id, ct) for doc_id, ct, length, wtf in postings),
                            reverse=True)
            top = scored[:self.champion_size]
            floor = top[-1][0] if len(scored) > self.champion_size else 0.0
            Champion.objects.using(self.using).bulk_create(
                [Champion(term=term, document_id=d, content_type_id=ct, impact=v) for v, d, ct in top],
                batch_size=1000)
            ChampionCount.objects.using(self.using).bulk_create(
                [ChampionCount(term=term, content_type_id=ct, df=n) for ct, n in counts.items()])
            return ChampionList.objects.using(self.using).create(term=term, avgdl=avgdl, floor=floor, size=len(top))

    def drop_champion(self, term):
        Champion.objects.using(self.using).filter(term=term).delete()
        ChampionCount.objects.using(self.using).filter(term=term).delete()
        ChampionList.objects.using(self.using).filter(term=term).delete()

    def build_champions(self, min_df=None):
        """Build champion lists for every term with df ≥ min_df (run after a bulk load / update_index)."""
        with self.connection.cursor() as cursor:
            terms = self.storage.frequent_terms(cursor, min_df or self.champion_min_df)
        for term, df in terms:
            self.build_champion(term, df)
        return len(terms)

    def rebuild_champions(self):
        for term in list(ChampionList.objects.using(self.using).values_list("term", flat=True)):
            self.build_champion(term)

    # -- querying --------------------------------------------------------------------------------------
    def stats(self):
        now = time.monotonic()
        if self._stats is None or now - self._stats[0] > self.stats_ttl:
            row = IndexStats.objects.using(self.using).filter(pk=1).values_list("documents", "tokens").first()
            n, tokens = row or (0, 0)
            self._stats = (now, {"n": n, "avgdl": tokens / n if n else 0.0})
        return self._stats[1]

    def _champions(self, terms):
        return ChampionList.objects.using(self.using).in_bulk(list(terms))

    def _df(self, cursor, term, champions, ensure=True):
        lst = champions.get(term)
        if lst is not None:
            return sum(ChampionCount.objects.using(self.using).filter(term=term).values_list("df", flat=True))
        df = self.storage.df(cursor, term)
        if ensure and df >= self.champion_min_df:
            champions[term] = self.build_champion(term, df)
        return df

    def search(self, expr, content_type_ids, columns=None, limit=20, offset=0):
        """Ranked hits [Hit] for the expression within these content types."""
        columns = columns or TEXT_COLUMNS
        ct_ids = list(content_type_ids)
        positive = list(dict.fromkeys(st.terms_of(expr)))
        stats = dict(self.stats())
        champions = self._champions(positive) if columns != ["autocomplete"] else {}
        with self.connection.cursor() as cursor:
            if columns != ["autocomplete"]:
                prefixed = {t[1] for t in st._walk(expr) if t[0] == "term" and t[2]}
                stats["df"] = {t: self._df(cursor, t, champions) for t in positive if t not in prefixed}
            else:
                stats["df"] = {}
            need = None if limit is None else offset + limit
            if expr[0] == "term" and not expr[2] and expr[1] in champions and columns == TEXT_COLUMNS:
                hits = self._from_champion(cursor, expr[1], champions[expr[1]], ct_ids, offset, limit, stats)
                if hits is not None:
                    return hits
            elif (need is not None and expr[0] in ("and", "phrase") and positive
                  and all(t in champions for t in positive) and columns == TEXT_COLUMNS):
                candidates = set(Champion.objects.using(self.using).filter(
                    term__in=positive, content_type_id__in=ct_ids).values_list("document_id", flat=True))
                if len(candidates) >= need:
                    rows = self.storage.ranked(cursor, expr, ct_ids, columns, need, 0, ids=candidates, stats=stats)
                    if len(rows) >= need:
                        return [Hit(*r) for r in rows[offset:need]]
            rows = self.storage.ranked(cursor, expr, ct_ids, columns, limit, offset, stats=stats)
        return [Hit(*r) for r in rows]

    def _from_champion(self, cursor, term, lst, ct_ids, offset, limit, stats):
        need = None if limit is None else offset + limit
        complete = lst.floor <= 0
        sql, values = st._in(ct_ids)
        cursor.execute(
            f"SELECT c.document_id, d.object_id, c.content_type_id, c.impact FROM {Champion._meta.db_table} c "
            f"JOIN {st.DOC} d ON d.id = c.document_id WHERE c.term = %s AND c.content_type_id IN ({sql}) "
            f"ORDER BY c.impact DESC, c.document_id DESC" + (" LIMIT %s" if need is not None else ""),
            [term] + values + ([need] if need is not None else []),
        )
        rows = cursor.fetchall()
        if need is not None and len(rows) < need and not complete:
            return None  # deeper than the champion list: rank by the full index
        weight = st.idf(stats["n"], stats["df"].get(term, 0))
        return [Hit(d, o, c, weight * v) for d, o, c, v in rows[offset:need]]

    def count(self, expr, content_type_ids, columns=None):
        columns = columns or TEXT_COLUMNS
        ct_ids = list(content_type_ids)
        if expr[0] == "term" and not expr[2] and columns == TEXT_COLUMNS:
            if ChampionList.objects.using(self.using).filter(term=expr[1]).exists():
                return sum(ChampionCount.objects.using(self.using).filter(
                    term=expr[1], content_type_id__in=ct_ids).values_list("df", flat=True))
        with self.connection.cursor() as cursor:
            return self.storage.count(cursor, expr, ct_ids, columns)

    def ids_sql(self, expr, content_type_ids, columns=None):
        return self.storage.ids_sql(expr, list(content_type_ids), columns or TEXT_COLUMNS)


def _compact_text(text):
    return compact(text or "")
