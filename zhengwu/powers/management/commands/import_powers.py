from django.core.management.base import BaseCommand, CommandError

from zhengwu.powers.importer import ImportFailed, import_powers


class Command(BaseCommand):
    help = "从 XLSX 导入权力清单（每行一项权力的一次变更）；任一行有误时不导入任何内容，并逐行说明错误。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="XLSX 文件路径")

    def handle(self, *args, path, **options):
        try:
            count = import_powers(path)
        except ImportFailed as failed:
            raise CommandError("导入失败，未导入任何内容：\n" + "\n".join(failed.errors)) from None
        self.stdout.write(f"已导入 {count} 条权力事项记录。")
