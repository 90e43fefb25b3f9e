"""Vendor-specific full-text storage and SQL: SQLite FTS5 or PostgreSQL tsvector + GIN.

Both store the rjieba search-mode tokens (already normalised), so neither database tokenises
Chinese itself: FTS5's unicode61 tokenizer only splits on the spaces between tokens (tokens hold
letters and digits only), and on PostgreSQL the tsvector/tsquery literals are built directly from
the tokens (what to_tsvector('simple', ...) would give for them: no stemming, no stop words).

Expressions (built by zhengwu.search.engine):
  ("term", token, prefix)   ("and", [e...])   ("or", [e...])   ("andnot", e, e)
  ("phrase", compact_text, [tokens])  – all tokens present, then the compact text must contain it.
Columns: "title", "body", "autocomplete" (searched alone, by prefix). Ranking is the same BM25 on both vendors:
  score = Σ_term idf(term) · wtf·(k1+1) / (wtf + k1·(1 − b + b·dl/avgdl)),  wtf = TITLE_WEIGHT·tf_title + tf_body
(SQLite: FTS5's own bm25() with column weights; PostgreSQL: the same formula in SQL, with the
weighted tf read by ts_rank_cd over A (title) and D (body) weighted positions.)
"""

import math

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 5.0
MAX_POSITIONS = 16383

DOC = "zhengwu_search_document"


def idf(n, df):
    value = math.log((n - df + 0.5) / (df + 0.5)) if df else 0.0
    return value if value > 0 else 1e-6


def impact(wtf, length, avgdl):
    """The per-term part of BM25 (without idf): what champion lists are ordered by."""
    if wtf <= 0:
        return 0.0
    return wtf * (K1 + 1) / (wtf + K1 * (1 - B + B * length / (avgdl or 1.0)))


def terms_of(expr, positive=True):
    """The tokens of an expression; positive=True leaves out negated parts."""
    kind = expr[0]
    if kind == "term":
        return [expr[1]]
    if kind == "phrase":
        return list(expr[2])
    if kind == "andnot":
        return terms_of(expr[1], positive) + ([] if positive else terms_of(expr[2], positive))
    return [t for child in expr[1] for t in terms_of(child, positive)]


def _in(values):
    values = list(values)
    return ", ".join(["%s"] * len(values)), values


class Storage:
    vendor = None
    phrase_function = None  # SQL function (haystack, needle) > 0 when needle is in haystack

    # -- phrase verification predicate on the document row "d" ------------------------------------
    def predicate(self, expr, columns):
        kind = expr[0]
        if kind == "term":
            return None
        if kind == "phrase":
            cols = [c for c in ("title", "body") if c in columns] or ["title", "body"]
            sql = " OR ".join(f"{self.phrase_function}(d.{c}, %s) > 0" for c in cols)
            return f"({sql})", [expr[1]] * len(cols)
        if kind == "andnot":
            return self.predicate(expr[1], columns)
        parts = [self.predicate(child, columns) for child in expr[1]]
        if kind == "or" and any(p is None for p in parts):
            return None
        parts = [p for p in parts if p is not None]
        if not parts:
            return None
        joiner = " AND " if kind == "and" else " OR "
        return "(" + joiner.join(p[0] for p in parts) + ")", [v for p in parts for v in p[1]]

    def _filters(self, expr, ct_ids, columns, ids=None):
        where, params = [], []
        sql, values = _in(ct_ids)
        where.append(f"d.content_type_id IN ({sql})")
        params += values
        pred = self.predicate(expr, columns)
        if pred:
            where.append(pred[0])
            params += pred[1]
        if ids is not None:
            sql, values = _in(ids)
            where.append(f"d.id IN ({sql})")
            params += values
        return where, params


class SQLiteStorage(Storage):
    """FTS5 table (title, body, autocomplete, ct): the content type is a token ("c12") of its own column,
    so restricting to content types happens inside MATCH, without joining the document table."""

    vendor = "sqlite"
    phrase_function = "instr"
    FTS = "zhengwu_search_fts"

    def create(self, connection):
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.FTS} USING fts5(title, body, autocomplete, ct)")
            cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.FTS}_row USING fts5vocab({self.FTS}, row)")
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.FTS}_inst USING fts5vocab({self.FTS}, instance)")

    def drop(self, connection):
        with connection.cursor() as cursor:
            for suffix in ("_inst", "_row", ""):
                cursor.execute(f"DROP TABLE IF EXISTS {self.FTS}{suffix}")

    def insert(self, cursor, rows):
        """rows: (doc_id, content_type_id, title tokens, body tokens, autocomplete tokens)."""
        cursor.executemany(
            f"INSERT INTO {self.FTS} (rowid, title, body, autocomplete, ct) VALUES (%s, %s, %s, %s, %s)",
            [(doc_id, " ".join(t), " ".join(b), " ".join(a), f"c{ct}") for doc_id, ct, t, b, a in rows],
        )

    def delete(self, cursor, doc_ids):
        cursor.executemany(f"DELETE FROM {self.FTS} WHERE rowid = %s", [(i,) for i in doc_ids])

    def tokens_of(self, cursor, doc_ids):
        sql, values = _in(doc_ids)
        cursor.execute(f"SELECT rowid, title, body FROM {self.FTS} WHERE rowid IN ({sql})", values)
        return {row[0]: set(f"{row[1]} {row[2]}".split()) for row in cursor.fetchall()}

    def reset(self, cursor):
        cursor.execute(f"DELETE FROM {self.FTS}")

    def _lexeme(self, token, prefix=False):
        return '"' + token.replace('"', '""') + '"' + ("*" if prefix else "")

    def match(self, expr):
        kind = expr[0]
        if kind == "term":
            return self._lexeme(expr[1], expr[2])
        if kind == "phrase":
            return "(" + " AND ".join(self._lexeme(t) for t in expr[2]) + ")"
        if kind == "andnot":
            negated = expr[2]
            if negated[0] == "phrase":  # NOT a phrase: FTS5 phrase of its tokens
                right = '"' + " ".join(t.replace('"', '""') for t in negated[2]) + '"'
            else:
                right = self.match(negated)
            return f"({self.match(expr[1])} NOT {right})"
        joiner = " AND " if kind == "and" else " OR "
        return "(" + joiner.join(self.match(child) for child in expr[1]) + ")"

    def _match_param(self, expr, columns, ct_ids=None):
        param = "{" + " ".join(columns) + "} : " + self.match(expr)
        if ct_ids is not None:
            param = f"({param}) AND {{ct}} : (" + " OR ".join(f"c{int(c)}" for c in ct_ids) + ")"
        return param

    def _weights(self, columns):
        return f"{TITLE_WEIGHT}, 1.0, {1.0 if columns == ['autocomplete'] else 0.0}, 0.0"

    def ranked(self, cursor, expr, ct_ids, columns, limit, offset=0, ids=None, stats=None):
        pred = self.predicate(expr, columns)
        limits = [limit if limit is not None else -1, offset]
        score = f"-bm25({self.FTS}, {self._weights(columns)})"
        if pred:  # phrases: verify on the document row
            where, params = self._filters(expr, ct_ids, columns, ids)
            cursor.execute(
                f"SELECT d.id, d.object_id, d.content_type_id, {score} AS score FROM {self.FTS} f "
                f"CROSS JOIN {DOC} d ON d.id = f.rowid WHERE {self.FTS} MATCH %s AND " + " AND ".join(where)
                + " ORDER BY score DESC, d.id DESC LIMIT %s OFFSET %s",
                [self._match_param(expr, columns)] + params + limits,
            )
            return cursor.fetchall()
        params = [self._match_param(expr, columns, ct_ids)]
        restrict = ""
        if ids is not None:
            sql, values = _in(ids)
            restrict = f" AND +f.rowid IN ({sql})"  # '+': filter the MATCH scan, don't seek row by row
            params += values
        cursor.execute(
            f"SELECT f.rowid, {score} AS score FROM {self.FTS} f WHERE {self.FTS} MATCH %s{restrict} "
            "ORDER BY score DESC, f.rowid DESC LIMIT %s OFFSET %s",
            params + limits,
        )
        ranked = cursor.fetchall()
        if not ranked:
            return []
        sql, values = _in([r[0] for r in ranked])
        cursor.execute(f"SELECT id, object_id, content_type_id FROM {DOC} WHERE id IN ({sql})", values)
        docs = {row[0]: row for row in cursor.fetchall()}
        return [(*docs[i], score) for i, score in ranked if i in docs]

    def ids_sql(self, expr, ct_ids, columns):
        """(sql, params) selecting the object_id of every matching document."""
        where, params = self._filters(expr, ct_ids, columns)
        return (f"SELECT d.object_id FROM {self.FTS} f CROSS JOIN {DOC} d ON d.id = f.rowid "
                f"WHERE {self.FTS} MATCH %s AND " + " AND ".join(where),
                [self._match_param(expr, columns)] + params)

    def count(self, cursor, expr, ct_ids, columns):
        if self.predicate(expr, columns):
            sql, params = self.ids_sql(expr, ct_ids, columns)
            cursor.execute("SELECT count(*) " + sql[sql.index(" FROM "):], params)
        else:
            cursor.execute(f"SELECT count(*) FROM {self.FTS} WHERE {self.FTS} MATCH %s",
                           [self._match_param(expr, columns, ct_ids)])
        return cursor.fetchone()[0]

    def df(self, cursor, token):
        """Documents (of any type) containing the token in title or body."""
        cursor.execute(f"SELECT count(*) FROM {self.FTS} WHERE {self.FTS} MATCH %s",
                       ["{title body} : " + self._lexeme(token)])
        return cursor.fetchone()[0]

    def frequent_terms(self, cursor, min_df):
        cursor.execute(f"SELECT term, doc FROM {self.FTS}_row WHERE doc >= %s AND term NOT GLOB 'c[0-9]*'",
                       [min_df])
        return cursor.fetchall()

    def term_postings(self, cursor, token):
        """(doc_id, content_type_id, length, weighted tf) of every document holding the token in title/body."""
        cursor.execute(
            f"SELECT i.doc, d.content_type_id, d.length, "
            f"SUM(CASE i.col WHEN 'title' THEN {TITLE_WEIGHT} ELSE 1.0 END) "
            f"FROM {self.FTS}_inst i JOIN {DOC} d ON d.id = i.doc "
            f"WHERE i.term = %s AND i.col IN ('title', 'body') GROUP BY i.doc",
            [token],
        )
        return cursor.fetchall()


class PostgresStorage(Storage):
    """`tsv` (title weight A, body D) and `tsv_auto` tsvector columns with GIN indexes: plain lexeme
    queries on `tsv` need no recheck of the row (no weight restriction unless fields=["title"])."""

    vendor = "postgresql"
    phrase_function = "strpos"
    WEIGHTS = "'{%s, 0, 0, 1}'" % (1.0 / TITLE_WEIGHT)

    def create(self, connection):
        with connection.cursor() as cursor:
            # Move the long values (tsvectors, compact text) out of the heap row: counting a common
            # term's matches visits one small heap tuple per match.
            cursor.execute(f"ALTER TABLE {DOC} SET (toast_tuple_target = 128)")
            for column in ("tsv", "tsv_auto"):
                cursor.execute(f"ALTER TABLE {DOC} ADD COLUMN IF NOT EXISTS {column} tsvector")
                # fastupdate off: no pending list, whose pages the planner would cost (and scan) on every query.
                cursor.execute(f"CREATE INDEX IF NOT EXISTS {DOC}_{column} ON {DOC} USING gin ({column}) "
                               "WITH (fastupdate = off)")

    def drop(self, connection):
        with connection.cursor() as cursor:
            for column in ("tsv", "tsv_auto"):
                cursor.execute(f"DROP INDEX IF EXISTS {DOC}_{column}")
                cursor.execute(f"ALTER TABLE {DOC} DROP COLUMN IF EXISTS {column}")

    @staticmethod
    def _quote(token):
        return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"

    def tsvector(self, *weighted):
        positions = {}
        pos = 0
        for weight, tokens in weighted:
            for token in tokens:
                pos = min(pos + 1, MAX_POSITIONS)
                entry = positions.setdefault(token, [])
                if len(entry) < 255:
                    entry.append(f"{pos}{weight}")
        return " ".join(f"{self._quote(t)}:{','.join(p)}" for t, p in positions.items())

    def insert(self, cursor, rows):
        cursor.executemany(
            f"UPDATE {DOC} SET tsv = %s::tsvector, tsv_auto = %s::tsvector WHERE id = %s",
            [(self.tsvector(("A", t), ("", b)), self.tsvector(("", a)), doc_id) for doc_id, _ct, t, b, a in rows],
        )

    def delete(self, cursor, doc_ids):
        pass  # the tsvectors live on the document row itself

    def tokens_of(self, cursor, doc_ids):
        sql, values = _in(doc_ids)
        cursor.execute(f"SELECT id, tsvector_to_array(tsv) FROM {DOC} WHERE id IN ({sql}) AND tsv IS NOT NULL",
                       values)
        return {row[0]: set(row[1]) for row in cursor.fetchall()}

    def reset(self, cursor):
        pass

    def _column(self, columns):
        return "d.tsv_auto" if columns == ["autocomplete"] else "d.tsv"

    def _lexeme(self, token, columns, prefix=False):
        weight = "A" if columns == ["title"] else ""
        return f"{self._quote(token)}{':' if prefix or weight else ''}{'*' if prefix else ''}{weight}"

    def tsquery(self, expr, columns):
        kind = expr[0]
        if kind == "term":
            return self._lexeme(expr[1], columns, expr[2])
        if kind == "phrase":
            return "(" + " & ".join(self._lexeme(t, columns) for t in expr[2]) + ")"
        if kind == "andnot":
            negated = expr[2]
            if negated[0] == "phrase":
                right = "(" + " <-> ".join(self._lexeme(t, columns) for t in negated[2]) + ")"
            else:
                right = self.tsquery(negated, columns)
            return f"({self.tsquery(expr[1], columns)} & !{right})"
        joiner = " & " if kind == "and" else " | "
        return "(" + joiner.join(self.tsquery(child, columns) for child in expr[1]) + ")"

    def score_sql(self, expr, columns, stats):
        """The BM25 expression over the positive terms (idf from stats: {'n', 'avgdl', 'df': {token: df}})."""
        """(select list of weighted tfs, its params, score over them, its params)."""
        tfs, tf_params, parts, params = [], [], [], []
        auto = columns == ["autocomplete"]
        rank_weights = "'{1, 1, 1, 1}'" if auto else self.WEIGHTS
        title_weight = 1.0 if auto else TITLE_WEIGHT
        prefix = {t[1] for t in _walk(expr) if t[0] == "term" and t[2]}
        for i, token in enumerate(dict.fromkeys(terms_of(expr))):
            tfs.append(f"{title_weight} * ts_rank_cd({rank_weights}, {self._column(columns)}, %s::tsquery, 0) AS w{i}")
            tf_params.append(self._lexeme(token, columns, token in prefix))
            norm = f"({K1} * (1 - {B} + {B} * s.length / %s))"
            parts.append(f"%s * (s.w{i} * {K1 + 1}) / (s.w{i} + {norm} + 1e-9)")
            params += [idf(stats["n"], stats["df"].get(token, 0)), stats["avgdl"] or 1.0]
        return tfs, tf_params, " + ".join(parts) or "0", params

    def ranked(self, cursor, expr, ct_ids, columns, limit, offset=0, ids=None, stats=None):
        where, params = self._filters(expr, ct_ids, columns, ids)
        tfs, tf_params, score, score_params = self.score_sql(expr, columns, stats)
        cursor.execute(
            f"SELECT s.id, s.object_id, s.content_type_id, {score} AS score FROM ("
            f"SELECT d.id, d.object_id, d.content_type_id, d.length{''.join(', ' + t for t in tfs)} FROM {DOC} d "
            f"WHERE {self._column(columns)} @@ %s::tsquery AND " + " AND ".join(where)
            + ") s ORDER BY score DESC, s.id DESC LIMIT %s OFFSET %s",
            score_params + tf_params + [self.tsquery(expr, columns)] + params + [limit, offset],
        )
        return cursor.fetchall()

    def ids_sql(self, expr, ct_ids, columns):
        where, params = self._filters(expr, ct_ids, columns)
        return (f"SELECT d.object_id FROM {DOC} d WHERE {self._column(columns)} @@ %s::tsquery AND "
                + " AND ".join(where), [self.tsquery(expr, columns)] + params)

    def count(self, cursor, expr, ct_ids, columns):
        sql, params = self.ids_sql(expr, ct_ids, columns)
        cursor.execute("SELECT count(*) " + sql[sql.index(" FROM "):], params)
        return cursor.fetchone()[0]

    def df(self, cursor, token):
        cursor.execute(f"SELECT count(*) FROM {DOC} WHERE tsv @@ %s::tsquery", [self._quote(token)])
        return cursor.fetchone()[0]

    def frequent_terms(self, cursor, min_df):
        cursor.execute(f"SELECT word, ndoc FROM ts_stat('SELECT tsv FROM {DOC}') WHERE ndoc >= %s", [min_df])
        return cursor.fetchall()

    def term_postings(self, cursor, token):
        q = self._quote(token)
        cursor.execute(
            f"SELECT d.id, d.content_type_id, d.length, {TITLE_WEIGHT} * ts_rank_cd({self.WEIGHTS}, d.tsv, %s::tsquery, 0) "
            f"FROM {DOC} d WHERE d.tsv @@ %s::tsquery",
            [q, q],
        )
        return cursor.fetchall()


def _walk(expr):
    yield expr
    if expr[0] in ("and", "or"):
        for child in expr[1]:
            yield from _walk(child)
    elif expr[0] == "andnot":
        yield from _walk(expr[1])
        yield from _walk(expr[2])


def storage_for(connection):
    if connection.vendor == "postgresql":
        return PostgresStorage()
    if connection.vendor == "sqlite":
        return SQLiteStorage()
    raise NotImplementedError(f"zhengwu.search supports SQLite and PostgreSQL, not {connection.vendor}")
