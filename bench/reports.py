"""Yearly report benchmark: one agency with 100,000 information requests, a province of 2,000 agencies
with requests of their own; prints the time to build the agency's report (`reports.annual.build`, all six
parts with the cross-checks, which count last year too) and the province's regional summary
(`reports.annual.region`). Targets (issue 5): under 1 s and under 10 s on PostgreSQL.

    python bench/reports.py [--requests 100000] [--agencies 2000] [--database-url postgres://…/zhengwu_bench_reports]

The database is its own: a temporary SQLite file (default), or the PostgreSQL database named in
--database-url, created and dropped by the run (never zhengwu_ci, zhengwu_main_dev or test_*).
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
PROTECTED = {"zhengwu_ci", "zhengwu_main_dev", "postgres"}


@contextmanager
def own_database(url):
    """A database of the bench's own for the duration of the run."""
    if url.startswith("postgres"):
        import psycopg

        base, _, name = url.rpartition("/")
        if name in PROTECTED or name.startswith("test"):
            raise SystemExit(f"refusing to create or drop database {name}")
        admin = f"{base}/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            yield url
        finally:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
    else:
        folder = tempfile.mkdtemp(prefix="zhengwu-bench-reports-")
        try:
            yield f"sqlite:///{folder}/bench.sqlite3"
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def setup_django(url):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhengwu.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def requests_for(agency, n, rng, years=(2024, 2025)):
    """n unsaved requests to `agency` over `years`, most decided, each with one outcome of table 三."""
    from zhengwu.foi.models import ApplicantType, InformationRequest
    from zhengwu.foi.outcomes import outcomes

    keys = [o.key for o in outcomes()]
    types = [t.value for t in ApplicantType]
    first = date(years[0], 1, 1)
    span = (date(years[-1], 12, 31) - first).days
    for i in range(n):
        received = first + timedelta(days=rng.randrange(span))
        decided = received + timedelta(days=rng.randrange(5, 40)) if rng.random() < 0.95 else None
        yield InformationRequest(
            number=f"B{agency.pk}-{i}", tracking_digest="bench", agency=agency, channel="online",
            applicant_type=rng.choice(types), name="测试", id_type="resident_id", id_number="110101199001011237",
            phone="13800000000", description="bench", delivery_form="electronic", delivery_way="online",
            submitted_at=datetime(received.year, received.month, received.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")),
            received_on=received, state="answered" if decided else "processing", decided_on=decided,
            outcome=rng.choice(keys) if decided else "", text_digest=f"{agency.pk}-{i}")


def fill(args):
    from zhengwu.foi.models import InformationRequest
    from zhengwu.orgs.models import Agency

    rng = random.Random(2026)
    province = Agency.add_root(name="某省人民政府", slug="sheng", kind=Agency.Kind.GOVERNMENT)
    big = province.add_child(name="某省财政厅", slug="czt", kind=Agency.Kind.COMPONENT)
    others = [province.add_child(name=f"机关{i:04d}", slug=f"a{i}", kind=Agency.Kind.COMPONENT)
              for i in range(args.agencies - 2)]
    started = time.perf_counter()
    InformationRequest.objects.bulk_create(requests_for(big, args.requests, rng), batch_size=2000)
    for agency in others:
        InformationRequest.objects.bulk_create(requests_for(agency, args.per_agency, rng), batch_size=2000)
    total = InformationRequest.objects.count()
    print(f"filled: {args.agencies:,} agencies, {total:,} requests ({args.requests:,} to 某省财政厅) "
          f"in {time.perf_counter() - started:.1f}s")
    return province, big


def timed(fn, repeat):
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return result, times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000, help="requests to the one agency (100000)")
    parser.add_argument("--agencies", type=int, default=2000, help="agencies in the province (2000)")
    parser.add_argument("--per-agency", type=int, default=20, help="requests to each other agency (20)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with own_database(args.database_url) as url:
        setup_django(url)
        from django.db import connection

        from zhengwu.reports.annual.report import build, region

        print(f"database: {connection.vendor}")
        province, big = fill(args)
        report, report_times = timed(lambda: build(big, 2025), args.repeat)
        summary, region_times = timed(lambda: region(province, 2025), args.repeat)
        t3 = next(part["table"] for part in report["parts"] if part["key"] == "s3")
        print(f"agency report (build, {args.repeat} runs): median {statistics.median(report_times) * 1000:.0f} ms, "
              f"max {max(report_times) * 1000:.0f} ms — target < 1 s; "
              f"2025: 新收 {t3['new']['total']:,}, 办结 {t3['r7']['total']:,}, 结转 {t3['carried_out']['total']:,}; "
              f"checks {'passed' if report['checks']['passed'] else report['checks']['failures']}")
        print(f"regional summary (region, {args.repeat} runs): median {statistics.median(region_times) * 1000:.0f} ms, "
              f"max {max(region_times) * 1000:.0f} ms — target < 10 s; "
              f"{len(summary['agencies']):,} agencies, 新收 {summary['summary']['t3']['new']['total']:,}")


if __name__ == "__main__":
    main()
