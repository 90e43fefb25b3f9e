"""权力清单 under /qlqd/: the list, 双公示 (sgs/), 执法依据 (zfyj/), reform changes by year (bg/), internal
power-operation charts (nbqlyx/), one power with its flowchart."""

from django.urls import path

from . import views
from .decisions import views as decisions

urlpatterns = [
    path("", views.power_list, name="powers-list"),
    path("sgs/", decisions.decision_list, name="powers-decisions"),
    path("sgs/<str:number>/", decisions.decision_detail, name="powers-decision"),
    path("zfyj/", views.enforcement_bases, name="powers-bases"),
    path("bg/", views.reform_changes, name="powers-reform"),
    path("nbqlyx/", views.internal_charts, name="powers-internal-charts"),
    path("nbqlyx/<int:pk>/", views.internal_chart, name="powers-internal-chart"),
    path("<str:code>/flowchart.svg", views.flowchart_svg, name="powers-flowchart-svg"),
    path("<str:code>/", views.power_detail, name="powers-detail"),
]
