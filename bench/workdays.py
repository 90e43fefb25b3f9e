"""Working-day calendar and clock figures on a throwaway SQLite database. Prints figures only.

DEBUG=1 .venv/bin/python bench/workdays.py [--clocks 10000]
"""

import argparse
import os
import random
import sys
import time
from datetime import date
from pathlib import Path

BENCH_DB = Path("/tmp/zhengwu-bench.sqlite3")


def setup_django():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["DJANGO_SETTINGS_MODULE"] = "zhengwu.settings"
    os.environ["DEBUG"] = "1"
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DB}"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{BENCH_DB}{suffix}").unlink(missing_ok=True)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(fn):
    began = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - began


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clocks", type=int, default=10_000)
    parser.add_argument("--calls", type=int, default=200_000)
    args = parser.parse_args()

    setup_django()
    from zhengwu.timelimits import calendar
    from zhengwu.timelimits.actions import recompute_open_clocks, start_clock
    from zhengwu.timelimits.models import CalendarDay

    rng = random.Random(2012)
    first, last = date(2004, 1, 1).toordinal(), date(2027, 12, 31).toordinal()
    cases = [(date.fromordinal(rng.randint(first, last)), rng.randint(1, 60)) for _ in range(args.calls)]

    print(f"数据库：{BENCH_DB}（临时）")
    _, seconds = timed(calendar.load)
    print(f"读取日历表（{CalendarDay.objects.count()} 行）：{seconds * 1000:.1f} ms")

    cal = calendar.current()
    _, seconds = timed(lambda: [cal.add_workdays(start, n) for start, n in cases])
    print(f"add_workdays（快照直接调用，起算日 2004–2027，1–60 个工作日）：{args.calls / seconds:,.0f} 次/秒")

    some = cases[:20_000]
    _, seconds = timed(lambda: [calendar.add_workdays(start, n) for start, n in some])
    print(f"calendar.add_workdays（每次核对缓存版本）：{len(some) / seconds:,.0f} 次/秒")

    _, seconds = timed(
        lambda: [cal.workdays_between(start, date.fromordinal(start.toordinal() + 90)) for start, _ in cases]
    )
    print(f"workdays_between（90 天区间）：{args.calls / seconds:,.0f} 次/秒")

    _, seconds = timed(lambda: [cal.explain(start, n) for start, n in some])
    print(f"explain：{len(some) / seconds:,.0f} 次/秒")

    starts = [
        (date.fromordinal(rng.randint(date(2025, 1, 1).toordinal(), last)), rng.randint(1, 60))
        for _ in range(args.clocks)
    ]
    _, seconds = timed(lambda: [start_clock(f"压测 {i}", on, n) for i, (on, n) in enumerate(starts)])
    print(f"start_clock × {args.clocks:,}：{seconds:.2f} s（{args.clocks / seconds:,.0f} 个/秒）")

    changed, seconds = timed(recompute_open_clocks)
    print(f"recompute_open_clocks（日历未变）× {args.clocks:,}：{seconds:.2f} s，{changed} 个有变化")

    # A new holiday in the middle of the range moves a share of the clocks.
    CalendarDay.objects.bulk_create([CalendarDay(date=date(2026, 3, 11), kind="holiday", name="压测假日")])
    changed, seconds = timed(recompute_open_clocks)
    print(f"recompute_open_clocks（新增一日假期）× {args.clocks:,}：{seconds:.2f} s，{changed} 个有变化")


if __name__ == "__main__":
    main()
