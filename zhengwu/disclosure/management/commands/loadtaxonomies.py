from django.core.management.base import BaseCommand

from zhengwu.disclosure.models import Genre, ServiceObject, StatutoryCategory, Theme
from zhengwu.disclosure.seed import load_taxonomies


class Command(BaseCommand):
    help = "载入政府信息公开目录的分类（主题、体裁、服务对象、法定主动公开内容类别）：只补充缺少的，不改动已有的。"

    def handle(self, *args, **options):
        load_taxonomies()
        counts = "，".join(f"{model._meta.verbose_name} {model.objects.count()} 项"
                          for model in (Theme, Genre, ServiceObject, StatutoryCategory))
        self.stdout.write(f"分类就绪：{counts}。")
