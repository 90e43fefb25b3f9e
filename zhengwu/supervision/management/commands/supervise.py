import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from zhengwu.supervision.sweep import run_sweep


class Command(BaseCommand):
    help = ("电子监察扫描一次：按各类案件时限的到期日亮预警、黄牌、红牌，记录超时违规，刷新监察统计并通知责任人"
            "（可重复运行，已亮的牌不会重复；由调度程序每 5 分钟运行）。")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按指定日期扫描（YYYY-MM-DD），用于补扫或演示。")
        parser.add_argument("--no-notify", action="store_true", help="只亮牌，不发送通知。")

    def handle(self, *args, today=None, no_notify=False, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError:
            raise CommandError("日期格式应为 YYYY-MM-DD。") from None
        started = time.perf_counter()
        s = run_sweep(today=day, notify=not no_notify)
        self.stdout.write(f"电子监察扫描完成（{time.perf_counter() - started:.2f} 秒）：预警 {s['warnings']}，"
                          f"黄牌 {s['yellow']}，红牌 {s['red']}，超时 {s['overdue']}；统计 {s['tallies']} 行；"
                          f"通知 {s['notified']} 人。")
