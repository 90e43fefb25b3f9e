"""Admin of the catalog: taxonomies, review records, withdrawal with a reason, the Art. 26 report."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter

from zhengwu.orgs import duties
from zhengwu.orgs.admin_scope import ScopedModelViewSet
from zhengwu.orgs.models import Agency

from . import actions
from .models import DisclosureItemPage, Genre, SecrecyReview, ServiceObject, StatutoryCategory, Theme
from .models.review import latest_revision_cleared

REPORT_ROLES = duties.roles("disclosure.view_reports")


class ThemeViewSet(ModelViewSet):
    model = Theme
    icon = "tag"
    menu_label = "主题分类"
    list_display = ["code", "name", "parent", "sort_order", "is_active"]
    list_filter = ["parent", "is_active"]
    search_fields = ["code", "name"]
    form_fields = ["code", "name", "parent", "sort_order", "is_active"]
    copy_view_enabled = False


class GenreViewSet(ModelViewSet):
    model = Genre
    icon = "tag"
    menu_label = "体裁分类"
    list_display = ["code", "name", "sort_order", "is_active"]
    form_fields = ["code", "name", "sort_order", "is_active"]
    copy_view_enabled = False


class ServiceObjectViewSet(GenreViewSet):
    model = ServiceObject
    menu_label = "服务对象分类"


class StatutoryCategoryViewSet(ModelViewSet):
    model = StatutoryCategory
    icon = "list-ol"
    menu_label = "法定主动公开内容类别"
    list_display = ["code", "name", "applies_to", "legal_basis", "is_active"]
    list_filter = ["applies_to", "is_active"]
    form_fields = ["code", "name", "applies_to", "legal_basis", "sort_order", "is_active"]
    copy_view_enabled = False


class SecrecyReviewViewSet(ScopedModelViewSet):
    model = SecrecyReview
    scope_roles = REPORT_ROLES
    scope_agency_field = "item__agency"
    icon = "clipboard-list"
    menu_label = "保密审查记录"
    list_display = ["item", "decision", "reviewer", "opinion", "decided_at"]
    list_filter = ["decision"]
    search_fields = ["item__title", "opinion"]
    form_fields = ["opinion"]
    inspect_view_enabled = True
    copy_view_enabled = False
    @property
    def edit_view(self):
        # A review decision is a record: it is made through the workflow, never edited.
        return self.inspect_view


class DisclosureViewSetGroup(ViewSetGroup):
    menu_label = "政府信息公开"
    menu_icon = "doc-full-inverse"
    menu_order = 210
    items = [SecrecyReviewViewSet("secrecy_reviews"), ThemeViewSet("themes"), GenreViewSet("genres"),
             ServiceObjectViewSet("service_objects"), StatutoryCategoryViewSet("statutory_categories")]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return DisclosureViewSetGroup()


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="撤回原因", widget=forms.Textarea({"rows": 4}), max_length=2000,
                             error_messages={"required": "撤回须填写原因。"})


def withdraw_view(request, page_id):
    item = get_object_or_404(DisclosureItemPage, pk=page_id)
    if not item.permissions_for_user(request.user).can_unpublish():
        raise PermissionDenied("您无权撤回该信息。")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.withdraw_item(item, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已撤回“{item.title}”，索引号 {item.index_number} 保留。")
            return redirect("wagtailadmin_explore", item.get_parent().pk)
    return TemplateResponse(request, "disclosure/admin/withdraw.html", {"page": item, "form": form})


def reviewed_view(request, page_id):
    """Where a 保密审查 decision leads: the reviewer is told what it did, then sees the dashboard."""
    item = get_object_or_404(DisclosureItemPage, pk=page_id)
    review = SecrecyReview.objects.filter(item=item, reviewer=request.user).order_by("-decided_at", "-pk").first()
    if review is not None and review.decision == SecrecyReview.Decision.APPROVED:
        if item.live:
            messages.success(request, f"已审查通过“{item.title}”并公开，索引号 {item.index_number}。")
        else:
            when = timezone.localtime(item.go_live_at).strftime("%Y-%m-%d %H:%M") if item.go_live_at else "设定的时间"
            messages.success(request, f"已审查通过“{item.title}”，将于 {when} 公开。")
    elif review is not None:
        messages.success(request, f"已退回“{item.title}”修改，审查意见已记录并告知撰稿人。")
    return redirect("wagtailadmin_home")


def lateness(user):
    """(published late, drafts overdue): Art. 26 in the agencies the user answers for."""
    agencies = Agency.objects.in_scope(user, REPORT_ROLES)
    items = DisclosureItemPage.objects.filter(agency__in=agencies).select_related("agency", "publication_clock")
    late = items.filter(published_late=True).order_by("-published_on")
    overdue = (items.filter(live=False, withdrawn_at__isnull=True, publication_clock__state="running",
                            publication_clock__due_on__lt=timezone.localdate())
               .order_by("publication_clock__due_on"))
    return late, overdue


def lateness_view(request):
    """Art. 26: items published later than 20 working days after formation, and drafts already overdue."""
    late, overdue = lateness(request.user)
    return TemplateResponse(request, "disclosure/admin/lateness.html", {
        "late": late[:500], "late_count": late.count(), "overdue": overdue[:500], "overdue_count": overdue.count(),
    })


class LatenessPanel(Component):
    """The dashboard tells an agency's staff when Art. 26 is being missed."""

    name = "disclosure_lateness"
    template_name = "disclosure/admin/lateness_panel.html"
    order = 150

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        late, overdue = lateness(self.user)
        year = timezone.localdate().year
        return {"overdue_count": overdue.count(), "late_count": late.filter(published_year=year).count(),
                "year": year, "report_url": reverse("disclosure_lateness")}


@hooks.register("construct_homepage_panels")
def add_lateness_panel(request, panels):
    panels.append(LatenessPanel(request.user))


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("disclosure/withdraw/<int:page_id>/", withdraw_view, name="disclosure_withdraw"),
        path("disclosure/lateness/", lateness_view, name="disclosure_lateness"),
        path("disclosure/reviewed/<int:page_id>/", reviewed_view, name="disclosure_reviewed"),
    ]


@hooks.register("register_reports_menu_item")
def lateness_menu_item():
    return MenuItem("公开时效（条例第二十六条）", reverse("disclosure_lateness"), icon_name="time", order=50)


@hooks.register("before_unpublish_page")
def withdraw_instead_of_unpublish(request, page):
    """Taking a catalog item down is a withdrawal and needs a reason: send Unpublish to the withdraw form."""
    if isinstance(page.specific, DisclosureItemPage):
        return redirect("disclosure_withdraw", page.pk)
    return None


@hooks.register("before_publish_page")
def publish_only_what_was_reviewed(request, page):
    """Wagtail's create and edit views decide to publish from the state before the save (the parent's rights,
    an approval of an earlier revision). What would go live now is the revision just saved: unless it passed
    the review, keep it as a draft and say so, instead of the 403 the model's guard would give."""
    page = page.specific
    if isinstance(page, DisclosureItemPage) and not latest_revision_cleared(page):
        messages.warning(request, "已保存为草稿，尚未公开：公开目录信息须经保密审查通过后才能公开，请提交保密审查。")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


class IndexNumberLog(LogFormatter):
    label = "分配索引号"

    def format_message(self, log_entry):
        return f"分配索引号 {log_entry.data.get('index_number', '')}"


class WithdrawLog(LogFormatter):
    label = "撤回"

    def format_message(self, log_entry):
        return f"撤回，原因：{log_entry.data.get('reason', '')}"


@hooks.register("register_log_actions")
def register_log_actions(actions_registry):
    # (register_action's three-argument form takes a fixed message: a callable there printed its repr)
    actions_registry.register_action("disclosure.index_number")(IndexNumberLog)
    actions_registry.register_action("disclosure.withdraw")(WithdrawLog)
