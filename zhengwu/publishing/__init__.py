"""How a non-page record an agency writes becomes public (DESIGN.md, shared mechanism 5): 草稿 → 待审核 →
已发布, approved by someone who neither wrote nor submitted it (four eyes), with its timeline. 决策公开's drafts,
hearings, surveys and catalog items and the online interviews are published this way.

models.py: the Publishable mixin; actions.py: the steps; admin_views.py, forms.py, permissions.py: the admin's
create/edit views that save through the actions, the step forms, and the role policy of such records."""
