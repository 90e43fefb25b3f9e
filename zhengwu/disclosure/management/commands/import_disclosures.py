import getpass
import sys
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from zhengwu.disclosure.importer import LineError, import_item, parse_line


class Command(BaseCommand):
    help = ("批量导入历史公开信息（JSON Lines，每行一个对象：title、agency（机构全称或统一社会信用代码）、body、"
            "written_on、published_on、doc_number、theme、genre、keywords、valid_until、attachments）。"
            "有错误的行不导入，并指明行号与字段。")

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSONL 文件路径")
        parser.add_argument("--publish", action="store_true",
                            help="直接公开，并记录“历史数据迁移”审查记录（默认导入为草稿，走保密审查）")
        parser.add_argument("--user", help="导入人用户名（记入审查记录与页面历史）")

    def handle(self, *args, file, publish, user, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件 {file}")
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f"找不到用户 {user}")
        source = f"{path.name}（操作系统用户 {getpass.getuser()}）"
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        total = len(lines)
        done = failed = 0
        errors = []
        started = time.monotonic()
        for line_no, raw in enumerate(lines, start=1):
            try:
                data = parse_line(line_no, raw, path.parent, require_published_on=publish)
                if data is not None:
                    import_item(data, user=importer, publish=publish, source=source)
                    done += 1
            except LineError as error:
                failed += 1
                errors.append(str(error))
            except Exception as error:  # a line must never stop the others; say which and why
                failed += 1
                errors.append(str(LineError(line_no, None, f"导入失败：{error}")))
            self._progress(line_no, total, done, failed)
        sys.stderr.write("\n")
        for message in errors:
            self.stderr.write(message)
        state = "已公开" if publish else "已导入为草稿（待保密审查）"
        self.stdout.write(f"{state} {done} 条，失败 {failed} 条，用时 {time.monotonic() - started:.1f} 秒。")
        if failed:
            raise CommandError(f"{failed} 行未导入，请按上面的行号与字段修改后重新导入这些行。", returncode=1)

    def _progress(self, current, total, done, failed):
        width = 30
        filled = int(width * current / total) if total else width
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {current}/{total} 成功 {done} 失败 {failed}")
        sys.stderr.flush()
