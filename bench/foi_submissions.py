"""FOI submissions under load: python bench/foi_submissions.py [--n 2000] [--threads 16] [--database-url postgres://...].

Fires N applications (each with its own phone, ID number and text, so none is a duplicate) from T client
threads at POST /api/v1/foi/requests, spread over several agencies, and prints submissions/s, latency
percentiles and the count of each HTTP status. Then it checks the numbering: every number acknowledged
with 201 is unique among the answers and stored exactly once, and per agency and year the serials are
1..k with k the number of rows (and the counter's value); no answer is a 5xx. Exits 1 if a check fails.

By default the run is self-contained: a fresh database (a temporary SQLite file, or the PostgreSQL database
named in --database-url, created and dropped by the run), `manage.py migrate`, three agencies, and
`manage.py runserver --noreload` (threaded) on a free port with FOI_SUBMISSIONS_PER_HOUR=0 (no rate limit).
With --url the target is a running server instead: name its agencies with --agency (repeatable), and its
database with --database-url (default: DATABASE_URL or the project's default) for the checks; nothing is
created or dropped then.
"""

import argparse
import collections
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from zhengwu.privacy.validators import resident_id_check_digit  # noqa: E402  (plain function, no Django setup)

PY = sys.executable
ENDPOINT = "/api/v1/foi/requests"
AGENCIES = [("湖南省财政厅", "czt"), ("湖南省自然资源厅", "zrzyt"), ("湖南省发展和改革委员会", "fgw")]
PROTECTED_DATABASES = {"zhengwu_ci", "zhengwu_main_dev", "postgres", "template0", "template1"}
NUMBER_RE = re.compile(r"^YSQ(\d{4})-(\d{5})-(\d{5})$")

# Run inside the server's environment (DATABASE_URL etc.) by `python -c`.
CREATE_AGENCIES = """
import json, sys
import django
django.setup()
from zhengwu.orgs.models import Agency
root = Agency.add_root(name="湖南省人民政府", slug="hunan", kind=Agency.Kind.GOVERNMENT)
for name, slug in json.loads(sys.argv[1]):
    root.add_child(name=name, slug=slug, kind=Agency.Kind.COMPONENT)
"""

DUMP_NUMBERS = """
import json, sys
import django
django.setup()
from django.db import connection
try:
    from zhengwu.foi.actions import NUMBER_SERIES
except ImportError:
    NUMBER_SERIES = "foi.request"
from zhengwu.foi.models import InformationRequest
from zhengwu.numbering.models import Counter
from zhengwu.orgs.models import Agency
names = json.loads(sys.argv[1])
agencies = dict(Agency.objects.filter(name__in=names).values_list("pk", "name"))
rows = list(InformationRequest.objects.filter(agency__in=agencies).values_list("number", "agency_id"))
counters = list(Counter.objects.filter(series=NUMBER_SERIES, agency__in=agencies)
                .values_list("agency_id", "year", "last_value"))
json.dump({"vendor": connection.vendor, "name": str(connection.settings_dict["NAME"]), "agencies": agencies,
           "rows": rows, "counters": counters}, sys.stdout)
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values, p):
    """Nearest-rank percentile."""
    values = sorted(values)
    return values[min(len(values) - 1, max(0, -(-len(values) * p // 100) - 1))]


def applications(n, agencies, run_id):
    """N valid, mutually distinct applications: phone, resident ID number and text differ for each."""
    rng = random.Random(run_id)
    base_phone = rng.randrange(13_000_000_000, 19_000_000_000 - n)
    born, first_day = date(1960, 1, 1), rng.randrange(20_000)
    out = []
    for i in range(n):  # birth dates over 20,000 days, then the sequence code: distinct up to 20 million
        birth = born + timedelta(days=(first_day + i) % 20_000)
        id17 = f"430102{birth:%Y%m%d}{i // 20_000 % 1000:03d}"
        out.append({
            "agency": agencies[i % len(agencies)], "applicant_type": "natural_person", "name": f"压测{i}",
            "id_type": "resident_id", "id_number": id17 + resident_id_check_digit(id17),
            "phone": str(base_phone + i), "email": f"bench{i}@example.com",
            "description": f"压测 {run_id} 第{i}号申请：2025年部门预算中“三公”经费的明细",
            "delivery_form": "electronic", "delivery_way": "email"})
    return out


def summary(body):
    """One line for an answer other than 201: its JSON detail, or the last line of a text traceback."""
    try:
        return json.loads(body).get("detail", body)[:200]
    except (ValueError, AttributeError):
        lines = [line.strip() for line in body.splitlines() if line.strip()]
        return (lines[-1] if lines else "(empty)")[:200]


def fire(url, payloads, threads):
    """POST every payload from `threads` threads (one keep-alive session each), all starting together.
    Returns [(status, seconds, body)] in payload order and the wall time."""
    results = [None] * len(payloads)
    queue = iter(range(len(payloads)))
    take = threading.Lock()
    start = threading.Barrier(threads + 1)

    def worker():
        session = requests.Session()
        try:
            session.get(f"{url}{ENDPOINT}/YSQ0000-00000-00000", params={"code": "x"}, timeout=60)  # connect
        except requests.RequestException:
            pass
        start.wait()
        while True:
            with take:
                i = next(queue, None)
            if i is None:
                break
            began = time.perf_counter()
            try:
                response = session.post(f"{url}{ENDPOINT}", json=payloads[i], timeout=120)
                status, body = response.status_code, response.text
            except requests.RequestException as error:
                status, body = f"error:{type(error).__name__}", str(error)
            results[i] = (status, time.perf_counter() - began, body)
        session.close()

    workers = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for w in workers:
        w.start()
    start.wait()
    began = time.perf_counter()
    for w in workers:
        w.join()
    return results, time.perf_counter() - began


def check_numbers(acknowledged, dump):
    """[(check, passed, detail)] for the acknowledged numbers against the stored rows and counters."""
    checks = []
    seen = collections.Counter(acknowledged)
    repeated = [n for n, c in seen.items() if c > 1]
    checks.append(("every 201 number is unique among the answers", not repeated,
                   f"{len(seen):,} distinct of {len(acknowledged):,}" + (f"; repeated: {repeated[:5]}" if repeated else "")))
    stored = collections.Counter(number for number, _ in dump["rows"])
    missing = [n for n in seen if stored[n] == 0]
    twice = [n for n in seen if stored[n] > 1]
    checks.append(("every acknowledged number is stored exactly once", not missing and not twice,
                   f"{len(seen):,} looked up; missing {len(missing)}, more than once {len(twice)}"
                   + (f"; e.g. {(missing + twice)[:5]}" if missing or twice else "")))
    series = collections.defaultdict(list)
    malformed = []
    for number, agency_id in dump["rows"]:
        match = NUMBER_RE.match(number)
        if not match or int(match[2]) != agency_id:
            malformed.append(number)
            continue
        series[(agency_id, int(match[1]))].append(int(match[3]))
    counters = {(agency_id, year): value for agency_id, year, value in dump["counters"]}
    problems = []
    for (agency_id, year), serials in sorted(series.items()):
        k = max(serials)
        if sorted(serials) != list(range(1, k + 1)):
            absent = sorted(set(range(1, k + 1)) - set(serials))
            problems.append(f"agency {agency_id} {year}: {len(serials)} rows, max serial {k}, "
                            f"absent {absent[:5]}{'…' if len(absent) > 5 else ''}")
        if counters.get((agency_id, year)) != k:
            problems.append(f"agency {agency_id} {year}: counter at {counters.get((agency_id, year))}, max serial {k}")
    if malformed:
        problems.append(f"{len(malformed)} numbers not of the form YSQ<year>-<agency>-<serial>: {malformed[:3]}")
    summary = "; ".join(f"{dump['agencies'].get(str(a), a)} {y}: 1..{max(s)} in {len(s)} rows"
                        for (a, y), s in sorted(series.items()))
    checks.append(("per agency and year the serials are 1..k, k = rows = counter", not problems,
                   "; ".join(problems) if problems else summary))
    return checks


class Server:
    """A fresh database and `manage.py runserver` on it; everything removed on close()."""

    def __init__(self, database_url, keep=False):
        self.keep = keep
        self.pg_admin = self.pg_name = None
        self.process = None
        if database_url.startswith("postgres"):
            base, _, self.pg_name = database_url.rpartition("/")
            if self.pg_name in PROTECTED_DATABASES or self.pg_name.startswith("test"):
                raise SystemExit(f"refusing to create and drop the database {self.pg_name!r}: name a dedicated one, "
                                 "e.g. zhengwu_bench_foi")
        self.tmpdir = Path(tempfile.mkdtemp(prefix="zhengwu-bench-foi-"))
        if self.pg_name:
            import psycopg

            self.pg_admin = f"{base}/postgres"
            try:
                with psycopg.connect(self.pg_admin, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}"')
                    conn.execute(f'CREATE DATABASE "{self.pg_name}"')
            except psycopg.Error:
                shutil.rmtree(self.tmpdir, ignore_errors=True)
                raise
            self.database_url = database_url
        else:
            self.database_url = f"sqlite:///{self.tmpdir}/bench.sqlite3"
        self.env = {**os.environ, "DEBUG": "1", "DATABASE_URL": self.database_url, "FOI_SUBMISSIONS_PER_HOUR": "0",
                    "VAR_DIR": str(self.tmpdir), "PYTHONUNBUFFERED": "1", "DJANGO_SETTINGS_MODULE": "zhengwu.settings"}
        self.log = self.tmpdir / "server.log"

    def prepare(self):
        t = time.perf_counter()
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=self.env, check=True)
        subprocess.run([PY, "-c", CREATE_AGENCIES, json.dumps(AGENCIES, ensure_ascii=False)], cwd=ROOT, env=self.env,
                       check=True)
        return time.perf_counter() - t

    def start(self):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen([PY, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                                            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                requests.get(f"{self.url}/api/v1/docs", timeout=5)
                return self.url
            except requests.RequestException:
                time.sleep(0.2)
        raise SystemExit(f"the server did not answer within 90 s:\n{self.log_tail()}")

    def tracebacks(self):
        """Counter of the server log's tracebacks, each cut to its frames in zhengwu/ and its last line."""
        found, block, last = collections.Counter(), None, None
        for line in self.log.read_text(errors="replace").splitlines() + [""]:
            if line.startswith(("The above exception was the direct cause", "During handling of the above")):
                found[last] -= 1  # the cause of the traceback that follows: count the pair once
            elif line.startswith("Traceback (most recent call last)"):
                block = []
            elif block is not None and line.startswith(" "):
                block.append(line)
            elif block is not None:
                frames = [f.strip() for f in block if f.strip().startswith("File ") and "/zhengwu/" in f]
                last = "\n".join([*frames, line.strip()])
                found[last] += 1
                block = None
        return +found

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def close(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.pg_name and not self.keep:
            import psycopg

            with psycopg.connect(self.pg_admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
        if not self.keep:
            shutil.rmtree(self.tmpdir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="submissions (default 2000)")
    parser.add_argument("--threads", type=int, default=16, help="client threads, at least 8 (default 16)")
    parser.add_argument("--database-url", default="", help="postgres://.../zhengwu_bench_foi (default: temporary SQLite)")
    parser.add_argument("--url", default="", help="target a running server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--agency", action="append", default=[], help="agency name (with --url; repeatable)")
    parser.add_argument("--keep", action="store_true", help="keep the database and server log afterwards")
    args = parser.parse_args()
    if args.threads < 8:
        parser.error("--threads must be at least 8")
    if args.url and not args.agency:
        parser.error("--url needs --agency (the full name of an agency on that server; repeatable)")

    server = None
    try:
        if args.url:
            url, agencies = args.url.rstrip("/"), args.agency
            env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "zhengwu.settings"}
            if args.database_url:
                env["DATABASE_URL"] = args.database_url
            print(f"target: {url} (running server)")
        else:
            server = Server(args.database_url, keep=args.keep)
            seconds = server.prepare()
            url, agencies, env = server.start(), [name for name, _ in AGENCIES], server.env
            print(f"target: {url} (manage.py runserver --noreload, threaded; migrate + agencies took {seconds:.1f}s)")
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} before the run "
              "(client, server and database share them)")
        run_id = f"{time.time_ns() % 10**12:012d}"
        payloads = applications(args.n, agencies, run_id)
        results, wall = fire(url, payloads, args.threads)

        dump = json.loads(subprocess.run([PY, "-c", DUMP_NUMBERS, json.dumps(agencies, ensure_ascii=False)], cwd=ROOT,
                                         env=env, check=True, capture_output=True, text=True).stdout)
        latencies = [seconds * 1000 for _, seconds, _ in results]
        statuses = collections.Counter(status for status, _, _ in results)
        acknowledged = [json.loads(body)["number"] for status, _, body in results if status == 201]
        created = statuses.get(201, 0)

        print(f"database: {dump['vendor']} {dump['name']}")
        print(f"submissions: {args.n:,} from {args.threads} threads over {len(agencies)} agencies "
              f"({', '.join(agencies)})")
        print(f"wall time: {wall:.2f} s; {args.n / wall:,.1f} requests/s, {created / wall:,.1f} submissions/s (201)")
        print(f"latency ms: p50 {statistics.median(latencies):.0f}, p95 {percentile(latencies, 95):.0f}, "
              f"p99 {percentile(latencies, 99):.0f}, max {max(latencies):.0f}")
        print("HTTP status: " + ", ".join(f"{s} × {c:,}" for s, c in sorted(statuses.items(), key=str)))
        examples = collections.Counter((s, summary(body)) for s, _, body in results if s != 201)
        for (status, text), count in examples.most_common(5):
            print(f"  {status} × {count:,}: {text}")

        checks = check_numbers(acknowledged, dump)
        server_errors = sum(c for s, c in statuses.items() if isinstance(s, int) and s >= 500)
        not_answered = sum(c for s, c in statuses.items() if not isinstance(s, int))
        checks.append(("no 5xx and no failed connection", not server_errors and not not_answered,
                       f"{server_errors} × 5xx, {not_answered} without an answer"))
        checks.append(("every submission acknowledged with 201", created == args.n, f"{created:,} of {args.n:,}"))
        print("checks:")
        for name, passed, detail in checks:
            print(f"  {'PASS' if passed else 'FAIL'}  {name}: {detail}")
        if server:
            tracebacks = server.tracebacks()
            if tracebacks:
                print(f"server log: {sum(tracebacks.values())} logged tracebacks (their lines in zhengwu/ and the error):")
                for text, count in tracebacks.most_common(5):
                    print(f"  × {count}:\n" + "\n".join("    " + line for line in text.splitlines()))
        ok = all(passed for _, passed, _ in checks)
        print("result: " + ("all checks passed" if ok else "CHECKS FAILED"))
        return 0 if ok else 1
    finally:
        if server:
            server.close()


if __name__ == "__main__":
    sys.exit(main())
