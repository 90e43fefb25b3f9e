from django.core.management.base import BaseCommand

from zhengwu.notifications.actions import send_pending


class Command(BaseCommand):
    help = "发送待发送的通知，并重试发送失败的通知（供任务进程或定时任务调用）。"

    def add_arguments(self, parser):
        parser.add_argument("--max-attempts", type=int, default=3, help="失败通知的最多尝试次数（默认 3）")
        parser.add_argument("--limit", type=int, default=500, help="本次最多处理的条数（默认 500）")

    def handle(self, *args, **options):
        counts = send_pending(max_attempts=options["max_attempts"], limit=options["limit"])
        self.stdout.write(f"已发送 {counts['sent']} 条，失败 {counts['failed']} 条。")
