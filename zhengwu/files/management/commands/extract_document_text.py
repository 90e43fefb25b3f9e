from django.core.management.base import BaseCommand

from zhengwu.files.models import AgencyDocument


class Command(BaseCommand):
    help = "提取文件文本以供检索：默认只处理尚未提取的文件，--all 重新提取全部文件。"

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="只处理这些文件 ID")
        parser.add_argument("--all", action="store_true", help="重新提取全部文件")

    def handle(self, *args, ids, all, **options):
        documents = AgencyDocument.objects.order_by("pk")
        if ids:
            documents = documents.filter(pk__in=ids)
        elif not all:
            documents = documents.filter(extracted_text="", extraction_error="")
        done = failed = 0
        for document in documents.iterator(chunk_size=100):
            document.refresh_content()
            document.save()  # re-indexes the document for search
            if document.extraction_error:
                failed += 1
                self.stderr.write(f"{document.pk} {document.filename}: {document.extraction_error}")
            else:
                done += 1
        self.stdout.write(f"已提取 {done} 个文件，{failed} 个失败。")
