"""决策公开 under /yjzj/: the entry page, consultations on drafts, the major-decision catalog, hearings, surveys."""

from django.urls import path

from zhengwu.consultation import views
from zhengwu.consultation.decisions import views as decision_views
from zhengwu.consultation.hearings import views as hearing_views
from zhengwu.consultation.surveys import views as survey_views

urlpatterns = [
    path("", views.index, name="consultation-index"),
    path("consultations/", views.consultation_list, name="consultation-list"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation-detail"),
    path("decisions/", decision_views.decision_list, name="consultation-decisions"),
    path("hearings/", hearing_views.hearing_list, name="consultation-hearings"),
    path("hearings/<int:pk>/", hearing_views.hearing_detail, name="consultation-hearing"),
    path("surveys/", survey_views.survey_list, name="consultation-surveys"),
    path("surveys/<int:pk>/", survey_views.survey_detail, name="consultation-survey"),
]
