"""Re-seed the calendar from the installed chinese-calendar release and re-derive open clocks."""

from django.core.management.base import BaseCommand
from django.db import transaction

from zhengwu.timelimits import calendar
from zhengwu.timelimits.actions import recompute_open_clocks
from zhengwu.timelimits.models import CalendarDay, CalendarYear
from zhengwu.timelimits.seed import seed_from_chinese_calendar


class Command(BaseCommand):
    help = "从 chinese-calendar 库导入节假日与调休安排（升级该库后运行），并重算未结束的计时。"

    def handle(self, *args, **options):
        with transaction.atomic():
            report = seed_from_chinese_calendar(CalendarYear, CalendarDay)
        self.stdout.write(f"数据来源：{report.source}")
        for label, items in [
            ("新增年度", [f"{y} 年" for y in report.years_created]),
            ("改为正式年度", [f"{y} 年" for y in report.years_updated]),
            ("新增日期", report.days_created),
            ("修改日期", report.days_updated),
            ("删除日期（库中已不存在）", report.days_deleted),
            ("保留管理员录入（与库不同）", report.days_kept),
        ]:
            if items:
                self.stdout.write(f"{label}：{len(items)} 条")
                for item in items:
                    self.stdout.write(f"  {item}")
        if report.days_resourced:
            self.stdout.write(f"仅更新来源：{report.days_resourced} 条")
        if not report.changed:
            self.stdout.write("日历无变化。")
            return
        # Bulk writes send no signals, so publish the new calendar and recompute here.
        calendar.invalidate()
        changed = recompute_open_clocks()
        self.stdout.write(f"已重算未结束的计时：{changed} 个到期日有变化。")
