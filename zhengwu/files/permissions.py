"""Which document permissions each staff role holds on its agency's collection (and so on the
collections of the agencies below it). Wagtail checks document permissions against
wagtaildocs.Document's codenames whatever the document model is."""

from zhengwu.orgs.models import Role

ALL = ["add_document", "change_document", "delete_document", "choose_document"]

ROLE_DOCUMENT_PERMISSIONS = {
    Role.PUBLISHER: ["add_document", "change_document", "choose_document"],
    Role.SECRECY_REVIEWER: ["change_document", "choose_document"],
    Role.FOI_HANDLER: ["add_document", "change_document", "choose_document"],
    Role.WINDOW_CLERK: ["add_document", "choose_document"],
    Role.MAILBOX_HANDLER: ["add_document", "choose_document"],
    Role.AGENCY_ADMIN: ALL,
    Role.SYSTEM_ADMIN: ALL,
}
