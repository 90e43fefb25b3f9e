"""Zip containers (DOCX, XLSX, OFD, ZIP) opened within limits, so that a decompression bomb is refused fast.

Two checks, both against the same limits (members, total unpacked size, compression ratio):

- `check_directory`: the central directory's declared sizes, read without inflating anything — this is what
  refuses a bomb in milliseconds at upload time;
- `inflate_all` / `BoundedZipFile`: the real bytes, counted as they are inflated and stopped at the limit, for
  when headers lie. Nested archives are never expanded: a member is read as bytes, never opened as a zip.

The limits are settings (ZHENGWU_FILES_ARCHIVE_*); `ArchiveLimits` carries them as plain values so that the
extraction child process needs no Django settings.
"""

import zipfile
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError

READ_CHUNK = 256 * 1024
# Below this size a member's ratio means nothing (a 40-byte part of zeros "compresses" 40:1); bombs are large.
RATIO_FLOOR_BYTES = 1024 * 1024


def size_label(size):
    """Bytes as people say them (KB up to a megabyte, then MB)."""
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.0f} MB" if size % (1024 * 1024) == 0 else f"{size / (1024 * 1024):.1f} MB"


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int = 2000
    max_total_size: int = 50 * 1024 * 1024
    max_ratio: int = 100

    @classmethod
    def from_settings(cls):
        from django.conf import settings

        return cls(
            max_members=getattr(settings, "ZHENGWU_FILES_ARCHIVE_MAX_MEMBERS", cls.max_members),
            max_total_size=getattr(settings, "ZHENGWU_FILES_ARCHIVE_MAX_TOTAL_SIZE", cls.max_total_size),
            max_ratio=getattr(settings, "ZHENGWU_FILES_ARCHIVE_MAX_RATIO", cls.max_ratio),
        )

    def as_dict(self):
        return asdict(self)


class ArchiveRefused(ValidationError):
    """An archive over a limit or unreadable; the message is Chinese and names the limit."""

    def __init__(self, message, code="archive_refused"):
        super().__init__(message, code=code)


def _too_many(count, limits):
    return ArchiveRefused(f"压缩包内文件过多：共 {count} 个，上限为 {limits.max_members} 个"
                          "（ZHENGWU_FILES_ARCHIVE_MAX_MEMBERS），拒绝接收。", code="archive_members")


def _too_big(size, limits, counted=False):
    how = "实际解压已超过" if counted else "解压后为"
    return ArchiveRefused(f"压缩内容过大：{how} {size_label(size)}，上限为 {size_label(limits.max_total_size)}"
                          "（ZHENGWU_FILES_ARCHIVE_MAX_TOTAL_SIZE），疑似压缩炸弹，拒绝接收。", code="archive_size")


def _too_dense(name, ratio, limits):
    return ArchiveRefused(f"压缩比异常：{name} 的压缩比约为 {ratio:.0f}:1，上限为 {limits.max_ratio}:1"
                          "（ZHENGWU_FILES_ARCHIVE_MAX_RATIO），疑似压缩炸弹，拒绝接收。", code="archive_ratio")


def _ratio(unpacked, packed):
    return unpacked / max(packed, 1)


def open_zip(stream):
    """A ZipFile on `stream`, or ArchiveRefused (Chinese) when the container is damaged."""
    try:
        return zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        raise ArchiveRefused("压缩结构损坏，无法读取。", code="archive_damaged") from e


def check_directory(archive, limits):
    """Refuse by the central directory alone (nothing is inflated): member count, declared total size, and
    each large member's declared compression ratio."""
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise _too_many(len(infos), limits)
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_size:
        raise _too_big(total, limits)
    for info in infos:
        if info.file_size >= RATIO_FLOOR_BYTES and _ratio(info.file_size, info.compress_size) > limits.max_ratio:
            raise _too_dense(info.filename, _ratio(info.file_size, info.compress_size), limits)
    return infos


class _Budget:
    """Real inflated bytes across one archive, against the total limit."""

    def __init__(self, limits):
        self.limits = limits
        self.used = 0

    def spend(self, info, produced, member_total):
        self.used += produced
        if self.used > self.limits.max_total_size:
            raise _too_big(self.used, self.limits, counted=True)
        if member_total >= RATIO_FLOOR_BYTES and _ratio(member_total, info.compress_size) > self.limits.max_ratio:
            raise _too_dense(info.filename, _ratio(member_total, info.compress_size), self.limits)


class _CountingReader:
    """A member's stream that counts what it really inflates and stops at the budget."""

    def __init__(self, raw, info, budget):
        self._raw, self._info, self._budget, self._read = raw, info, budget, 0

    def read(self, size=-1):
        if size is None or size < 0:
            parts = []
            while chunk := self.read(READ_CHUNK):
                parts.append(chunk)
            return b"".join(parts)
        data = self._raw.read(min(size, READ_CHUNK))
        self._read += len(data)
        self._budget.spend(self._info, len(data), self._read)
        return data

    def readable(self):
        return True

    def close(self):
        self._raw.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __getattr__(self, name):  # seek, tell, seekable…: what parsers ask of a member stream
        return getattr(self._raw, name)


class BoundedZipFile(zipfile.ZipFile):
    """A read-only ZipFile whose members inflate within one shared budget (`read`, `open` alike)."""

    def __init__(self, file, limits):
        super().__init__(file)
        self.limits = limits
        self._budget = _Budget(limits)
        check_directory(self, limits)

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):
        raw = super().open(name, mode, pwd=pwd, force_zip64=force_zip64)
        if mode != "r":
            return raw
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        return _CountingReader(raw, info, self._budget)


def inflate_all(stream, limits):
    """Inflate every member once, counting real bytes, so headers that lie about sizes are caught; stops
    at the first limit reached. Returns the number of bytes inflated."""
    try:
        with BoundedZipFile(stream, limits) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                with archive.open(info) as member:
                    while member.read(READ_CHUNK):
                        pass
            return archive._budget.used
    except ArchiveRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError,
            RuntimeError) as e:  # RuntimeError: an encrypted member
        raise ArchiveRefused("压缩结构损坏或已加密，无法读取。", code="archive_damaged") from e
    finally:
        stream.seek(0)
