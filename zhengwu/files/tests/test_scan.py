"""The optional clamd hook, against a small fake clamd that speaks the real INSTREAM protocol."""

import logging
import socket
import socketserver
import struct
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.files.actions import store_document
from zhengwu.files.extract import validate_upload
from zhengwu.files.models import AgencyDocument
from zhengwu.interaction.models import Letter
from zhengwu.interaction.tests.conftest import mailbox  # noqa: F401 - the fixture

from . import samples

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
LETTER = {"category": "consult", "subject": "社保卡补办需要哪些材料", "body": "我的社保卡丢失了，请问补办需要带哪些材料，到哪里办理？",
          "name": "王小明", "phone": "13900000001", "email": "", "address": "", "may_publish": "on", "pledge": "on"}


class FakeClamd(socketserver.BaseRequestHandler):
    """clamd's INSTREAM: "zINSTREAM\\0", then chunks (4-byte big-endian length + data), a zero length to end;
    the answer is "stream: OK\\0" or "stream: <signature> FOUND\\0"."""

    def _exactly(self, count):
        data = b""
        while len(data) < count:
            part = self.request.recv(count - len(data))
            if not part:
                raise ConnectionError("client went away")
            data += part
        return data

    def handle(self):
        assert self._exactly(len(b"zINSTREAM\0")) == b"zINSTREAM\0"
        received = b""
        while (length := struct.unpack("!L", self._exactly(4))[0]) != 0:
            received += self._exactly(length)
        self.server.scanned.append(received)
        verdict = b"stream: Eicar-Test-Signature FOUND\0" if EICAR in received else b"stream: OK\0"
        self.request.sendall(verdict)


def _serve(server):
    server.scanned = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def clamd_tcp(settings):
    server = _serve(socketserver.ThreadingTCPServer(("127.0.0.1", 0), FakeClamd))
    settings.CLAMD_ADDRESS = f"127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def clamd_unix(settings, tmp_path):
    path = str(tmp_path / "clamd.sock")
    server = _serve(socketserver.ThreadingUnixStreamServer(path, FakeClamd))
    settings.CLAMD_ADDRESS = path
    yield server
    server.shutdown()
    server.server_close()


def test_every_upload_is_streamed_to_clamd_before_it_is_stored(hunan, clamd_tcp):
    text = "政务公开工作要点\n".encode() * 10_000  # 250 KB: several INSTREAM chunks
    store_document(hunan.czt, SimpleUploadedFile("要点.txt", text))
    assert clamd_tcp.scanned == [text] and AgencyDocument.objects.count() == 1


def test_an_infected_upload_is_refused_in_chinese_and_nothing_is_stored(client, mailbox, clamd_unix):  # noqa: F811
    infected = SimpleUploadedFile("说明.txt", EICAR)
    response = client.post("/hdjl/xx/szxx/write/", {**LETTER, "files": [infected]})
    assert response.status_code == 400 and not Letter.objects.exists() and not AgencyDocument.objects.exists()
    assert "文件未通过病毒检查：说明.txt 含有恶意代码（Eicar-Test-Signature），拒绝接收。" in response.content.decode()
    assert clamd_unix.scanned == [EICAR]


def test_a_form_and_the_store_scan_one_upload_once(client, mailbox, clamd_tcp):  # noqa: F811
    clean = SimpleUploadedFile("路灯.pdf", samples.pdf_bytes())
    assert client.post("/hdjl/xx/szxx/write/", {**LETTER, "files": [clean]}).status_code == 302
    assert clamd_tcp.scanned == [samples.pdf_bytes()] and Letter.objects.get().attachments.count() == 1


def test_when_clamd_cannot_be_reached_uploads_are_refused_and_logged(settings, caplog):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        settings.CLAMD_ADDRESS = f"127.0.0.1:{probe.getsockname()[1]}"
    with caplog.at_level(logging.ERROR, logger="zhengwu.files.scan"), pytest.raises(ValidationError) as excinfo:
        validate_upload(SimpleUploadedFile("报告.pdf", samples.pdf_bytes()))
    assert excinfo.value.messages == ["病毒检查服务暂时不可用，文件未被接收，请稍后再试。"]
    assert "病毒检查服务不可用" in caplog.text and "报告.pdf" in caplog.text


def test_without_clamd_address_nothing_is_scanned(settings):
    settings.CLAMD_ADDRESS = ""
    assert validate_upload(SimpleUploadedFile("报告.pdf", samples.pdf_bytes())) == "pdf"
