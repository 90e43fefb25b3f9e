"""Supervision benchmark: a province with 1,000,000 open service cases (办件) on their clocks; prints the time
of one supervision sweep (cards, overdue violations, tallies, notices: `supervision.sweep.run_sweep`) — the
first one, which issues every card the cases have earned, the next one the same day (nothing new), and the
next working day's — and of the supervisor's regional dashboard query (`supervision.dashboard.region_rows`
for the province and for one city, and one agency's first page of cases, `agency_cases`).
Targets (issue 6): sweep under 10 s, dashboard under 200 ms, on PostgreSQL.

    python bench/supervision.py [--cases 1000000] [--database-url postgres://…/zhengwu_bench_supervision]

The database is its own: a temporary SQLite file (default), or the PostgreSQL database named in
--database-url, created and dropped by the run (never zhengwu_ci, zhengwu_main_dev or test_*).
"""

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reports import own_database, setup_django, timed  # noqa: E402  (the shared bench database helpers)

SHANGHAI = ZoneInfo("Asia/Shanghai")
BATCH = 5000


def build_tree(rng):
    """A province: 14 cities, 122 counties, six departments per county, one matter per department."""
    from zhengwu.orgs.models import Agency, Role
    from zhengwu.services.models import Matter, MatterType

    province = Agency.add_root(name="某省人民政府", slug="sheng", kind=Agency.Kind.GOVERNMENT)
    departments = []
    for c in range(14):
        city = province.add_child(name=f"市{c:02d}人民政府", slug=f"c{c}", kind=Agency.Kind.GOVERNMENT)
        for k in range(9 if c else 5):
            county = city.add_child(name=f"县{c:02d}{k}人民政府", slug=f"k{k}", kind=Agency.Kind.GOVERNMENT)
            for d in range(6):
                departments.append((county, county.add_child(name=f"县{c:02d}{k}部门{d}", slug=f"d{d}",
                                                            kind=Agency.Kind.COMPONENT)))
    types = list(MatterType.values)
    matters = Matter.objects.bulk_create(
        Matter(agency=dept, code=f"M{dept.pk:06d}", name=f"事项{dept.pk}", matter_type=rng.choice(types),
               legal_basis="—", conditions="—", process="—", statutory_workdays=20, promised_workdays=15,
               place="—", hours="—", consult_channel="—", complaint_channel="—") for _, dept in departments)
    staff(province, departments, Role)
    return province, list(zip(departments, matters, strict=True))


def staff(province, departments, Role):
    """One provincial 监察员 and one clerk per department: the sweep's notices have people to reach."""
    from django.contrib.auth import get_user_model

    from zhengwu.orgs.models import StaffRole

    User = get_user_model()
    inspector = User.objects.create(username="inspector")
    StaffRole.objects.create(user=inspector, agency=province, role=Role.INSPECTOR)
    clerks = User.objects.bulk_create(User(username=f"clerk{dept.pk}") for _, dept in departments)
    StaffRole.objects.bulk_create(StaffRole(user=clerk, agency=dept, role=Role.WINDOW_CLERK)
                                  for clerk, (_, dept) in zip(clerks, departments, strict=True))


def fill(args, today):
    """`args.cases` open cases: 15% awaiting acceptance (受理 clock running), 75% accepted (受理 clock stopped,
    办结 clock running), 10% in a special procedure (办结 clock paused). Due dates spread from 5 days ago
    to 90 days ahead, so a few per cent are overdue and some more near their limit."""
    from zhengwu.services.models import CaseState, ServiceCase
    from zhengwu.timelimits.calendar import current
    from zhengwu.timelimits.models import Clock, ClockState

    rng = random.Random(2026)
    started = time.perf_counter()
    province, pairs = build_tree(rng)
    cal = current()
    made = 0
    while made < args.cases:
        n = min(BATCH, args.cases - made)
        plan = []
        for i in range(n):
            (county, dept), matter = rng.choice(pairs)
            received = today - timedelta(days=rng.randrange(1, 60))
            roll = rng.random()
            stage = "receiving" if roll < 0.15 else ("accepted" if roll < 0.90 else "special")
            due = today + timedelta(days=rng.randrange(-5, 90))
            while not cal.is_workday(due):
                due += timedelta(days=1)
            plan.append((county, dept, matter, received, stage, due, made + i))
        step = [Clock(label="受理", limit_workdays=5, started_on=p[3],
                      state=ClockState.RUNNING if p[4] == "receiving" else ClockState.STOPPED,
                      counting_from=p[3] if p[4] == "receiving" else None,
                      due_on=p[5] if p[4] == "receiving" else None, stopped_on=None if p[4] == "receiving" else p[3],
                      days_used=0 if p[4] == "receiving" else 1) for p in plan]
        main = [Clock(label="办结", limit_workdays=15, started_on=p[3],
                      state=ClockState.RUNNING if p[4] == "accepted" else ClockState.PAUSED,
                      counting_from=p[3] if p[4] == "accepted" else None,
                      due_on=p[5] if p[4] == "accepted" else None, days_used=3)
                for p in plan if p[4] != "receiving"]
        Clock.objects.bulk_create(step + main, batch_size=BATCH)
        mains = iter(main)
        cases = []
        for p, step_clock in zip(plan, step, strict=True):
            county, dept, matter, received, stage, _, serial = p
            state = {"receiving": CaseState.ROUTED, "accepted": CaseState.ACCEPTED, "special": CaseState.SPECIAL}[stage]
            cases.append(ServiceCase(
                number=f"BJ-{serial:07d}", tracking_digest="bench", matter=matter, agency=dept, window_agency=county,
                channel="online", applicant_kind="person", name="测试", id_number="110101199001011237",
                phone="13800000000", state=state, received_on=received,
                accepted_on=None if stage == "receiving" else received, step_clock=step_clock,
                clock=None if stage == "receiving" else next(mains),
                submitted_at=datetime(received.year, received.month, received.day, 10, tzinfo=SHANGHAI)))
        ServiceCase.objects.bulk_create(cases, batch_size=BATCH)
        made += n
        if made % 100_000 == 0:
            print(f"  {made:,} cases…", flush=True)
    print(f"filled: {len(pairs):,} departments, {made:,} open cases, {Clock.objects.count():,} clocks "
          f"in {time.perf_counter() - started:.0f}s")
    return province


def fill_postgres(args, today):
    """The same population as `fill`, generated inside PostgreSQL (INSERT … SELECT generate_series): a
    million rows through the ORM take half an hour; this takes a minute or two. Personal fields hold one
    real encrypted value (and blind index) for every row, so rows are their true size."""
    from django.db import connection

    from zhengwu.privacy import hashing
    from zhengwu.privacy.keys import multi_fernet
    from zhengwu.services.models import ServiceCase
    from zhengwu.timelimits.models import Clock

    rng = random.Random(2026)
    started = time.perf_counter()
    province, pairs = build_tree(rng)
    n = args.cases
    fernet = multi_fernet()
    name, id_number, phone = (fernet.encrypt(v.encode()).decode() for v in ("测试", "110101199001011237", "13800000000"))
    id_index = hashing.blind_index("110101199001011237", hashing.ID_NUMBER)
    phone_index = hashing.blind_index("13800000000", hashing.PHONE)
    clock, case = Clock._meta.db_table, ServiceCase._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.2026)")
        cursor.execute("CREATE TEMP TABLE bench_dept (i int PRIMARY KEY, dept_id int, county_id int, matter_id int)")
        cursor.executemany("INSERT INTO bench_dept VALUES (%s, %s, %s, %s)",
                           [(i, dept.pk, county.pk, matter.pk) for i, ((county, dept), matter) in enumerate(pairs)])
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {clock}")
        base = cursor.fetchone()[0]
        # One row per case: its department, receipt date, stage and (workday) due date.
        cursor.execute("""
            CREATE TEMP TABLE bench_plan AS
            SELECT g, d.dept_id, d.county_id, d.matter_id, %(today)s::date - (1 + floor(random() * 59))::int AS received,
                   CASE WHEN r < 0.15 THEN 'receiving' WHEN r < 0.90 THEN 'accepted' ELSE 'special' END AS stage, due
            FROM (SELECT g, random() AS r, floor(random() * %(depts)s)::int AS i,
                         %(today)s::date + (floor(random() * 95) - 5)::int AS raw FROM generate_series(1, %(n)s) g) p
            JOIN bench_dept d USING (i)
            CROSS JOIN LATERAL (SELECT raw + CASE extract(isodow FROM raw) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END
                                AS due) w""", {"today": today, "depts": len(pairs), "n": n})
        cursor.execute(f"""
            INSERT INTO {clock} (id, label, limit_workdays, state, started_on, counting_from, due_on, days_used,
                                 stopped_on, provisional, created_at)
            SELECT %(base)s + g, '受理', 5, CASE WHEN stage = 'receiving' THEN 'running' ELSE 'stopped' END, received,
                   CASE WHEN stage = 'receiving' THEN received END, CASE WHEN stage = 'receiving' THEN due END,
                   CASE WHEN stage = 'receiving' THEN 0 ELSE 1 END, CASE WHEN stage = 'receiving' THEN NULL ELSE received END,
                   false, now()
            FROM bench_plan""", {"base": base})
        cursor.execute(f"""
            INSERT INTO {clock} (id, label, limit_workdays, state, started_on, counting_from, due_on, days_used,
                                 provisional, created_at)
            SELECT %(base)s + %(n)s + g, '办结', 15, CASE WHEN stage = 'accepted' THEN 'running' ELSE 'paused' END,
                   received, CASE WHEN stage = 'accepted' THEN received END, CASE WHEN stage = 'accepted' THEN due END,
                   3, false, now()
            FROM bench_plan WHERE stage <> 'receiving'""", {"base": base, "n": n})
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{clock}', 'id'), (SELECT max(id) FROM {clock}))")
        cursor.execute(f"""
            INSERT INTO {case} (number, tracking_digest, matter_id, agency_id, window_agency_id, channel, applicant_kind,
                                name, id_number, id_number_index, phone, phone_index, form_data, state, received_on,
                                accepted_on, step_clock_id, clock_id, corrections, refusal_reason, decision,
                                decision_reason, result_text, fee_charged, submitted_at, is_demo)
            SELECT 'BJ-' || lpad(g::text, 7, '0'), 'bench', matter_id, dept_id, county_id, 'online', 'person',
                   %(name)s, %(id_number)s, %(id_index)s, %(phone)s, %(phone_index)s, '{{}}'::jsonb,
                   CASE stage WHEN 'receiving' THEN 'routed' WHEN 'accepted' THEN 'accepted' ELSE 'special' END,
                   received, CASE WHEN stage <> 'receiving' THEN received END, %(base)s + g,
                   CASE WHEN stage <> 'receiving' THEN %(base)s + %(n)s + g END, 0, '', '', '', '', 0,
                   received + time '10:00', false
            FROM bench_plan""", {"name": name, "id_number": id_number, "id_index": id_index, "phone": phone,
                                 "phone_index": phone_index, "base": base, "n": n})
        cursor.execute("DROP TABLE bench_plan, bench_dept")
    print(f"filled: {len(pairs):,} departments, {ServiceCase.objects.count():,} open cases, "
          f"{Clock.objects.count():,} clocks in {time.perf_counter() - started:.0f}s")
    return province


def analyse():
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="open service cases (1000000)")
    parser.add_argument("--repeat", type=int, default=20, help="runs of each dashboard query (20)")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with own_database(args.database_url) as url:
        setup_django(url)
        from django.db import connection
        from django.db.models import Count
        from django.utils import timezone

        from zhengwu.orgs.models import Agency
        from zhengwu.services.models import ServiceCase
        from zhengwu.supervision import registry
        from zhengwu.supervision.dashboard import agency_cases, region_rows
        from zhengwu.supervision.models import Card, Violation
        from zhengwu.supervision.sweep import run_sweep
        from zhengwu.timelimits.calendar import current

        print(f"database: {connection.vendor}")
        today = timezone.localdate()
        province = fill_postgres(args, today) if connection.vendor == "postgresql" else fill(args, today)
        analyse()
        sweeps = []
        for label, day in (("first sweep (issues every card earned)", today),
                           ("second sweep, same day (nothing new)", today),
                           ("next working day's sweep", current().add_workdays(today, 1))):
            began = time.perf_counter()
            summary = run_sweep(today=day)
            elapsed = time.perf_counter() - began
            sweeps.append(elapsed)
            print(f"{label}: {elapsed:.2f} s — target < 10 s; 预警 {summary['warnings']:,}, 黄牌 {summary['yellow']:,}, "
                  f"红牌 {summary['red']:,}, 超时 {summary['overdue']:,}, {summary['tallies']:,} tallies, "
                  f"{summary['notified']:,} people notified; phases {summary['seconds']}")
        print(f"cards {Card.objects.count():,}, violations {Violation.objects.count():,}")
        city = province.get_children().first()
        rows, province_times = timed(lambda: region_rows(province), args.repeat)
        _, city_times = timed(lambda: region_rows(city), args.repeat)
        print(f"regional dashboard, province ({len(rows)} rows, {args.repeat} runs): median "
              f"{statistics.median(province_times) * 1000:.1f} ms, max {max(province_times) * 1000:.1f} ms — target < 200 ms; "
              f"在办 {sum(r.figures['open_cases'] for r in rows):,}")
        print(f"regional dashboard, one city ({args.repeat} runs): median {statistics.median(city_times) * 1000:.1f} ms, "
              f"max {max(city_times) * 1000:.1f} ms")
        busiest = ServiceCase.objects.values("agency").order_by().annotate(n=Count("pk")).order_by("-n").first()
        agency = Agency.objects.get(pk=busiest["agency"])
        (page, count), agency_times = timed(lambda: agency_cases(agency, registry.get("services.case")), args.repeat)
        print(f"agency drill-down, first page of {count:,} open cases ({args.repeat} runs): median "
              f"{statistics.median(agency_times) * 1000:.1f} ms, max {max(agency_times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
