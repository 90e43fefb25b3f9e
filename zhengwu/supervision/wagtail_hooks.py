"""电子监察 in the admin: the menu (shown to users who supervise some agency — 监察员, 系统管理员 — and to
superusers) and the URLs under /admin/supervision/. The views are in admin_views (overview, agency page),
admin_lists (cards, violations), admin_rules (亮牌规则) and admin_complaints (效能投诉)."""

from django.urls import path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_complaints, admin_lists, admin_rules, admin_views
from .dashboard import supervised


@hooks.register("register_admin_urls")
def register_supervision_urls():
    return [
        path("supervision/", admin_views.OverviewView.as_view(), name="supervision_overview"),
        path("supervision/xlsx/", admin_views.OverviewExportView.as_view(), name="supervision_overview_xlsx"),
        path("supervision/agency/<int:pk>/", admin_views.AgencyView.as_view(), name="supervision_agency"),
        path("supervision/agency/<int:pk>/xlsx/", admin_views.AgencyExportView.as_view(),
             name="supervision_agency_xlsx"),
        path("supervision/cards/", admin_lists.CardListView.as_view(), name="supervision_cards"),
        path("supervision/cards/xlsx/", admin_lists.CardExportView.as_view(), name="supervision_cards_xlsx"),
        path("supervision/violations/", admin_lists.ViolationListView.as_view(), name="supervision_violations"),
        path("supervision/violations/xlsx/", admin_lists.ViolationExportView.as_view(),
             name="supervision_violations_xlsx"),
        path("supervision/rules/", admin_rules.RulesIndexView.as_view(), name="supervision_rules"),
        path("supervision/rules/add/", admin_rules.RuleEditorView.as_view(), name="supervision_rule_add"),
        path("supervision/rules/<int:pk>/", admin_rules.RuleEditorView.as_view(), name="supervision_rule_edit"),
        path("supervision/rules/<int:pk>/delete/", admin_rules.RuleDeleteView.as_view(),
             name="supervision_rule_delete"),
        path("supervision/complaints/", admin_complaints.ComplaintDeskView.as_view(), name="supervision_complaints"),
        path("supervision/complaints/<int:pk>/", admin_complaints.ComplaintView.as_view(),
             name="supervision_complaint"),
        path("supervision/complaints/<int:pk>/close/", admin_complaints.CloseComplaintView.as_view(),
             name="supervision_complaint_close"),
        path("supervision/complaints/<int:pk>/note/", admin_complaints.NoteComplaintView.as_view(),
             name="supervision_complaint_note"),
    ]


def supervises(request) -> bool:
    """Whether the user supervises some agency; asked once per request however many items ask."""
    if not hasattr(request, "_supervises"):
        request._supervises = supervised(request.user).exists()
    return request._supervises


class SupervisorMenuItem(MenuItem):
    def is_shown(self, request):
        return supervises(request)


MENU = [  # label, URL name, icon
    ("监察总览", "supervision_overview", "table"),
    ("亮牌", "supervision_cards", "warning"),
    ("违规记录", "supervision_violations", "cross"),
    ("效能投诉", "supervision_complaints", "mail"),
    ("亮牌规则", "supervision_rules", "cog"),
]


@hooks.register("register_admin_menu_item")
def register_supervision_menu():
    items = [SupervisorMenuItem(label, reverse_lazy(url_name), name=url_name.replace("_", "-"), icon_name=icon,
                                order=100 * (index + 1))
             for index, (label, url_name, icon) in enumerate(MENU)]
    return SubmenuMenuItem("电子监察", Menu(items=items), name="supervision", icon_name="warning", order=260)
