import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="PasswordHistory",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("password", models.CharField(max_length=128, verbose_name="密码哈希")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="设置时间")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="password_history",
                                           to=settings.AUTH_USER_MODEL, verbose_name="用户")),
            ],
            options={
                "verbose_name": "历史密码",
                "verbose_name_plural": "历史密码",
                "indexes": [models.Index(fields=["user", "-created_at"], name="staffauth_history_newest")],
            },
        ),
    ]
