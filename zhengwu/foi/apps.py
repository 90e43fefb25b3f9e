from django.apps import AppConfig


class FoiConfig(AppConfig):
    name = "zhengwu.foi"
    label = "foi"
    verbose_name = "依申请公开"

    def ready(self):
        from zhengwu.timelimits.actions import due_date_moved

        from .calendar_moves import tell_of_a_moved_due_date

        due_date_moved.connect(tell_of_a_moved_due_date, dispatch_uid="zhengwu.foi.due_date_moved")
