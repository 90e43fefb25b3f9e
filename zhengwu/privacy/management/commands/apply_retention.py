from django.core.management.base import BaseCommand

from zhengwu.privacy.retention import apply_retention


class Command(BaseCommand):
    help = "删除超过保存期限（个人信息保存期限规则）的已办结记录中的个人信息；统计数据不变。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将要删除的记录数，不做修改。")

    def handle(self, *args, dry_run=False, **options):
        done = apply_retention(dry_run=dry_run)
        verb = "将删除" if dry_run else "已删除"
        total = 0
        for kind, count in done:
            if count:
                self.stdout.write(f"{kind.record_type.label}（{kind.model}）：{verb} {count} 条记录的个人信息")
            total += count
        self.stdout.write(f"共{verb} {total} 条记录的个人信息。" if total else "没有超过保存期限的记录。")
