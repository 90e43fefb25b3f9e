import django.db.models.deletion
from django.db import migrations, models


def create_fulltext(apps, schema_editor):
    from zhengwu.search.storage import storage_for

    storage_for(schema_editor.connection).create(schema_editor.connection)


def drop_fulltext(apps, schema_editor):
    from zhengwu.search.storage import storage_for

    storage_for(schema_editor.connection).drop(schema_editor.connection)


class Migration(migrations.Migration):
    initial = True
    dependencies = [("contenttypes", "0002_remove_content_type_name")]

    operations = [
        migrations.CreateModel(
            name="Document",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                                   to="contenttypes.contenttype")),
                ("object_id", models.CharField(max_length=50)),
                ("length", models.IntegerField(default=0)),
                ("title", models.TextField(blank=True)),
                ("body", models.TextField(blank=True)),
            ],
            options={
                "db_table": "zhengwu_search_document",
                "indexes": [models.Index(fields=["length"], name="zw_search_doc_length")],
            },
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(fields=("content_type", "object_id"), name="zw_search_doc_uniq"),
        ),
        migrations.CreateModel(
            name="ChampionList",
            fields=[
                ("term", models.CharField(max_length=100, primary_key=True, serialize=False)),
                ("avgdl", models.FloatField()),
                ("floor", models.FloatField(default=0.0)),
                ("size", models.IntegerField(default=0)),
            ],
            options={"db_table": "zhengwu_search_champion_list"},
        ),
        migrations.CreateModel(
            name="Champion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("term", models.CharField(max_length=100)),
                ("document_id", models.BigIntegerField()),
                ("content_type_id", models.IntegerField()),
                ("impact", models.FloatField()),
            ],
            options={
                "db_table": "zhengwu_search_champion",
                "indexes": [
                    models.Index(fields=["term", "-impact"], name="zw_search_champ_term"),
                    models.Index(fields=["document_id"], name="zw_search_champ_doc"),
                ],
            },
        ),
        migrations.CreateModel(
            name="ChampionCount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("term", models.CharField(max_length=100)),
                ("content_type_id", models.IntegerField()),
                ("df", models.IntegerField(default=0)),
            ],
            options={"db_table": "zhengwu_search_champion_count"},
        ),
        migrations.AddConstraint(
            model_name="championcount",
            constraint=models.UniqueConstraint(fields=("term", "content_type_id"), name="zw_search_cc_uniq"),
        ),
        migrations.CreateModel(
            name="IndexStats",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("documents", models.BigIntegerField(default=0)),
                ("tokens", models.BigIntegerField(default=0)),
            ],
            options={"db_table": "zhengwu_search_stats"},
        ),
        migrations.RunPython(create_fulltext, drop_fulltext),
    ]
