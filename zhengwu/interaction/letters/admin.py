"""Letters and mailboxes in the admin (menu “领导信箱”): the letter queue and letter page (letter_admin_views), and
the mailboxes themselves. Every listing and view goes through the scope query: a letter is seen by the staff of
its mailbox's agency (the office that triages) and of the agency answering it; supervisors (监察员) read. Writers
are masked; state changes go through interaction.actions only.

Roles, not Django model permissions, decide who sees the menu: holders of a letter role see letters; 单位管理员
and 系统管理员 manage the mailboxes of their agencies."""

import django_filters
from django.db.models import Q
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from zhengwu.cases.filters import DueFilter
from zhengwu.cases.queues import SoonestDueFirst
from zhengwu.interaction.actions import LETTER_TYPE, VIEWING_ROLES
from zhengwu.interaction.letters.admin_views import LetterActionView, LetterInspectView, LetterRevealView
from zhengwu.interaction.models import OPEN_LETTER_STATES, Letter, LetterCategory, LetterState, Mailbox
from zhengwu.orgs import duties
from zhengwu.orgs.admin_scope import ScopedModelViewSet, ScopedViewMixin
from zhengwu.orgs.models import Agency, holds_any, scoped
from zhengwu.timelimits.display import time_left_badge

MAILBOX_ROLES = duties.roles("letters.edit_mailboxes")




def visible_letters(queryset, user):
    """The one scope rule for letters: the mailbox's office and the answering agency (and those above them)."""
    agencies = Agency.objects.in_scope(user, VIEWING_ROLES).values("pk")
    return queryset.filter(Q(agency__in=agencies) | Q(mailbox__agency__in=agencies))


class LetterPermissionPolicy(ModelPermissionPolicy):
    """Read-only: “view” for holders of a letter role; letters change through the step pages only."""

    def user_has_permission(self, user, action):
        return action == "view" and holds_any(user, VIEWING_ROLES)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class MailboxPermissionPolicy(ModelPermissionPolicy):
    """单位管理员 and 系统管理员 manage mailboxes (of their agencies: the viewset's scope); no deleting a mailbox
    that has letters (PROTECT answers that)."""

    def user_has_permission(self, user, action):
        return action in {"view", "add", "change", "delete"} and holds_any(user, MAILBOX_ROLES)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Letter, LetterPermissionPolicy(Letter), exact_class=True)
register_permission_policy(Mailbox, MailboxPermissionPolicy(Mailbox), exact_class=True)


class LetterScopeMixin(ScopedViewMixin):
    def scope(self, queryset):
        return visible_letters(queryset, self.request.user)


class LetterFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(label="状态", choices=LetterState.choices, empty_label="全部")
    category = django_filters.ChoiceFilter(label="类别", choices=LetterCategory.choices, empty_label="全部")
    mailbox = django_filters.ModelChoiceFilter(
        label="信箱", empty_label="全部",
        queryset=lambda request: scoped(Mailbox.objects.all(), request.user if request else None, VIEWING_ROLES))
    due = DueFilter(case_type=LETTER_TYPE, open_states=OPEN_LETTER_STATES)
    grouped = django_filters.ChoiceFilter(label="同组", method="filter_grouped", empty_label="全部",
                                          choices=[("main", "主信和单独来信"), ("member", "已归组的来信")])

    class Meta:
        model = Letter
        fields = ["state", "category", "mailbox", "due", "grouped"]

    def filter_grouped(self, queryset, name, value):
        return queryset.filter(group__isnull=value == "main")


class LetterQueueView(SoonestDueFirst, IndexView):
    """Open letters first, the nearest reply date first; then answered ones, newest first."""

    default_ordering = "due"
    due_field = "clock__due_on"
    open_states = OPEN_LETTER_STATES

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("mailbox", "agency", "clock", "group")



def due_cell(letter):
    if not letter.is_open or letter.clock is None or letter.clock.due_on is None:
        return "—"
    return format_html("{} {}", f"{letter.clock.due_on:%Y-%m-%d}", time_left_badge(letter.clock, LETTER_TYPE))


class LetterViewSet(ScopedModelViewSet):
    model = Letter
    scope_roles = VIEWING_ROLES
    icon = "mail"
    menu_label = "来信"
    url_prefix = "interaction/letters"
    list_display = [
        TitleColumn("number", label="信件编号", sort_key="number",
                    get_url=lambda letter: reverse("interaction_letters:inspect", args=[letter.pk])),
        Column("subject", label="标题"), Column("mailbox", label="信箱"), Column("agency", label="办理单位"),
        "state", Column("group", label="所属组", accessor=lambda letter: letter.group.number if letter.group else ""),
        Column("received_on", label="受理日期", sort_key="received_on"),
        Column("due", label="答复期限", accessor=due_cell)]
    filterset_class = LetterFilterSet
    search_fields = ["number", "subject"]
    search_backend_name = None
    index_view_class = LetterQueueView
    inspect_view_enabled = True
    inspect_view_class = LetterInspectView
    copy_view_enabled = False
    form_fields = []  # letters change through interaction.actions, never a generic edit form

    def construct_view(self, view_class, **kwargs):
        # The letter rule (office or answering agency) instead of the single agency field.
        scoped_class = type(f"LetterScoped{view_class.__name__}", (LetterScopeMixin, view_class), {})
        return super(ScopedModelViewSet, self).construct_view(scoped_class, **kwargs)

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename="view_letter")

    def get_urlpatterns(self):
        kwargs = self.get_inspect_view_kwargs()
        kwargs.pop("template_name", None)
        return [
            *super().get_urlpatterns(),
            path("inspect/<int:pk>/act/<slug:step>/", self.construct_view(LetterActionView, **kwargs), name="act"),
            path("inspect/<int:pk>/reveal/", self.construct_view(LetterRevealView, **kwargs), name="reveal"),
        ]


class MailboxForm(WagtailAdminModelForm):
    """A mailbox belongs to one of the administrator's own agencies."""

    class Meta:
        model = Mailbox
        fields = ["agency", "name", "slug", "kind", "intro", "limit_workdays", "is_active", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "agency" in self.fields:
            self.fields["agency"].queryset = Agency.objects.in_scope(self.for_user, MAILBOX_ROLES).order_by("path")


class MailboxViewSet(ScopedModelViewSet):
    model = Mailbox
    scope_roles = MAILBOX_ROLES
    icon = "folder-inverse"
    menu_label = "信箱设置"
    url_prefix = "interaction/mailboxes"
    list_display = ["name", "agency", "kind", "limit_workdays", "is_active"]
    form_fields = ["agency", "name", "slug", "kind", "intro", "limit_workdays", "is_active", "order"]
    copy_view_enabled = False
    inspect_view_enabled = False

    form_class = MailboxForm

    def get_form_class(self, for_update=False):
        return MailboxForm

class LettersGroup(ViewSetGroup):
    menu_label = "领导信箱"
    menu_icon = "mail"
    menu_order = 420
    items = (LetterViewSet("interaction_letters"), MailboxViewSet("interaction_mailboxes"))


@hooks.register("register_admin_viewset")
def register_letter_viewsets():
    return LettersGroup()
