from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "zhengwu.foi"
    label = "foi"
    verbose_name = "依申请公开"

    def ready(self):
        from zhengwu.foi import monthly_sources, supervised  # noqa: F401  (月报 figures; the supervision registry)
        from zhengwu.foi.calendar_moves import tell_of_moved_due_dates
        from zhengwu.timelimits.actions import due_dates_moved

        due_dates_moved.connect(tell_of_moved_due_dates, dispatch_uid="zhengwu.foi.due_dates_moved")
