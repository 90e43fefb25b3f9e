"""Turning an existing plaintext column into an encrypted one, in a migration.

    migrations.AlterField("letter", "body", EncryptedTextField("来信内容")),
    encrypt_existing("interaction", "letter", ["body"]),

``encrypt_existing`` is a RunPython that rewrites the stored values through raw SQL (the historical model
already decrypts on load, so the ORM cannot read the old plaintext). A value that is already a valid token is
left as it is, so the step is safe to run twice. Its reverse decrypts the column back to plaintext, so the
migration can be unapplied while the keys that encrypted it are still configured.
"""

from cryptography.fernet import InvalidToken
from django.db import migrations

from .keys import multi_fernet

BATCH = 500


def _rewrite(apps, schema_editor, app_label, model_name, field_names, transform):
    model = apps.get_model(app_label, model_name)
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    pk = quote(model._meta.pk.column)
    for name in field_names:
        column = quote(model._meta.get_field(name).column)
        last = None
        while True:
            with connection.cursor() as cursor:
                where = f"WHERE {pk} > %s " if last is not None else ""
                cursor.execute(f"SELECT {pk}, {column} FROM {table} {where}ORDER BY {pk} LIMIT {BATCH}",
                               [last] if last is not None else [])
                rows = cursor.fetchall()
            if not rows:
                break
            last = rows[-1][0]
            changed = [(new, key) for key, value in rows if value
                       for new in [transform(value)] if new != value]
            if changed:
                with connection.cursor() as cursor:
                    cursor.executemany(f"UPDATE {table} SET {column} = %s WHERE {pk} = %s", changed)


def _is_token(value):
    try:
        multi_fernet().decrypt(value.encode())
    except InvalidToken:
        return False
    return True


def encrypt_value(value):
    return value if _is_token(value) else multi_fernet().encrypt(value.encode()).decode()


def decrypt_value(value):
    try:
        return multi_fernet().decrypt(value.encode()).decode()
    except InvalidToken:
        return value  # never encrypted (a row written while the migration was being unapplied)


def encrypt_existing(app_label, model_name, field_names):
    def forward(apps, schema_editor):
        _rewrite(apps, schema_editor, app_label, model_name, field_names, encrypt_value)

    def backward(apps, schema_editor):
        _rewrite(apps, schema_editor, app_label, model_name, field_names, decrypt_value)

    return migrations.RunPython(forward, backward, elidable=False)
