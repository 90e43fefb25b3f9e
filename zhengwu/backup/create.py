"""Making a backup: the database snapshot first, then the files that belong with it, then the manifest."""

import importlib.metadata
import shutil
import subprocess
import tempfile
from datetime import UTC
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone

from .archive import FORMAT, FORMAT_VERSION, ArchiveWriter
from .database import take_snapshot
from .stores import file_stores, member_name, select_files


def app_version():
    try:
        version = importlib.metadata.version("zhengwu")
    except importlib.metadata.PackageNotFoundError:
        version = ""
    commit = ""
    git = shutil.which("git")
    if git and (settings.BASE_DIR / ".git").exists():
        result = subprocess.run([git, "-C", str(settings.BASE_DIR), "rev-parse", "HEAD"], capture_output=True,
                                text=True, timeout=10)
        commit = result.stdout.strip() if result.returncode == 0 else ""
    return {"version": version, "git_commit": commit}


def archive_path(output, encrypted, now):
    """--output names the archive file itself (a name ending in .gz, .tgz or .enc) or a folder to write it in."""
    name = f"zhengwu-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz" + (".enc" if encrypted else "")
    if output is None:
        folder = Path(settings.BACKUP_DIR)
    elif Path(output).is_dir() or not str(output).endswith((".gz", ".tgz", ".enc")):
        folder = Path(output)
    else:
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        return path
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder / name


def make_backup(connection, output=None, passphrase=None):
    """Write one archive; returns (path, manifest)."""
    started = timezone.now()
    path = archive_path(output, bool(passphrase), started.astimezone(UTC))
    if path.exists():
        raise CommandError(f"{path} 已存在，不覆盖已有备份。")
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".zhengwu-backup-") as staging:
        dump = Path(staging) / "database"
        snapshot_at = timezone.now()
        snapshot = take_snapshot(connection, dump)
        try:
            contents = snapshot.describe()
        finally:
            snapshot.close()
        stores = file_stores()
        chosen, missing, after = select_files(stores, contents["references"], snapshot_at)
        writer = ArchiveWriter(path, passphrase)
        try:
            with open(dump, "rb") as handle:
                digest, size = writer.add(snapshot.member, handle, dump.stat().st_size, snapshot_at.timestamp())
            database = {"vendor": connection.vendor, "member": snapshot.member, "sha256": digest, "size": size,
                        "tables": contents["tables"], "migrations": contents["migrations"], **snapshot.details}
            files = []
            for store, name, referenced in chosen:
                storage = stores[store]
                try:
                    handle = storage.open(name, "rb")
                except FileNotFoundError:
                    if referenced:
                        missing.append({"store": store, "name": name})
                    continue
                with handle:
                    member = member_name(store, name)
                    digest, size = writer.add(member, handle, storage.size(name),
                                              storage.get_modified_time(name).timestamp())
                files.append({"store": store, "name": name, "member": member, "sha256": digest, "size": size,
                              "referenced": referenced})
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION,
                "created_at": started.isoformat(), "snapshot_at": snapshot_at.isoformat(),
                "app": app_version(), "encrypted": bool(passphrase), "database": database, "files": files,
                "missing_files": missing, "left_out_after_snapshot": after,
            }
            writer.add_manifest(manifest)
            writer.finish()
        except BaseException:
            writer.abandon()
            raise
    return path, manifest
