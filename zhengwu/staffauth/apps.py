from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save


class StaffAuthConfig(AppConfig):
    name = "zhengwu.staffauth"
    label = "staffauth"
    verbose_name = "工作人员身份鉴别"

    def ready(self):
        from .history import record_first_password

        post_save.connect(record_first_password, sender=get_user_model(), dispatch_uid="staffauth.first_password")
