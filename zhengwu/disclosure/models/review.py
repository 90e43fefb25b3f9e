"""保密审查: the confidentiality review every catalog item passes before it goes live (先审查、后公开).

A Wagtail workflow task that only a 保密审查员 of the item's agency (or of an agency above it) may
act on, and never someone who wrote any revision of the item (four eyes). Each decision is kept as a
SecrecyReview row beside Wagtail's own task state and history entry; an item may be published only
when its latest revision has an approving review.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.functions import Cast
from wagtail.models import Page, PagePermissionTester, Revision, Task, TaskState

from zhengwu.orgs.models import Agency, Role, holds


def _specific(page):
    return page if hasattr(page, "agency_id") else page.specific


def is_secrecy_reviewer(user, page) -> bool:
    page = _specific(page)
    if not (user and user.is_authenticated and user.is_active and page.agency_id):
        return False
    return holds(user, page.agency_id, [Role.SECRECY_REVIEWER])


def is_author(user, page) -> bool:
    """Whoever owns the page or saved any revision of it counts as its writer."""
    if page.owner_id == user.pk:
        return True
    return Revision.page_revisions.filter(object_id=str(page.pk), user=user).exists()


def may_review(user, page) -> bool:
    return is_secrecy_reviewer(user, page) and not is_author(user, page)


class ReviewOpinionForm(forms.Form):
    comment = forms.CharField(label="审查意见", widget=forms.Textarea({"rows": 3}),
                              error_messages={"required": "请填写审查意见。"})


class SecrecyReviewTask(Task):
    """保密审查 by a 保密审查员 of the item's agency who did not write it."""

    admin_form_fields = Task.admin_form_fields

    class Meta:
        verbose_name = "保密审查"
        verbose_name_plural = "保密审查"

    @classmethod
    def get_description(cls):
        return "由信息所属机构的保密审查员审查；撰稿人不得审查本人撰写的信息。"

    def user_can_access_editor(self, obj, user):
        return is_secrecy_reviewer(user, obj)

    def locked_for_user(self, obj, user):
        # While under review only reviewers may change the content they are approving.
        return not is_secrecy_reviewer(user, obj)

    def get_actions(self, obj, user):
        if not may_review(user, obj):
            return []
        return [("reject", "退回修改", True), ("approve", "审查通过", True)]

    def get_form_for_action(self, action):
        return ReviewOpinionForm

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        page = task_state.workflow_state.content_object.specific
        if action_name not in ("approve", "reject"):
            return super().on_action(task_state, user, action_name, **kwargs)
        if not may_review(user, page):
            raise PermissionDenied("只有本机构的保密审查员可以审查，且不得审查本人撰写的信息。")
        SecrecyReview.objects.create(
            item=page, revision=task_state.revision, reviewer=user, opinion=kwargs.get("comment", ""),
            decision=SecrecyReview.Decision.APPROVED if action_name == "approve" else SecrecyReview.Decision.REJECTED,
        )
        super().on_action(task_state, user, action_name, **kwargs)
        # Wagtail's action view says nothing after a decision; the page this leads to tells the reviewer what
        # happened (published with its 索引号, scheduled, or sent back).
        from django.urls import reverse

        return reverse("disclosure_reviewed", args=[page.pk])

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .pages import DisclosureItemPage

        agencies = Agency.objects.in_scope(user, roles=[Role.SECRECY_REVIEWER])
        reviewable = (DisclosureItemPage.objects.filter(agency__in=agencies).exclude(owner=user)
                      .annotate(key=Cast("pk", models.CharField())).values("key"))
        authored = Revision.page_revisions.filter(user=user).values("object_id")
        return (self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id__in=reviewable)
                .exclude(workflow_state__object_id__in=authored))


class SecrecyReview(models.Model):
    """One review decision on one revision of an item: who, when, what opinion."""

    class Decision(models.TextChoices):
        APPROVED = "approved", "审查通过"
        REJECTED = "rejected", "退回修改"
        MIGRATED = "migrated", "历史数据迁移"

    item = models.ForeignKey("disclosure.DisclosureItemPage", verbose_name="信息", on_delete=models.CASCADE,
                             related_name="secrecy_reviews")
    revision = models.ForeignKey(Revision, verbose_name="版本", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审查人", null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    decision = models.CharField("结论", max_length=10, choices=Decision.choices)
    opinion = models.TextField("审查意见", blank=True)
    decided_at = models.DateTimeField("审查时间", auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = "保密审查记录"
        verbose_name_plural = "保密审查记录"

    def __str__(self):
        return f"{self.item_id} {self.get_decision_display()}"


def revision_cleared(page_id, revision_id) -> bool:
    """Has this revision passed the review (or been migrated with a record)?"""
    if page_id is None or revision_id is None:
        return False
    return SecrecyReview.objects.filter(
        item_id=page_id, revision_id=revision_id,
        decision__in=[SecrecyReview.Decision.APPROVED, SecrecyReview.Decision.MIGRATED],
    ).exists()


def latest_revision_cleared(page) -> bool:
    """Has the revision that would go live passed the review?"""
    return revision_cleared(page.pk, page.latest_revision_id)


NOT_CLEARED = "该信息的这一版本未经保密审查通过，不能公开。请提交保密审查。"


def guard_publication(page, update_fields=None):
    """先审查、后公开, checked where every path ends: the save. Admin create (whose live field defaults to True),
    copy with "publish copies", an edit or revert published on an approval of an earlier revision, bulk actions,
    imports and the scheduled go-live all save the page; it is live only with a revision that passed review."""
    if page._state.adding:
        # Creating or copying a page is never a review: a new item starts as a draft.
        page.live = False
        page.has_unpublished_changes = True
        page.live_revision = None
        page.first_published_at = page.last_published_at = None
        return
    if update_fields is not None and not {"live", "live_revision"} & set(update_fields):
        return
    if not page.live:
        page.live_revision = None  # (a copy "kept live" sets it on what is in fact a draft)
        return
    stored = type(page).objects.filter(pk=page.pk).values_list("live", "live_revision_id").first()
    if stored == (True, page.live_revision_id):
        return  # already live with this revision: not a publication
    if not revision_cleared(page.pk, page.live_revision_id):
        raise PermissionDenied(NOT_CLEARED)


class SecrecyReviewedPermissionTester(PagePermissionTester):
    """Nobody, superusers included, publishes an item directly: only the review's approval does."""

    def can_publish(self):
        if not self.user.is_active or self.page_is_root:
            return False
        if not (self.user.is_superuser or "publish" in self.permissions):
            return False
        return may_review(self.user, self.page) and latest_revision_cleared(self.page)


class CatalogPermissionTester(PagePermissionTester):
    """A catalog's items are created and copied as drafts: the admin offers no 发布 there (only the review does)."""

    def can_publish_subpage(self):
        return False


def secrecy_workflow():
    """The 保密审查 workflow (created on first use), with its one task."""
    from wagtail.models import Workflow, WorkflowTask

    workflow, created = Workflow.objects.get_or_create(name="保密审查", defaults={"active": True})
    if created or not workflow.workflow_tasks.exists():
        task, _ = SecrecyReviewTask.objects.get_or_create(name="保密审查")
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def assign_secrecy_workflow(section: Page):
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": secrecy_workflow()})
