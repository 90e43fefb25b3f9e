"""kill -9 of the app server in the middle of bursts of 依申请公开 submissions (issue 21): every submission the
server acknowledged (201 and a number) is there exactly once and whole — applicant, description, both timeline
events, the answer clock with its start, the SMS acknowledgement — no request is half-written, and the numbers
stay unique and gap-free (a killed transaction gives its number back).

The real app runs in another process (loaded once by zhengwu.testing.forking_server, served by forked children
with Django's threaded runserver server, so a restart costs milliseconds, not an import of Django and Wagtail)
on a database it shares with the test: on SQLite a file copy of the prepared test database (the in-memory test
database cannot be opened by another process), copied back for the checks; on PostgreSQL the test database. Submissions come from several threads over real sockets, as a flood of
citizens would send them; rate limits are off in the server (FOI_SUBMISSIONS_PER_HOUR=0). The server is
killed once the burst has K acknowledgements, restarted, killed again in a second burst and restarted once more;
the restarted server must still answer a lookup and file the next number."""

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from zhengwu.foi.models import InformationRequest, RequestEvent
from zhengwu.foi.tests.test_submission import application
from zhengwu.notifications.models import Notification
from zhengwu.timelimits.models import ClockEvent

BURST = 70  # submissions per burst
KILL_AFTER = 25  # acknowledgements seen before the kill
SENDERS = 6  # threads firing at once
PROJECT_DIR = Path(settings.BASE_DIR)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppServer:
    """The real app, loaded once by zhengwu.testing.forking_server; each start forks a serving child, each kill
    SIGKILLs it as an operator's crash would."""

    def __init__(self, database_url, log_dir):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url, "FOI_SUBMISSIONS_PER_HOUR": "0",
               "DOCUMENTS_ROOT": str(log_dir / "documents")}
        self.log_path = log_dir / "server.log"
        with open(self.log_path, "wb") as log:
            self.parent = subprocess.Popen([sys.executable, "-m", "zhengwu.testing.forking_server", str(self.port)],
                                           env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                           cwd=PROJECT_DIR, text=True)
        if self.parent.stdout.readline().strip() != "ready":
            self.parent.kill()
            raise AssertionError(f"应用未能加载：\n{self.log()}")
        self.child = None

    def start(self):
        self.parent.stdin.write("serve\n")
        self.parent.stdin.flush()
        self.child = int(self.parent.stdout.readline())
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.02)
        raise AssertionError(f"服务器 30 秒内未开始监听：\n{self.log()}")

    def kill(self):
        """SIGKILL: no shutdown code runs; open transactions and unsent responses die with the process."""
        if self.child is None:
            return
        os.kill(self.child, signal.SIGKILL)
        while os.path.exists(f"/proc/{self.child}"):  # gone once the kernel has reaped it
            time.sleep(0.01)
        self.child = None

    def stop(self):
        self.kill()
        self.parent.stdin.close()
        self.parent.wait(timeout=30)

    def log(self):
        return self.log_path.read_text(errors="replace")[-3000:]

    def post(self, data):
        request = urllib.request.Request(f"{self.url}/api/v1/foi/requests", json.dumps(data).encode(),
                                         {"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")


def burst(server, first, acknowledged):
    """BURST submissions from SENDERS threads; SIGKILL the server when KILL_AFTER of them are acknowledged.
    Records number → description for every 201 into `acknowledged`; anything else (refused connection, reset,
    a response lost with the process) is simply not acknowledged."""
    seen = []
    lock = threading.Lock()

    def send(index):
        description = f"压力测试申请第{index}号：2025年省级部门预算中“三公”经费的明细"
        try:
            status, body = server.post(application(description=description))
        except (OSError, http.client.HTTPException, ValueError):
            return  # refused, reset, or cut off by the kill (even mid-body of a 201): the client has no number
        if status == 201:
            with lock:
                assert body["number"] not in acknowledged, f"同一编号被确认两次：{body['number']}"
                acknowledged[body["number"]] = (description, body["tracking_code"])
                seen.append(body["number"])
                if len(seen) == KILL_AFTER:
                    server.kill()
        else:
            assert status in (500, 502, 503), f"意外的响应 {status}：{body}"  # only a dying server may fail

    with ThreadPoolExecutor(SENDERS) as pool:
        list(pool.map(send, range(first, first + BURST)))
    assert len(seen) >= KILL_AFTER, f"本轮只确认了 {len(seen)} 件，服务器未在受理中被杀：\n{server.log()}"
    server.kill()


@pytest.fixture
def server_database(transactional_db, hunan, tmp_path):
    """A database URL the server process can use holding the prepared test tree, and a function that brings
    what the server wrote back into the test's connection."""
    if connection.vendor == "sqlite":
        path = tmp_path / "burst.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)

        def bring_back():
            with sqlite3.connect(path) as written:
                written.backup(connection.connection)
        yield f"sqlite:///{path}", bring_back
    elif connection.vendor == "postgresql":
        db = connection.settings_dict
        credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        yield f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}", lambda: None
    else:
        pytest.skip(f"未支持的数据库：{connection.vendor}")


def test_sigkill_mid_burst_loses_and_duplicates_no_acknowledged_submission(server_database, hunan, tmp_path):
    database_url, bring_back = server_database
    before = set(InformationRequest.objects.values_list("number", flat=True))
    server = AppServer(database_url, tmp_path)
    acknowledged = {}
    try:
        server.start()
        burst(server, 0, acknowledged)
        server.start()
        burst(server, BURST, acknowledged)
        server.start()
        # The restarted server answers a citizen's lookup and files the next submission.
        number, (_, code) = next(iter(acknowledged.items()))
        with urllib.request.urlopen(f"{server.url}/api/v1/foi/requests/{number}?code={code}", timeout=30) as found:
            assert [event["label"] for event in json.loads(found.read())["timeline"]] == ["提交申请", "收到申请"]
        status, after = server.post(application(description="重启后的申请：2024年决算公开中的一般公共预算支出"))
        assert status == 201, after
        acknowledged[after["number"]] = ("重启后的申请：2024年决算公开中的一般公共预算支出", after["tracking_code"])
    finally:
        server.stop()
    bring_back()

    filed = InformationRequest.objects.exclude(number__in=before).select_related("clock")
    numbers = [request.number for request in filed]
    assert len(numbers) == len(set(numbers)), "编号重复"
    assert set(acknowledged) <= set(numbers), f"已确认却丢失：{sorted(set(acknowledged) - set(numbers))}"
    for request in filed:
        assert request.agency_id == hunan.czt.pk and request.name == "张三" and request.phone == "13812345678"
        assert request.clock is not None and request.clock.due_on is not None, f"{request.number} 缺答复时限"
        assert list(ClockEvent.objects.filter(clock=request.clock).values_list("kind", flat=True)) == ["start"]
        assert [e.kind for e in request.events.order_by("pk")] == [RequestEvent.Kind.SUBMITTED,
                                                                    RequestEvent.Kind.RECEIVED], request.number
        assert Notification.objects.filter(channel="sms", object_id=request.pk,
                                           content_type__model="informationrequest").count() == 1
        if request.number in acknowledged:
            assert request.description == acknowledged[request.number][0]
    serials = sorted(int(number.rsplit("-", 1)[1]) for number in numbers)
    assert serials == list(range(serials[0], serials[0] + len(serials))), f"编号不连续：{serials}"
