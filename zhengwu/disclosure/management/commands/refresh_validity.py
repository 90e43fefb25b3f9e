from django.core.management.base import BaseCommand

from zhengwu.disclosure.actions import refresh_validity


class Command(BaseCommand):
    help = "按生效、失效、废止日期重新计算每条公开信息的有效性（每天运行一次，例如由 cron 在零点后运行）。"

    def handle(self, *args, **options):
        self.stdout.write(f"有效性已更新 {refresh_validity()} 条。")
