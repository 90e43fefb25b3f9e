"""Chinese search benchmark: python bench/search [--n 100000] [--database-url postgres://...].

Builds N synthetic items (~1,500 characters each) whose words are drawn by frequency from jieba's
own dictionary, indexes them through zhengwu.search.engine.SearchIndex (the code path of the Wagtail
backend: same tokenisation, storage, champion lists and ranked top-20 SQL), then times a fixed
query set against the index and against a plain LIKE '%q%' scan of the same texts.

The dictionary: rjieba embeds jieba's dict.txt compressed in its binary and ships no readable copy;
its word frequencies are read back through rjieba.suggest_freq() (which returns the dictionary
frequency of a dictionary word) for every dictionary word among: the characters of pypinyin's table,
all pairs of the 2,500 commonest characters, 3- and 4-character extensions of the commonest
2-character words, and pypinyin's phrase table (~150k words; the dictionary has ~350k, the rest
being rare). Pass --dict path/to/jieba/dict.txt to use a
jieba-format dictionary file instead.

The database is its own: a temporary SQLite file (default), or the PostgreSQL database named in
--database-url, created and dropped by the run.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

QUERIES = ["政府", "发展", "公开", "预算", "信息公开", "电子监察", "公共资源交易", "听证", "政府 发展", "预算 公开"]
RARE_FREQ = 300  # query phrases that are not dictionary words (信息公开, 电子监察, 公共资源交易) occur this often
ROOT = Path(__file__).resolve().parents[2]


def dictionary(path=None):
    """[(word, freq)] from a jieba dict.txt, or read back from rjieba's embedded dictionary."""
    if path:
        words = []
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                words.append((parts[0], int(parts[1])))
        return words
    import rjieba
    from pypinyin import phrases_dict, pinyin_dict

    has_word, freq = rjieba.has_word, rjieba.suggest_freq
    chars = [chr(cp) for cp in pinyin_dict.pinyin_dict if 0x4E00 <= cp <= 0x9FFF and has_word(chr(cp))]
    chars.sort(key=freq, reverse=True)
    candidates = set(chars) | set(phrases_dict.phrases_dict)
    # Every dictionary word of two common characters; three- and four-character words built on the
    # commonest two-character words.
    top = chars[:2500]
    two = [a + b for a in top for b in top if has_word(a + b)]
    candidates.update(two)
    two.sort(key=freq, reverse=True)
    candidates.update(w + c for w in two[:4000] for c in chars[:1500] if has_word(w + c))
    candidates.update(c + w for w in two[:4000] for c in chars[:1500] if has_word(c + w))
    candidates.update(a + b for a in two[:3000] for b in two[:3000] if has_word(a + b))
    words = [(w, RARE_FREQ) for q in QUERIES for w in q.split() if not has_word(w)]
    for word in sorted(candidates):
        if has_word(word):
            value = freq(word)
            if value > 1:
                words.append((word, value))
    return words


class Generator:
    def __init__(self, words, seed):
        self.words = [w for w, _ in words]
        self.cum = []
        total = 0
        for _, freq in words:
            total += freq
            self.cum.append(total)
        self.total = total
        self.random = random.Random(seed)

    def _sample(self, k):
        return self.random.choices(self.words, cum_weights=self.cum, k=k)

    def text(self, chars):
        out, size = [], 0
        while size < chars:
            clause = "".join(self._sample(self.random.randint(4, 12)))
            out.append(clause + self.random.choice("，，，。；"))
            size += len(clause) + 1
        return "".join(out)

    def title(self):
        return "".join(self._sample(self.random.randint(4, 9)))[:30]


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "zhengwu_search", verbosity=0)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="items to index (default 100000)")
    parser.add_argument("--chars", type=int, default=1500, help="characters per item (default 1500)")
    parser.add_argument("--database-url", default="", help="postgres://... (default: a temporary SQLite file)")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query (default 20)")
    parser.add_argument("--batch", type=int, default=500, help="items per index call (default 500)")
    parser.add_argument("--dict", default="", help="a jieba-format dict.txt to draw words from")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    tmpdir = None
    admin_url = None
    if args.database_url.startswith("postgres"):
        import psycopg

        base, _, dbname = args.database_url.rpartition("/")
        admin_url = f"{base}/postgres"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{dbname}"')
            conn.execute(f'CREATE DATABASE "{dbname}"')
        database_url = args.database_url
    else:
        tmpdir = tempfile.mkdtemp(prefix="zhengwu-bench-search-")
        database_url = f"sqlite:///{tmpdir}/bench.sqlite3"
    try:
        run(args, database_url)
    finally:
        from django.db import connections

        connections.close_all()
        if tmpdir and not args.keep:
            shutil.rmtree(tmpdir, ignore_errors=True)
        if admin_url and not args.keep:
            import psycopg

            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{args.database_url.rpartition("/")[2]}"')


def run(args, database_url):
    t0 = time.perf_counter()
    words = dictionary(args.dict or None)
    print(f"dictionary: {len(words)} words, total frequency {sum(f for _, f in words):,} "
          f"({'file ' + args.dict if args.dict else 'read back from rjieba'}) in {time.perf_counter() - t0:.1f}s")
    setup_django(database_url)
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from zhengwu.search.engine import IndexDoc, SearchIndex, parse

    engine = SearchIndex()
    engine.reset()
    ct = ContentType.objects.get_or_create(app_label="bench_search", model="item")[0].pk
    vendor = connection.vendor
    print(f"database: {vendor} {connection.settings_dict['NAME']}; {args.n:,} items × ~{args.chars} chars; "
          f"champion lists for df ≥ {engine.champion_min_df}, {engine.champion_size} entries each")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_search_item")
        cursor.execute("CREATE TABLE bench_search_item (id integer PRIMARY KEY, title text, body text)")

    gen = Generator(words, args.seed)
    gen_time = index_time = 0.0
    for start in range(0, args.n, args.batch):
        t = time.perf_counter()
        items = [(i, gen.title(), gen.text(args.chars)) for i in range(start + 1, min(args.n, start + args.batch) + 1)]
        gen_time += time.perf_counter() - t
        t = time.perf_counter()
        engine.index([IndexDoc(ct, i, title, body, title) for i, title, body in items])
        index_time += time.perf_counter() - t
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany("INSERT INTO bench_search_item (id, title, body) VALUES (%s, %s, %s)", items)
        done = start + len(items)
        if done % 10_000 == 0 or done == args.n:
            print(f"  indexed {done:,} items: {done / index_time:,.0f} items/s", flush=True)
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE zhengwu_search_document")
            cursor.execute("VACUUM ANALYZE bench_search_item")
    print(f"indexing: {args.n / index_time:,.0f} items/s ({index_time:.1f}s; generating texts took {gen_time:.1f}s)")

    exprs = {q: parse(q) for q in QUERIES}
    print("\ncold (first) query per term — builds the champion list of a high-df term once:")
    cold = {}
    for q, expr in exprs.items():
        t = time.perf_counter()
        engine.search(expr, [ct], limit=20)
        engine.count(expr, [ct])
        cold[q] = (time.perf_counter() - t) * 1000
    print("  " + ", ".join(f"{q} {ms:.0f}ms" for q, ms in cold.items()))

    # Index-time maintenance with the lists in place: a further batch of items.
    extra = min(1000, max(100, args.n // 100))
    items = [(args.n + i, gen.title(), gen.text(args.chars)) for i in range(1, extra + 1)]
    t = time.perf_counter()
    for i in range(0, extra, 100):
        engine.index([IndexDoc(ct, j, title, body, title) for j, title, body in items[i:i + 100]])
    maint = time.perf_counter() - t
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany("INSERT INTO bench_search_item (id, title, body) VALUES (%s, %s, %s)", items)
    print(f"incremental indexing with champion lists maintained: {extra / maint:,.0f} items/s ({extra} items)")

    like_sql = {
        "sqlite": "SELECT id FROM bench_search_item WHERE title LIKE %s OR body LIKE %s",
        "postgresql": "SELECT id FROM bench_search_item WHERE title LIKE %s OR body LIKE %s",
    }[vendor]

    def like(q):
        with connection.cursor() as cursor:
            words_ = q.split()
            where = " AND ".join(["(title LIKE %s OR body LIKE %s)"] * len(words_))
            params = [p for w in words_ for p in (f"%{w}%", f"%{w}%")]
            cursor.execute(f"SELECT count(*) FROM bench_search_item WHERE {where}", params)
            total = cursor.fetchone()[0]
            cursor.execute(f"SELECT id FROM bench_search_item WHERE {where} ORDER BY id DESC LIMIT 20", params)
            return total, cursor.fetchall()

    del like_sql
    ranked_times, like_times, rows = [], [], []
    for q, expr in exprs.items():
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            hits = engine.search(expr, [ct], limit=20)
            total = engine.count(expr, [ct])
            times.append((time.perf_counter() - t) * 1000)
        scans = []
        for _ in range(max(1, min(3, args.repeat))):
            t = time.perf_counter()
            like_total, _ = like(q)
            scans.append((time.perf_counter() - t) * 1000)
        ranked_times += times
        like_times += scans
        rows.append((q, total, like_total, len(hits), statistics.median(times), percentile(times, 95),
                     statistics.median(scans)))

    print(f"\n{'query':<14}{'matches':>9}{'LIKE hits':>10}{'top':>5}{'p50 ms':>9}{'p95 ms':>9}{'LIKE ms':>10}{'speed-up':>10}")
    for q, total, like_total, n, p50, p95, scan in rows:
        print(f"{q:<14}{total:>9,}{like_total:>10,}{n:>5}{p50:>9.1f}{p95:>9.1f}{scan:>10.0f}{scan / p50:>9.0f}×")
    p50, p95 = statistics.median(ranked_times), percentile(ranked_times, 95)
    scan = statistics.median(like_times)
    print(f"{'ALL':<14}{'':>9}{'':>10}{'':>5}{p50:>9.1f}{p95:>9.1f}{scan:>10.0f}{scan / p50:>9.0f}×")
    print(f"\nranked top-20 + exact count over {len(QUERIES)} queries × {args.repeat}: p50 {p50:.1f} ms, "
          f"p95 {p95:.1f} ms; LIKE scan median {scan:.0f} ms ({scan / p95:.0f}× the ranked p95)")
    print("'matches' counts items holding every query word as a token; 'LIKE hits' counts substrings "
          "(the scan also finds a word inside a longer word or across two words).")


if __name__ == "__main__":
    main()
