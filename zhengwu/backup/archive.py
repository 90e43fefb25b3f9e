"""The archive: one gzip-compressed tar (optionally encrypted as a whole, see crypto.py) holding

    database/db.sqlite3 or database/db.pgdump   the snapshot
    files/<store>/<name>                         each file, as stored (private documents stay as they are)
    manifest.json                                what the rest is, written last, once every hash is known

Writing never holds a whole file in memory, hashes exactly the bytes that go into the archive, and gives the
archive its final name only when it is complete, created with mode 0600 from the first byte.
"""

import gzip
import hashlib
import io
import json
import os
import shutil
import tarfile
from contextlib import contextmanager
from pathlib import PurePosixPath

from django.core.management.base import CommandError

from .crypto import DecryptingReader, DecryptionError, EncryptingWriter, is_encrypted

MANIFEST = "manifest.json"
FORMAT = "zhengwu-backup"
FORMAT_VERSION = 1
BLOCK = 1024 * 1024


class HashingReader:
    def __init__(self, source):
        self.source, self.digest, self.size = source, hashlib.sha256(), 0

    def read(self, size=-1):
        data = self.source.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def sha256_of(handle):
    digest, size = hashlib.sha256(), 0
    for block in iter(lambda: handle.read(BLOCK), b""):
        digest.update(block)
        size += len(block)
    return digest.hexdigest(), size


class ArchiveWriter:
    def __init__(self, path, passphrase=None):
        self.path, self.partial = path, path.with_name(f".{path.name}.partial")
        descriptor = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self.file = os.fdopen(descriptor, "wb")
        self.encrypter = EncryptingWriter(self.file, passphrase) if passphrase else None
        self.gzip = gzip.GzipFile(fileobj=self.encrypter or self.file, mode="wb", compresslevel=6, mtime=0)
        self.tar = tarfile.open(fileobj=self.gzip, mode="w|", format=tarfile.PAX_FORMAT)

    def add(self, member, handle, size, mtime=0):
        """Add `size` bytes of `handle` as `member`; returns (sha256, size) of what went in."""
        info = tarfile.TarInfo(member)
        info.size, info.mode, info.mtime = size, 0o600, int(mtime)
        reader = HashingReader(handle)
        try:
            self.tar.addfile(info, reader)
        except OSError as e:
            raise CommandError(f"备份时 {member} 被改动或读取失败（{e}），请重试。") from e
        return reader.digest.hexdigest(), reader.size

    def add_manifest(self, manifest):
        data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode = len(data), 0o600
        self.tar.addfile(info, io.BytesIO(data))

    def finish(self):
        self.tar.close()
        self.gzip.close()
        if self.encrypter:
            self.encrypter.finish()
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.partial, self.path)
        os.chmod(self.path, 0o600)

    def abandon(self):
        self.file.close()
        self.partial.unlink(missing_ok=True)


def safe_member(name):
    """A member name may only be the manifest, the database or a file under files/<store>/ (never absolute,
    never with '..'): the archive cannot write outside the staging folder."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        return False
    return name == MANIFEST or path.parts[0] == "database" or (path.parts[0] == "files" and len(path.parts) >= 3)


@contextmanager
def _opened(path, passphrase):
    with open(path, "rb") as raw:
        if is_encrypted(path):
            if not passphrase:
                raise CommandError("这是加密的备份：请在环境变量 BACKUP_ENCRYPTION_KEY 中提供备份时所用的密钥。")
            try:
                yield DecryptingReader(raw, passphrase)
            except DecryptionError as e:
                raise CommandError(f"无法读取备份：{e}") from e
        else:
            yield raw


def unpack(path, folder, passphrase=None):
    """Unpack the archive into `folder` (a staging folder), hashing each member as it is written.
    Returns ({member: (sha256, size)}, manifest)."""
    written = {}
    try:
        with _opened(path, passphrase) as stream, gzip.GzipFile(fileobj=stream, mode="rb") as unzipped, \
                tarfile.open(fileobj=unzipped, mode="r|") as tar:
            for info in tar:
                if info.isdir():
                    continue
                if not info.isfile() or not safe_member(info.name) or info.name in written:
                    raise CommandError(f"备份文件含不应有的条目：{info.name}，已拒绝。")
                target = folder / info.name
                target.parent.mkdir(parents=True, exist_ok=True)
                reader = HashingReader(tar.extractfile(info))
                with open(target, "wb") as out:
                    shutil.copyfileobj(reader, out, BLOCK)
                written[info.name] = (reader.digest.hexdigest(), reader.size)
    except DecryptionError as e:
        raise CommandError(f"无法读取备份：{e}") from e
    except (tarfile.TarError, OSError, EOFError, gzip.BadGzipFile) as e:
        raise CommandError(f"备份文件已损坏或不完整：{e}") from e
    if MANIFEST not in written:
        raise CommandError("备份文件中没有 manifest.json：不是完整的本平台备份。")
    manifest = json.loads((folder / MANIFEST).read_text())
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise CommandError("不认识的备份格式（manifest.json 的 format/format_version 不符）。")
    return written, manifest


def verify_members(written, manifest):
    """Every member the manifest lists is present with its size and SHA-256, and nothing else is. Returns the
    list of problems (empty when the archive is intact)."""
    expected = {manifest["database"]["member"]: (manifest["database"]["sha256"], manifest["database"]["size"])}
    expected.update({entry["member"]: (entry["sha256"], entry["size"]) for entry in manifest["files"]})
    problems = []
    for member, (digest, size) in expected.items():
        if member not in written:
            problems.append(f"缺少 {member}")
        elif written[member] != (digest, size):
            problems.append(f"{member} 的 SHA-256 或大小与清单不符")
    problems += [f"清单外的条目 {member}" for member in written if member != MANIFEST and member not in expected]
    return problems
