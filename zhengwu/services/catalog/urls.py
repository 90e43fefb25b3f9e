"""Public catalog pages of the online service hall, mounted under zwfw/."""

from django.urls import path

from zhengwu.services.catalog import views as catalog_views

urlpatterns = [
    path("", catalog_views.catalog, name="services-catalog"),
    path("matters/<str:code>/", catalog_views.matter_detail, name="services-matter"),
]
