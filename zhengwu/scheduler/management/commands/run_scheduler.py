import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from zhengwu.scheduler.jobs import jobs, run_due


class Command(BaseCommand):
    help = "按 SCHEDULED_COMMANDS 定时运行各项巡检（逾期申请处理、有效性更新、待发通知等）；--once 只运行一轮。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="每项任务运行一次后退出。")
        parser.add_argument("--tick", type=float, default=30, help="检查间隔（秒）。")

    def handle(self, *args, once=False, tick=30, **options):
        schedule = jobs()
        self.stdout.write("定时任务：" + "，".join(f"{j.command}（每 {j.every_seconds} 秒）" for j in schedule))
        while True:
            for command, printed in run_due(schedule):
                self.stdout.write(f"[{timezone.localtime():%H:%M:%S}] {command}：{printed or '完成'}")
            if once:
                return
            time.sleep(tick)
