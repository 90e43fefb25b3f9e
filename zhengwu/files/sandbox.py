"""Text extraction in a child process with a memory limit (RLIMIT_AS) and a wall-clock timeout, so a hostile
file can neither exhaust the worker nor run for ever. Nothing here touches the database.

Children are forked from multiprocessing's fork server: a small process started once, holding the parsers
already imported, with no database connection and no threads to inherit — forking the Django process itself
would share its database sockets. The limits travel as arguments; the child reads no settings.
"""

import multiprocessing
import resource

from django.conf import settings

from .archives import ArchiveLimits
from .extract import ExtractionError, extract_text, max_text_chars

PRELOADED = ["zhengwu.files.extract", "pypdf", "docx", "openpyxl"]


def timeout_seconds():
    return getattr(settings, "ZHENGWU_FILES_EXTRACTION_TIMEOUT", 60)


def memory_bytes():
    return getattr(settings, "ZHENGWU_FILES_EXTRACTION_MEMORY", 1024 * 1024 * 1024)


def _context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOADED)
    return context


def _child(connection, path, filename, limits, max_chars, memory, cpu_seconds):
    """In the child: lower the limits, extract, send ("ok", text) or ("error", message) back."""
    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        text = extract_text(path, filename, limits=ArchiveLimits(**limits), max_chars=max_chars)
        connection.send(("ok", text))
    except ExtractionError as e:
        connection.send(("error", str(e)))
    except MemoryError:
        connection.send(("memory", ""))
    finally:
        connection.close()


def extract_in_child(path, filename, *, timeout=None, memory=None, limits=None, max_chars=None):
    """The text of the file at `path`, extracted in a child process; ExtractionError (Chinese) on a damaged
    file, on a file over the archive limits, and when the child passes its memory or time limit."""
    timeout = timeout or timeout_seconds()
    memory = memory or memory_bytes()
    limits = limits or ArchiveLimits.from_settings()
    max_chars = max_text_chars() if max_chars is None else max_chars
    context = _context()
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(sending, str(path), filename, limits.as_dict(), max_chars, memory, int(timeout) + 1),
        daemon=True)
    child.start()
    sending.close()
    try:
        if not receiving.poll(timeout):
            raise ExtractionError(f"文本提取超时（超过 {timeout} 秒），已停止，未提取文本。")
        try:
            outcome, value = receiving.recv()
        except (EOFError, OSError):  # the child died without answering: killed by a limit
            outcome, value = "crashed", ""
    finally:
        receiving.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if outcome == "ok":
        return value
    if outcome == "error":
        raise ExtractionError(value)
    if outcome == "memory":
        raise ExtractionError(f"文本提取所需内存超过上限（{memory // (1024 * 1024)} MB），已停止，未提取文本。")
    raise ExtractionError(f"文本提取进程异常退出（退出码 {child.exitcode}），未提取文本。")
