"""Admin of 决策公开: the menu group and its five viewsets (each in its own module)."""

from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from zhengwu.consultation import admin_permissions  # noqa: F401  (the role policies, registered before any viewset asks)
from zhengwu.consultation.decisions.admin import DecisionViewSet
from zhengwu.consultation.drafts.admin import ConsultationViewSet
from zhengwu.consultation.drafts.admin_comments import CommentViewSet
from zhengwu.consultation.hearings.admin import HearingViewSet
from zhengwu.consultation.surveys.admin import SurveyViewSet


class ConsultationGroup(ViewSetGroup):
    menu_label = "决策公开"
    menu_icon = "doc-full-inverse"
    menu_order = 240
    items = (ConsultationViewSet("consultation_drafts"), CommentViewSet("consultation_comments"),
             DecisionViewSet("consultation_decisions"), HearingViewSet("consultation_hearings"),
             SurveyViewSet("consultation_surveys"))


@hooks.register("register_admin_viewset")
def register_consultation_group():
    return ConsultationGroup()
