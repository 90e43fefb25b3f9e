from django.apps import AppConfig


class SchedulerConfig(AppConfig):
    name = "zhengwu.scheduler"
    verbose_name = "定时任务"
