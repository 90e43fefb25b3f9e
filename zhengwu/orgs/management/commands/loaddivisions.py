from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from zhengwu.orgs.divisions import import_divisions


class Command(BaseCommand):
    help = "导入行政区划文件（code,name,parent_code,level），报告新增、更名、代码变更与撤销。"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="区划 CSV 文件；缺省为共享数据中的全省区划与试点乡镇。")
        parser.add_argument("--changes", help="代码变更对照表（old_code,new_code,…），缺省为共享数据中的对照表。")
        parser.add_argument("--keep-missing", action="store_true", help="文件中没有的代码不标记撤销。")

    def handle(self, *args, files, changes, keep_missing, **options):
        data = settings.SHARED_DATA_DIR
        files = files or [data / "hunan_divisions.csv", data / "hunan_pilot_townships.csv"]
        changes = changes or data / "hunan_divisions_changes.csv"
        try:
            report = import_divisions(files, changes, retire_missing=not keep_missing)
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"导入失败：{exc}") from exc
        for line in report.lines():
            self.stdout.write(line)
