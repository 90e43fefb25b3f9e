from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "zhengwu.files"
    label = "files"
    verbose_name = "文件"
