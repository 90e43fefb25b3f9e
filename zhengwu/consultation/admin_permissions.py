"""Who may do what in the 决策公开 admin: roles, not Django model permissions, decide (as for the service
catalog), and the scope query (orgs.models.scoped) then narrows every list and page to the user's agencies.

view: 信息发布员, 单位管理员, 系统管理员 and 监察员 (read only). add/change: the drafting roles, and change only
a draft (a catalog item also after publication: its stage progress). delete: the drafting roles, and only a
draft that was never published (what was public stays on the record)."""

from wagtail.permissions import register_permission_policy

from zhengwu.consultation.models import Comment, Consultation, DecisionItem, Hearing
from zhengwu.publishing.permissions import RolePolicy

# Registered at import (wagtail_hooks imports the admin modules, which import this), before any viewset asks.
for model in (Consultation, Hearing):
    register_permission_policy(model, RolePolicy(model), exact_class=True)
register_permission_policy(DecisionItem, RolePolicy(DecisionItem, change_published=True), exact_class=True)
register_permission_policy(Comment, RolePolicy(Comment, agency_field="consultation__agency", changes=False),
                           exact_class=True)
