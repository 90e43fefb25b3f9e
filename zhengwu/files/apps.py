from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "zhengwu.files"
    label = "files"
    verbose_name = "文件"

    def ready(self):
        from zhengwu.orgs.actions import register_group_grant

        from .collections import document_permissions, grant_collection_permissions

        # A role's group on an agency carries its document permissions on the agency's collection.
        register_group_grant(lambda role: bool(document_permissions(role)), grant_collection_permissions)
