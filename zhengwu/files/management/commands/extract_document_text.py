from django.core.management.base import BaseCommand

from zhengwu.files.actions import extract_document_text
from zhengwu.files.models import AgencyDocument


class Command(BaseCommand):
    help = ("提取文件文本以供检索（在受内存和时间限制的子进程中）：默认只处理尚待提取的文件"
            "（如任务队列曾不可用），--all 重新提取全部文件。")

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="只处理这些文件 ID")
        parser.add_argument("--all", action="store_true", help="重新提取全部文件")

    def handle(self, *args, ids, all, **options):
        documents = AgencyDocument.objects.order_by("pk")
        if ids:
            documents = documents.filter(pk__in=ids)
        elif not all:
            documents = documents.filter(text_extracted_at__isnull=True, extraction_error="")
        done = failed = 0
        for document_id in list(documents.values_list("pk", flat=True)):
            outcome = extract_document_text(document_id)
            if outcome == "failed":
                failed += 1
                document = AgencyDocument.objects.get(pk=document_id)
                self.stderr.write(f"{document.pk} {document.filename}: {document.extraction_error}")
            elif outcome == "saved":
                done += 1
        self.stdout.write(f"已提取 {done} 个文件，{failed} 个失败。")
