from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm


def item_slug(agency, parent=None):
    """Catalog items get machine names (like t20260105_a1b2c3 on most government sites), so editors never have
    to invent one and a title change never moves a published item's address. Unique by construction: the
    agency's own serial for the year from the one allocator, skipping any name already taken by hand."""
    from django.db import transaction
    from django.utils import timezone

    from zhengwu.numbering.models import allocate

    today = timezone.localdate()
    while True:
        with transaction.atomic():
            slug = f"t{today:%Y%m%d}_{agency.pk}_{allocate(SLUG_SERIES, agency, today.year)}"
        if parent is None or not parent.get_children().filter(slug=slug).exists():
            return slug


SLUG_SERIES = "disclosure.slug"


class DisclosureItemForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "可不填，系统自动生成。"

    def clean(self):
        if not self.data.get("slug") and not self.cleaned_data.get("slug"):
            self.cleaned_data["slug"] = self.instance.slug or item_slug(self.parent_page.specific.agency,
                                                                        self.parent_page)
            self.errors.pop("slug", None)
        return super().clean()


class DraftCopyForm(CopyForm):
    """Copying an item makes a draft: no "publish the copy" and no alias (an alias is live whenever its original
    is). The copy goes through 保密审查 like any other new item."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("publish_copies", None)
        self.fields.pop("alias", None)

    def clean(self):
        cleaned_data = super().clean()
        if "publish_copies" in self.data or "alias" in self.data:
            self.add_error("new_parent_page", "公开目录信息的副本只能保存为草稿，须经保密审查后公开。")
        return cleaned_data
