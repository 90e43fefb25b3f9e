"""权力清单 in the admin menu, for whoever may read some agency's list (orgs.duties powers.view)."""

from django.urls import path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from zhengwu.orgs import duties
from zhengwu.orgs.models import holds_any

from .admin_views import PowerImportView, PowerListView


@hooks.register("register_admin_urls")
def register_powers_urls():
    return [path("powers/", PowerListView.as_view(), name="powers_admin"),
            path("powers/import/", PowerImportView.as_view(), name="powers_admin_import")]


class PowersMenuItem(MenuItem):
    def is_shown(self, request):
        return holds_any(request.user, duties.roles("powers.view"))


@hooks.register("register_admin_menu_item")
def register_powers_menu():
    return PowersMenuItem("权力清单", reverse_lazy("powers_admin"), name="powers", icon_name="list-ul", order=250)
