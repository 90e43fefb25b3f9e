"""Who works on an agency's reports (the disclosure office and the agency's admins) and who may read them
(also supervisors); the admin and the API both ask the scope query with these."""

from zhengwu.orgs.models import Role

EDIT_ROLES = [Role.FOI_HANDLER, Role.DISCLOSURE_HEAD, Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN]
VIEW_ROLES = [*EDIT_ROLES, Role.INSPECTOR]
