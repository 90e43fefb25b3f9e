"""A copy of the prepared test database, and putting it back.

A test that commits (the browser's live server, concurrency tests) cannot be rolled back; Django then empties
every table, and the next such test would start with no agencies, pages or search index. Instead it gets the
prepared state back by copying: SQLite's backup API copies the whole in-memory database page by page (FTS tables
included); on PostgreSQL every table is kept in a schema of its own and copied back with INSERT … SELECT (foreign
keys are deferred to the commit), then the sequences are set past the restored rows.
"""

import sqlite3

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection as default_connection
from django.db import transaction

SCHEMA = "zw_test_snapshot"


class Snapshot:
    def __init__(self, connection):
        self.connection = connection

    @classmethod
    def take(cls, connection=default_connection):
        kind = SQLiteSnapshot if connection.vendor == "sqlite" else PostgresSnapshot
        snapshot = kind(connection)
        snapshot._take()
        return snapshot


class SQLiteSnapshot(Snapshot):
    def _take(self):
        self.connection.ensure_connection()
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        self.connection.connection.backup(self.copy)

    def restore(self):
        self.connection.ensure_connection()
        self.copy.backup(self.connection.connection)


class PostgresSnapshot(Snapshot):
    def _take(self):
        with self.connection.cursor() as cursor:
            self.tables = [t for t in self.connection.introspection.table_names(cursor) if not t.startswith(SCHEMA)]
            cursor.execute(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE')
            cursor.execute(f'CREATE SCHEMA "{SCHEMA}"')
            self.filled = []
            for table in self.tables:
                cursor.execute(f'CREATE TABLE "{SCHEMA}"."{table}" AS SELECT * FROM "{table}"')
                if cursor.rowcount:
                    self.filled.append(table)
        models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
        self.sequence_resets = self.connection.ops.sequence_reset_sql(no_style(), models)

    def restore(self):
        tables = ", ".join(f'"{table}"' for table in self.tables)
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
            for table in self.filled:
                cursor.execute(f'INSERT INTO "{table}" SELECT * FROM "{SCHEMA}"."{table}"')
            for statement in self.sequence_resets:
                cursor.execute(statement)
