"""The database half of a backup, per vendor: a consistent snapshot written to a file, what the manifest records
about that same snapshot (tables and row counts, applied migrations, file names referenced by FileFields), and
putting a snapshot back into an empty database.

SQLite: the online backup API copies the live database page by page under one read lock; with WAL the app keeps
writing meanwhile, and the copy is the database as of one commit. PostgreSQL: a read-only REPEATABLE READ
transaction exports its snapshot, `pg_dump --snapshot` dumps exactly that state (custom format), and the
manifest's counts and file references are read inside the same transaction, so all three describe one moment.
"""

import os
import re
import shutil
import sqlite3
import subprocess

from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError
from django.db import models

SQLITE_MEMBER = "database/db.sqlite3"
POSTGRES_MEMBER = "database/db.pgdump"
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}

SQLITE_TABLES = ("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
                 "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")  # FTS5's shadow tables hold its data
POSTGRES_TABLES = ("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                   "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY 1")


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def table_names(cursor, vendor):
    cursor.execute(SQLITE_TABLES if vendor == "sqlite" else POSTGRES_TABLES)
    return [row[0] for row in cursor.fetchall()]


def row_counts(cursor, vendor):
    counts = {}
    for table in table_names(cursor, vendor):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor, tables):
    if "django_migrations" not in tables:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    applied = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def file_fields():
    """(table, column, storage) of every FileField of an installed model with a table of its own."""
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.local_concrete_fields:
            if isinstance(field, models.FileField):
                yield model._meta.db_table, field.column, field.storage


def referenced_names(cursor, tables):
    """[(storage, file name)] named by some row of the snapshot."""
    found = []
    for table, column, storage in file_fields():
        if table in tables:
            cursor.execute(f"SELECT DISTINCT {quote(column)} FROM {quote(table)} "
                           f"WHERE {quote(column)} IS NOT NULL AND {quote(column)} <> ''")
            found += [(storage, row[0]) for row in cursor.fetchall()]
    return found


def describe(cursor, vendor):
    counts = row_counts(cursor, vendor)
    return {"tables": counts, "migrations": applied_migrations(cursor, counts),
            "references": referenced_names(cursor, counts)}


# -- PostgreSQL client tools -----------------------------------------------------------------------------------


def pg_tool(name):
    """The path of pg_dump/pg_restore: BACKUP_PG_BIN_DIR if set, else PATH; a clear error when missing."""
    folder = getattr(settings, "BACKUP_PG_BIN_DIR", "")
    path = shutil.which(name, path=folder) if folder else shutil.which(name)
    if not path:
        where = f"BACKUP_PG_BIN_DIR（{folder}）" if folder else "PATH"
        raise CommandError(
            f"找不到 {name}（在 {where} 中）：请安装与数据库服务器同一主版本或更新的 PostgreSQL 客户端"
            f"（Debian：apt-get install postgresql-client-15），或用环境变量 BACKUP_PG_BIN_DIR 指定其所在目录。")
    return path


def tool_version(path):
    """(major, full version string) of a PostgreSQL client tool."""
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"(\d+)(?:\.\d+)*", output)
    if not match:
        raise CommandError(f"无法识别 {path} 的版本：{output.strip()}")
    return int(match.group(1)), match.group(0)


def server_version(connection):
    number = connection.pg_version  # e.g. 150020
    return number // 10000, f"{number // 10000}.{number % 10000}"


def pg_environment(settings_dict):
    """Connection settings for libpq tools through the environment (no password on a command line)."""
    from django.db.backends.postgresql.client import DatabaseClient

    _, client_env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(client_env or {})}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGDATABASE", "NAME")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    return env


def run_tool(arguments, env, what):
    result = subprocess.run(arguments, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise CommandError(f"{what}失败（{os.path.basename(arguments[0])} 退出码 {result.returncode}）：\n"
                           f"{result.stderr.strip()[-4000:]}")
    return result


# -- snapshots -------------------------------------------------------------------------------------------------


class SQLiteSnapshot:
    member = SQLITE_MEMBER

    def __init__(self, connection, path):
        if connection.in_atomic_block:
            # The backup API waits for this connection's own open transaction to end: it never would.
            raise CommandError("SQLite 备份不能在未提交的事务中进行。")
        connection.ensure_connection()
        copy = sqlite3.connect(path)
        try:
            connection.connection.backup(copy)  # all pages in one step: one consistent state
            copy.execute("PRAGMA journal_mode=DELETE")  # the archive holds one self-contained file
        finally:
            copy.close()
        self.reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self.details = {}

    def describe(self):
        return describe(self.reader.cursor(), "sqlite")

    def close(self):
        self.reader.close()


class PostgresSnapshot:
    member = POSTGRES_MEMBER

    def __init__(self, connection, path):
        import psycopg

        pg_dump = pg_tool("pg_dump")
        client_major, client_version = tool_version(pg_dump)
        connection.ensure_connection()
        server_major, server_text = server_version(connection)
        if client_major < server_major:
            raise CommandError(
                f"pg_dump {client_version} 不能导出 PostgreSQL {server_text} 服务器上的数据库：pg_dump 的主版本不能低于"
                f"服务器。请安装 postgresql-client-{server_major}，或用 BACKUP_PG_BIN_DIR 指定其目录。")
        self.details = {"server_version": server_text, "pg_dump_version": client_version}
        self.reader = connection.get_new_connection(connection.get_connection_params())
        try:
            self.reader.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            self.reader.read_only = True
            self.reader.autocommit = False
            with self.reader.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot_id = cursor.fetchone()[0]
            run_tool([pg_dump, "--format=custom", "--no-password", f"--snapshot={snapshot_id}", f"--file={path}"],
                     pg_environment(connection.settings_dict), "pg_dump 导出数据库")
        except BaseException:
            self.close()
            raise

    def describe(self):
        with self.reader.cursor() as cursor:
            return describe(cursor, "postgresql")

    def close(self):
        self.reader.rollback()
        self.reader.close()


def take_snapshot(connection, path):
    if connection.vendor == "sqlite":
        return SQLiteSnapshot(connection, path)
    if connection.vendor == "postgresql":
        return PostgresSnapshot(connection, path)
    raise CommandError(f"不支持备份 {connection.vendor} 数据库（仅支持 SQLite 与 PostgreSQL）。")


# -- restoring -------------------------------------------------------------------------------------------------


def check_restorable(connection, manifest_database):
    """Refuse another vendor's backup, and on PostgreSQL a pg_restore older than the pg_dump that wrote it.
    Returns notes to print (warnings that do not stop the restore)."""
    source = manifest_database["vendor"]
    if source != connection.vendor:
        raise CommandError(
            f"不能把 {VENDOR_NAMES.get(source, source)} 的备份恢复到 {VENDOR_NAMES.get(connection.vendor, connection.vendor)}"
            f" 数据库：备份只能恢复到同一种数据库（迁移数据库请另行导出导入）。")
    if source != "postgresql":
        return []
    pg_restore = pg_tool("pg_restore")
    client_major, client_version = tool_version(pg_restore)
    dump_major = int(manifest_database["pg_dump_version"].split(".")[0])
    if client_major < dump_major:
        raise CommandError(
            f"pg_restore {client_version} 读不了 pg_dump {manifest_database['pg_dump_version']} 写的备份："
            f"请安装 postgresql-client-{dump_major} 或更新版本，或用 BACKUP_PG_BIN_DIR 指定其目录。")
    connection.ensure_connection()
    target_major, target_text = server_version(connection)
    source_major = int(manifest_database["server_version"].split(".")[0])
    if target_major < source_major:
        return [f"注意：备份来自 PostgreSQL {manifest_database['server_version']}，目标服务器是较旧的 {target_text}，"
                f"恢复可能失败（失败时目标数据库保持不变）。"]
    return []


def restore_sqlite(connection, path):
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)  # replaces the whole target database, schema included
    finally:
        source.close()


def restore_postgres(connection, path):
    # Tables left from a `migrate` of the empty installation (or, with --force, old data) go first, so that the
    # restored schema is exactly the backup's; pg_restore then runs in one transaction and stops at the first
    # error, so a failed restore leaves nothing half-loaded.
    with connection.cursor() as cursor:
        tables = table_names(cursor, "postgresql")
        if tables:
            cursor.execute("DROP TABLE IF EXISTS " + ", ".join(quote(t) for t in tables) + " CASCADE")
    connection.close()
    run_tool([pg_tool("pg_restore"), "--format=custom", "--no-password", "--no-owner", "--no-acl", "--clean",
              "--if-exists", "--single-transaction", "--exit-on-error",
              f"--dbname={connection.settings_dict['NAME']}", str(path)],
             pg_environment(connection.settings_dict), "pg_restore 恢复数据库")


def restore_database(connection, path):
    if connection.vendor == "sqlite":
        restore_sqlite(connection, path)
    else:
        restore_postgres(connection, path)
    connection.close()  # the next query sees the restored database through a fresh connection
