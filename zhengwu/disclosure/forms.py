from wagtail.admin.forms import WagtailAdminPageForm


def item_slug():
    """Catalog items get machine slugs (like t20260105_a1b2c3 on most government sites), so editors
    never have to invent one and a title change never moves a published item's address."""
    import uuid

    from django.utils import timezone

    return f"t{timezone.localdate():%Y%m%d}_{uuid.uuid4().hex[:6]}"


class DisclosureItemForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "可不填，系统自动生成。"

    def clean(self):
        if not self.data.get("slug") and not self.cleaned_data.get("slug"):
            self.cleaned_data["slug"] = self.instance.slug or item_slug()
            self.errors.pop("slug", None)
        return super().clean()
