from django.db import migrations

# The 2012 work plan, point 三: township centres 100%, village stations 50% (editable in admin).
TARGETS = [("township", 100), ("village", 50)]
BASIS = "2012年全省政务公开工作要点第三条：乡镇（街道）政务服务中心覆盖率100%，村（社区）便民服务中心（站）覆盖率50%"


def add_targets(apps, schema_editor):
    CoverageTarget = apps.get_model("services", "CoverageTarget")
    for level, percent in TARGETS:
        CoverageTarget.objects.get_or_create(level=level, defaults={"percent": percent, "basis": BASIS})


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]
    operations = [migrations.RunPython(add_targets, migrations.RunPython.noop)]
