"""What each role may do: Django model permissions (global, narrowed by the scope query) and
Wagtail page permissions (granted on the agency's home page, so they reach its subtree)."""

from .models import Role

ADMIN_ACCESS = ["wagtailadmin.access_admin"]
# Personal API tokens (admin → 设置 → API tokens) for roles whose work other systems integrate with.
API_TOKENS = ["wagtailcore.add_apitoken", "wagtailcore.view_apitoken", "wagtailcore.delete_apitoken"]
# 依申请公开: requests and complaints are read in the admin and changed only through foi.actions.
FOI_VIEW = ["foi.view_informationrequest", "foi.view_complaint"]
# The 109号 fee schedule is data, kept by system administrators.
FEE_SCHEDULE = [f"foi.{action}_feescheduleversion" for action in ("add", "change", "delete", "view")]
# 年度报告: the agency's disclosure office drafts it; inspectors read it.
REPORTS_EDIT = ["reports.view_annualreport", "reports.change_annualreport", "reports.add_annualreport"]
REPORTS_VIEW = ["reports.view_annualreport"]

ROLE_MODEL_PERMISSIONS = {
    Role.PUBLISHER: ADMIN_ACCESS + ["disclosure.view_secrecyreview"],
    Role.SECRECY_REVIEWER: ADMIN_ACCESS + ["disclosure.view_secrecyreview", "foi.view_informationrequest"],
    Role.FOI_HANDLER: ADMIN_ACCESS + API_TOKENS + FOI_VIEW + REPORTS_EDIT,
    Role.DISCLOSURE_HEAD: ADMIN_ACCESS + API_TOKENS + FOI_VIEW + REPORTS_EDIT,
    Role.WINDOW_CLERK: ADMIN_ACCESS + API_TOKENS,
    Role.MAILBOX_HANDLER: ADMIN_ACCESS + API_TOKENS,
    Role.ENFORCEMENT_OFFICER: ADMIN_ACCESS,
    Role.INSPECTOR: ADMIN_ACCESS + API_TOKENS + ["timelimits.view_clock", "disclosure.view_secrecyreview",
                                                 *FOI_VIEW, *REPORTS_VIEW],
    Role.AGENCY_ADMIN: ADMIN_ACCESS + API_TOKENS + [
        "orgs.view_agency", "orgs.change_agency", "orgs.add_agency",
        "orgs.view_staffrole", "orgs.add_staffrole", "orgs.delete_staffrole",
        "orgs.view_division", "disclosure.view_secrecyreview", *FOI_VIEW, *REPORTS_EDIT,
    ],
    Role.SYSTEM_ADMIN: ADMIN_ACCESS + API_TOKENS + [
        "orgs.*", "timelimits.*", "portal.*", "disclosure.*", "powers.add_publicityrule", "powers.change_publicityrule",
        "powers.view_publicityrule", *FOI_VIEW, *FEE_SCHEDULE, *REPORTS_EDIT,
        "wagtailcore.add_site", "wagtailcore.change_site", "wagtailcore.delete_site", "wagtailcore.view_site",
        "auth.add_user", "auth.change_user", "auth.view_user",
        "wagtailcore.add_workflow", "wagtailcore.change_workflow",
        "wagtailcore.add_task", "wagtailcore.change_task",
        "wagtailredirects.*",
    ],
}

ROLE_PAGE_PERMISSIONS = {
    Role.PUBLISHER: ["add_page", "change_page", "publish_page"],
    Role.SECRECY_REVIEWER: ["change_page", "publish_page"],
    Role.AGENCY_ADMIN: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    Role.SYSTEM_ADMIN: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
}

# Roles that may administer agencies and staff roles inside their subtree.
ADMIN_ROLES = [Role.AGENCY_ADMIN, Role.SYSTEM_ADMIN]
