from django.core.management.base import BaseCommand

from zhengwu.foi.actions import close_lapsed


class Command(BaseCommand):
    help = ("终止逾期未补正、逾期未缴费的政府信息公开申请，结束期满未答复的征求意见（可重复运行，"
            "已处理的不会再处理；由调度程序每小时运行）。")

    def handle(self, *args, **options):
        counts = close_lapsed()
        self.stdout.write(f"逾期未补正终止 {counts['correction']} 件，逾期未缴费终止 {counts['fee']} 件，"
                          f"征求意见期满 {counts['consultation']} 件。")
