"""Restoring a backup into an empty installation: unpack into a staging folder and check every hash against the
manifest before the installation is touched; then the database, then the files; then count and hash again."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.management.base import CommandError
from django.db.migrations.loader import MigrationLoader

from .archive import sha256_of, unpack, verify_members
from .database import check_restorable, restore_database, row_counts, table_names
from .stores import file_stores, walk

# What a used installation always has; a fresh `migrate` leaves these empty.
SIGNS_OF_USE = {"auth_user": "用户账号", "orgs_agency": "机构", "files_agencydocument": "文件记录"}


def installation_contents(connection, stores):
    """What the target already holds, in words (empty when it is a fresh installation)."""
    found = []
    with connection.cursor() as cursor:
        tables = set(table_names(cursor, connection.vendor))
        for table, label in SIGNS_OF_USE.items():
            if table in tables:
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
                count = cursor.fetchone()[0]
                if count:
                    found.append(f"{label} {count} 条")
    for key, storage in stores.items():
        count = sum(1 for _ in walk(storage))
        if count:
            found.append(f"{key} 存储中的文件 {count} 个")
    return found


def migration_notes(manifest_migrations, force):
    """Refuse a backup whose schema is newer than this code (unless forced); note migrations still to run."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    applied = {(app, name) for app, names in manifest_migrations.items() for name in names}
    unknown = sorted(applied - known)
    notes = []
    if unknown:
        listed = "、".join(f"{app}.{name}" for app, name in unknown[:5])
        message = (f"备份来自更新的代码版本：当前代码没有这些迁移：{listed}"
                   f"{' 等' if len(unknown) > 5 else ''}。请先部署与备份相同或更新的版本再恢复")
        if not force:
            raise CommandError(message + "（或加 --force 强行恢复）。")
        notes.append("注意：" + message + "。")
    pending = known - applied
    if pending:
        notes.append(f"当前代码比备份多 {len(pending)} 个迁移：恢复后请运行 manage.py migrate。")
    return notes


def restore_files(manifest, staging, stores, force):
    for entry in manifest["files"]:
        storage = stores.get(entry["store"])
        if storage is None:
            raise CommandError(f"备份中的存储“{entry['store']}”在本安装中不存在。")
        if storage.exists(entry["name"]):
            if not force:
                raise CommandError(f"目标已有文件 {entry['store']}/{entry['name']}（加 --force 覆盖）。")
            storage.delete(entry["name"])
        with open(staging / entry["member"], "rb") as handle:
            saved = storage.save(entry["name"], File(handle, name=entry["name"]))
        if saved != entry["name"]:
            raise CommandError(f"文件 {entry['name']} 被存储改名为 {saved}，无法按原名恢复。")


def compare(manifest, connection, stores):
    """Differences between the restored installation and the manifest: row counts per table, file hashes."""
    problems = []
    with connection.cursor() as cursor:
        counts = row_counts(cursor, connection.vendor)
    expected = manifest["database"]["tables"]
    for table in sorted(set(expected) | set(counts)):
        if expected.get(table) != counts.get(table):
            problems.append(f"表 {table}：清单 {expected.get(table, '无此表')} 行，恢复后 "
                            f"{counts.get(table, '无此表')} 行")
    for entry in manifest["files"]:
        storage = stores[entry["store"]]
        try:
            with storage.open(entry["name"], "rb") as handle:
                digest, size = sha256_of(handle)
        except FileNotFoundError:
            problems.append(f"文件 {entry['store']}/{entry['name']} 恢复后不存在")
            continue
        if (digest, size) != (entry["sha256"], entry["size"]):
            problems.append(f"文件 {entry['store']}/{entry['name']} 恢复后哈希或大小不符")
    return problems


def restore_backup(archive, connection, force=False, passphrase=None, workdir=None, say=print):
    """Returns the summary lines; raises CommandError on any refusal or mismatch."""
    archive = Path(archive)
    if not archive.is_file():
        raise CommandError(f"找不到备份文件 {archive}。")
    workdir = Path(workdir or settings.VAR_DIR)
    workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=workdir, prefix=".zhengwu-restore-") as folder:
        staging = Path(folder)
        written, manifest = unpack(archive, staging, passphrase)
        problems = verify_members(written, manifest)
        if problems:
            raise CommandError("备份校验失败，未改动目标：\n  " + "\n  ".join(problems[:20]))
        say(f"备份完整：数据库与 {len(manifest['files'])} 个文件的 SHA-256 均与清单一致"
            f"（备份时间 {manifest['snapshot_at']}，版本 {manifest['app'].get('git_commit') or manifest['app'].get('version') or '未知'}）。")
        notes = check_restorable(connection, manifest["database"])
        notes += migration_notes(manifest["database"]["migrations"], force)
        stores = file_stores()
        existing = installation_contents(connection, stores)
        if existing and not force:
            raise CommandError("目标安装已有数据（" + "，".join(existing) + "）：只恢复到空的安装。确认要覆盖时加 --force"
                               "（数据库整体替换；同名文件覆盖，其余文件保留）。")
        restore_database(connection, staging / manifest["database"]["member"])
        restore_files(manifest, staging, stores, force)
    problems = compare(manifest, connection, stores)
    tables = manifest["database"]["tables"]
    lines = [f"已恢复：{manifest['database']['vendor']} 数据库 {len(tables)} 张表共 {sum(tables.values())} 行，"
             f"文件 {len(manifest['files'])} 个（{sum(e['size'] for e in manifest['files'])} 字节）。"]
    if manifest.get("missing_files"):
        lines.append(f"注意：备份时已缺少 {len(manifest['missing_files'])} 个被引用的文件（见 manifest.json 的 missing_files）。")
    lines += notes
    if problems:
        raise CommandError("\n".join(lines) + "\n恢复后核对不一致：\n  " + "\n  ".join(problems[:50]))
    lines.append("核对通过：每张表的行数与每个文件的 SHA-256 都与清单一致。")
    return lines
