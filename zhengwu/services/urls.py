"""The online service hall (网上政务服务大厅) under /zwfw/: catalog, applications and tracking, ratings, centres."""

from django.urls import include, path

urlpatterns = [
    path("", include("zhengwu.services.catalog.urls")),
    path("", include("zhengwu.services.centres.urls")),
    path("", include("zhengwu.services.cases.urls")),
]
