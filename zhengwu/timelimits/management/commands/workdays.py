"""Working-day arithmetic from the command line: `workdays add START N [--explain]`, `workdays check DATE`."""

from django.core.management.base import BaseCommand, CommandError

from zhengwu.timelimits import calendar
from zhengwu.timelimits.inputs import parse_date, parse_workdays


class Command(BaseCommand):
    help = "工作日计算：add 计算到期日（起算日后第 N 个工作日），check 查询某日是否工作日。"

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, title="子命令")
        add = actions.add_parser(
            "add", help="计算到期日：起算日（不计入）后第 N 个工作日；最后一行为 ISO 日期"
        )
        add.add_argument("start", help="起算日，YYYY-MM-DD（当日不计入）")
        add.add_argument("workdays", help="工作日数，1–3650")
        add.add_argument("--explain", action="store_true", help="先逐行说明跳过的节假日、计入的调休上班日")
        check = actions.add_parser("check", help="查询某日是否工作日及原因")
        check.add_argument("date", help="日期，YYYY-MM-DD")

    def handle(self, *args, action, **options):
        try:
            if action == "add":
                self.run_add(
                    parse_date(options["start"], "起算日"),
                    parse_workdays(options["workdays"]),
                    options["explain"],
                )
            else:
                self.run_check(parse_date(options["date"]))
        except ValueError as error:
            raise CommandError(str(error)) from None

    def run_add(self, start, n, explain):
        cal = calendar.current()
        if explain:
            explanation = cal.explain(start, n)
            for line in explanation.lines():
                self.stdout.write(line)
            due = explanation.due
        else:
            due = cal.add_workdays(start, n)
        # A date counted over a year without official data may still move: never print it as final.
        self.stdout.write(due.isoformat() + ("（临时）" if cal.touches_provisional(start, due) else ""))

    def run_check(self, day):
        cal = calendar.current()
        verdict = "是工作日" if cal.is_workday(day) else "不是工作日"
        line = f"{day.isoformat()} {verdict}：{cal.day_info(day)}"
        if cal.year_is_provisional(day.year):
            line += f"（临时：{day.year} 年无官方节假日安排，按周末和法定节假日推算）"
        elif cal.is_provisional(day):
            line += "（临时：该日安排尚未正式公布）"
        self.stdout.write(line)
