"""查询码 are kept only as their HMAC-SHA256 digest: existing codes are hashed, the clear column dropped.
Irreversible: the clear codes are gone (a lost code can only be replaced by a new one)."""

from django.db import migrations, models

from zhengwu.cases.tracking import digest_existing_codes


class Migration(migrations.Migration):
    dependencies = [("supervision", "0005_encrypt_free_text")]

    operations = [
        migrations.AddField(
            model_name="efficiencycomplaint",
            name="tracking_digest",
            field=models.CharField(default="", editable=False, help_text="查询码的 HMAC-SHA256 摘要；查询码本身不保存，只在提交时告知申请人一次。", max_length=64, verbose_name="查询码摘要"),
            preserve_default=False,
        ),
        migrations.RunPython(digest_existing_codes("supervision", "efficiencycomplaint"), elidable=True),
        migrations.RemoveField(model_name="efficiencycomplaint", name="tracking_code"),
    ]
