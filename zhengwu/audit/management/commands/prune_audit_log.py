import datetime

from django.core.management.base import BaseCommand, CommandError

from zhengwu.audit.chain import PruneRefused, prune


def _day(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期格式应为 YYYY-MM-DD：{text}") from None


class Command(BaseCommand):
    help = ("删除某日之前的审计日志（不早于保留期 AUDIT_RETENTION_DAYS，至少 180 天）；"
            "最后一条被删记录的哈希留作链的新起点，之后的链仍可校验。")

    def add_arguments(self, parser):
        parser.add_argument("--before", required=True, type=_day, help="删除此日（本地时间 0 点）之前的记录，YYYY-MM-DD")

    def handle(self, *args, before, **options):
        try:
            count = prune(before, actor_username="manage.py prune_audit_log")
        except PruneRefused as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(f"已清理 {before:%Y-%m-%d} 之前的审计日志 {count} 条。")
