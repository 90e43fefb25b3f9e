from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

from zhengwu.backup.restore import restore_backup


class Command(BaseCommand):
    help = ("把 manage.py backup 写的归档恢复到空的安装：先核对清单中的全部 SHA-256，再恢复数据库和文件，"
            "最后核对每张表的行数与每个文件的哈希，任何不一致都以非零状态退出。加密的归档需要 BACKUP_ENCRYPTION_KEY。")

    def add_arguments(self, parser):
        parser.add_argument("archive", help="备份归档文件")
        parser.add_argument("--force", action="store_true",
                            help="目标已有数据时也恢复（整体替换数据库，覆盖同名文件）")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="恢复到的数据库别名")
        parser.add_argument("--workdir", help="解包核对用的临时目录（默认 var/；需能放下整个备份）")

    def handle(self, *args, archive, force, database, workdir, **options):
        lines = restore_backup(archive, connections[database], force=force, passphrase=settings.BACKUP_ENCRYPTION_KEY,
                               workdir=workdir, say=self.stdout.write)
        for line in lines:
            self.stdout.write(line)
