from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from zhengwu import entry_pages
from zhengwu.api import api
from zhengwu.disclosure.views import search as disclosure_search
from zhengwu.foi import complaint_views
from zhengwu.foi import views as foi_views
from zhengwu.orgs.narrowed_admin_views import ChooserBrowseOfChoosablePages, PageTypesReportForSuperusers
from zhengwu.portal import accounts, site_pages
from zhengwu.portal.sitemap import sitemap
from zhengwu.portal.views import toggle_elder_mode
from zhengwu.privacy import views as privacy_views

urlpatterns = [
    # Before Wagtail's own routes: two of its views narrowed to what the user may see (orgs/narrowed_admin_views.py).
    path("admin/reports/page-types-usage/", PageTypesReportForSuperusers.as_view()),
    path("admin/choose-page/<int:parent_page_id>/", ChooserBrowseOfChoosablePages.as_view()),
    path("admin/reports/page-types-usage/results/", PageTypesReportForSuperusers.as_view(results_only=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accessibility/elder-mode/", toggle_elder_mode, name="elder-mode"),
    path("search/", disclosure_search, name="disclosure-search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("wzdt/", site_pages.site_map, name="site-map"),
    path("sitemap/", site_pages.site_map_alias),
    path("lxwm/", site_pages.contact, name="site-contact"),
    path("jggk/<int:pk>/", site_pages.agency_profile, name="agency-profile"),
    path("accounts/login/", accounts.LoginView.as_view(), name="account-login"),
    path("accounts/logout/", accounts.LogoutView.as_view(), name="account-logout"),
    path("accounts/register/", accounts.register, name="account-register"),
    path("accounts/my-data/", privacy_views.my_data, name="privacy-my-data"),  # 我的数据
    path("accounts/my-data/download.json", privacy_views.my_data_json, name="privacy-my-data-json"),
    path("accounts/my-data/download.zip", privacy_views.my_data_zip, name="privacy-my-data-zip"),
    path("", include("zhengwu.citizen_auth.urls")),  # /accounts/sms/, /oidc/ (404 until configured)
    path("ysqgk/", foi_views.apply, name="foi-apply"),
    path("ysqgk/submitted/", foi_views.submitted, name="foi-submitted"),
    path("ysqgk/track/", foi_views.track, name="foi-track"),
    path("ysqgk/mine/", foi_views.mine, name="foi-mine"),
    path("ysqgk/mine/<str:number>/", foi_views.mine_detail, name="foi-mine-detail"),
    path("ysqgk/documents/<str:number>/<int:pk>/", foi_views.document, name="foi-document"),
    path("ysqgk/complaint/", complaint_views.complain, name="foi-complaint"),
    path("ysqgk/complaint/filed/", complaint_views.filed, name="foi-complaint-filed"),
    path("ysqgk/complaint/lookup/", complaint_views.lookup, name="foi-complaint-lookup"),
    path("zwfw/", include("zhengwu.services.urls")),
    path("dzjc/", include("zhengwu.supervision.urls")),
    path("qlqd/", include("zhengwu.powers.urls")),
    path("hdjl/", entry_pages.interaction, name="interaction-index"),
    path("hdjl/", include("zhengwu.interaction.urls")),
    path("yjzj/", include("zhengwu.consultation.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "zhengwu.portal.error_views.not_found"
handler500 = "zhengwu.portal.error_views.server_error"
