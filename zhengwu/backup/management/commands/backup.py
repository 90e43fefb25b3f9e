from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from zhengwu.backup.create import make_backup


class Command(BaseCommand):
    help = ("备份数据库与文件到一个归档（manifest.json 记录迁移状态、各表行数和每个文件的 SHA-256）。"
            "设置了 BACKUP_ENCRYPTION_KEY 时默认加密；生产环境拒绝写未加密的备份，除非加 --allow-plaintext。"
            "见 docs/operations-backup.md。")

    def add_arguments(self, parser):
        parser.add_argument("--output", help="归档文件，或存放归档的目录（默认 BACKUP_DIR，即 var/backups/）")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="要备份的数据库别名")
        choice = parser.add_mutually_exclusive_group()
        choice.add_argument("--encrypt", dest="encrypt", action="store_true", default=None,
                            help="用 BACKUP_ENCRYPTION_KEY 加密（设置了密钥时默认如此）")
        choice.add_argument("--no-encrypt", dest="encrypt", action="store_false", help="不加密")
        parser.add_argument("--allow-plaintext", action="store_true", help="生产环境下也允许写未加密的备份")

    def handle(self, *args, output, database, encrypt, allow_plaintext, **options):
        key = settings.BACKUP_ENCRYPTION_KEY
        if encrypt is None:
            encrypt = bool(key)
        if encrypt and not key:
            raise CommandError("要加密备份，请在环境变量 BACKUP_ENCRYPTION_KEY 中提供密钥（口令）。")
        if not encrypt and not settings.DEBUG and not allow_plaintext:
            raise CommandError("生产环境不写未加密的备份：请设置环境变量 BACKUP_ENCRYPTION_KEY（推荐），"
                               "或确认备份存放处足够安全后加 --allow-plaintext。")
        path, manifest = make_backup(connections[database], output, key if encrypt else None)
        tables = manifest["database"]["tables"]
        size = sum(entry["size"] for entry in manifest["files"])
        self.stdout.write(f"已写入 {path}（{'已加密' if encrypt else '未加密'}，权限 0600）：{manifest['database']['vendor']} 数据库 "
                          f"{len(tables)} 张表共 {sum(tables.values())} 行，文件 {len(manifest['files'])} 个（{size} 字节）。")
        if manifest["left_out_after_snapshot"]:
            self.stdout.write(f"数据库快照之后新写入且未被引用的文件 {len(manifest['left_out_after_snapshot'])} 个未收入"
                              "（属于快照之后的事务）。")
        if manifest["missing_files"]:
            self.stderr.write(f"警告：数据库引用的 {len(manifest['missing_files'])} 个文件在存储中找不到"
                              "（见 manifest.json 的 missing_files）：" +
                              "、".join(f"{m['store']}/{m['name']}" for m in manifest["missing_files"][:10]))
