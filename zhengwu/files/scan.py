"""The optional virus scan: with CLAMD_ADDRESS set, every upload is streamed to clamd (INSTREAM) before it is
stored. Infected → refused; clamd unreachable or answering an error → refused too (fail closed), and logged.

CLAMD_ADDRESS is "host:port" or the path of clamd's unix socket; CLAMD_TIMEOUT (seconds) bounds the whole
exchange. clamd's own StreamMaxLength must be at least MAX_UPLOAD_SIZE, or large uploads are refused.
"""

import logging
import socket
import struct

from django.conf import settings
from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)

CHUNK = 64 * 1024
UNAVAILABLE = "病毒检查服务暂时不可用，文件未被接收，请稍后再试。"


class ScannerUnavailable(Exception):
    pass


def _connect(address, timeout):
    if address.startswith("/") or ":" not in address:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        target = address
    else:
        host, _, port = address.rpartition(":")
        sock = socket.socket(socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET, socket.SOCK_STREAM)
        target = (host.strip("[]"), int(port))
    sock.settimeout(timeout)
    try:
        sock.connect(target)
    except OSError:
        sock.close()
        raise
    return sock


def clamd_instream(stream, address, timeout):
    """Send `stream` to clamd with the INSTREAM command; returns clamd's reply without the trailing NUL
    (e.g. "stream: OK", "stream: Eicar-Signature FOUND"). Raises ScannerUnavailable on any transport error."""
    try:
        with _connect(address, timeout) as sock:
            sock.sendall(b"zINSTREAM\0")
            while chunk := stream.read(CHUNK):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = b""
            while not reply.endswith(b"\0"):
                part = sock.recv(4096)
                if not part:
                    break
                reply += part
    except (OSError, ValueError) as e:
        raise ScannerUnavailable(f"{type(e).__name__}: {e}") from e
    if not reply:
        raise ScannerUnavailable("clamd closed the connection without a reply")
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def scan_upload(stream, name):
    """Refuse an upload clamd calls infected, or any upload while clamd cannot be asked (ValidationError)."""
    address = (getattr(settings, "CLAMD_ADDRESS", "") or "").strip()
    if not address:
        return
    stream.seek(0)
    try:
        reply = clamd_instream(stream, address, getattr(settings, "CLAMD_TIMEOUT", 30))
    except ScannerUnavailable as e:
        logger.error("病毒检查服务不可用（CLAMD_ADDRESS=%s），拒绝接收上传 %s：%s", address, name, e)
        raise ValidationError(UNAVAILABLE, code="scanner_unavailable") from None
    finally:
        stream.seek(0)
    if reply.endswith("FOUND"):
        signature = reply.removeprefix("stream:").removesuffix("FOUND").strip()
        logger.warning("上传 %s 被病毒检查拒绝：%s", name, signature)
        raise ValidationError("文件未通过病毒检查：%(name)s 含有恶意代码（%(signature)s），拒绝接收。",
                              code="infected", params={"name": name, "signature": signature})
    if not reply.endswith("OK"):
        logger.error("病毒检查服务返回错误（CLAMD_ADDRESS=%s），拒绝接收上传 %s：%s", address, name, reply)
        raise ValidationError(UNAVAILABLE, code="scanner_unavailable")
