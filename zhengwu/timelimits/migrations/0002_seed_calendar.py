"""Seed the working-day calendar from chinese-calendar, so every database (tests included) has it."""

from django.db import migrations


def seed(apps, schema_editor):
    from zhengwu.timelimits.seed import seed_from_chinese_calendar

    seed_from_chinese_calendar(apps.get_model("timelimits", "CalendarYear"), apps.get_model("timelimits", "CalendarDay"))


class Migration(migrations.Migration):
    dependencies = [("timelimits", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
