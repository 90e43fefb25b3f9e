from datetime import date

from django.core.management.base import BaseCommand, CommandError

from zhengwu.reports.models import ReportDeadlines
from zhengwu.reports.monthly.actions import send_reminders


class Command(BaseCommand):
    help = ("提醒尚未上报月报的机关：在报送截止日（次月几日，见“报告截止日期”设置）前若干天起，向本机关的月报填报人员"
            "发送站内消息（有邮箱的同时发邮件）。每个机关每月只提醒一次，可重复运行；由调度程序每天运行。")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="按这一天计算（YYYY-MM-DD），默认今天。")

    def handle(self, *args, **options):
        on = None
        if options["today"]:
            try:
                on = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today 请写成 YYYY-MM-DD。") from None
        summaries = send_reminders(on)
        if not summaries:
            deadlines = ReportDeadlines.load()
            self.stdout.write(f"今天不在任何月份月报的提醒期内（次月 {deadlines.monthly_day} 日截止，"
                              f"提前 {deadlines.monthly_reminder_days} 天提醒）。")
        for summary in summaries:
            self.stdout.write(
                f"{summary['year']}年{summary['month']}月月报（{summary['due_on']:%Y-%m-%d} 截止）："
                f"本次提醒 {summary['reminded']} 个机关 {summary['people']} 人；已上报 {summary['submitted']} 个；"
                f"此前已提醒 {summary['already']} 个；没有填报人员、无法提醒 {summary['no_reporter']} 个。")
