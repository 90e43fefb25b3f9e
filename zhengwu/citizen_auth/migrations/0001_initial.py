# Generated for zhengwu.citizen_auth (written by hand while another app's migration was in progress; checked
# with makemigrations --check).

import django.db.models.deletion
import zhengwu.privacy.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PhoneSignInCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('phone_index', models.CharField(db_index=True, max_length=64, verbose_name='手机号码索引')),
                ('code_hash', models.CharField(max_length=64, verbose_name='验证码摘要')),
                ('created_at', models.DateTimeField(verbose_name='发送时间')),
                ('expires_at', models.DateTimeField(verbose_name='失效时间')),
                ('failed_attempts', models.PositiveSmallIntegerField(default=0, verbose_name='错误次数')),
                ('used_at', models.DateTimeField(blank=True, null=True, verbose_name='使用时间')),
            ],
            options={
                'verbose_name': '短信登录验证码',
                'verbose_name_plural': '短信登录验证码',
                'default_permissions': (),
            },
        ),
        migrations.CreateModel(
            name='CitizenProfile',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('oidc_issuer', models.CharField(blank=True, max_length=255, verbose_name='统一身份认证平台')),
                ('oidc_subject', models.CharField(blank=True, max_length=255, null=True, verbose_name='统一身份认证用户标识（sub）')),
                ('phone', zhengwu.privacy.fields.EncryptedCharField(blank=True, max_length=20, verbose_name='手机号码')),
                ('phone_index', zhengwu.privacy.fields.BlindIndexField(purpose='phone', source='phone', unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='citizen_profile', to=settings.AUTH_USER_MODEL, verbose_name='账号')),
            ],
            options={
                'verbose_name': '公众账号登录方式',
                'verbose_name_plural': '公众账号登录方式',
                'constraints': [models.UniqueConstraint(condition=models.Q(('oidc_subject__isnull', False)), fields=('oidc_issuer', 'oidc_subject'), name='citizen_oidc_subject_unique')],
            },
        ),
    ]
