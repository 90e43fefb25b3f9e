"""Bulk import of legacy catalog items (JSON Lines), shared by `import_disclosures` and the demo data.

Each line is checked completely (fields, agency, taxonomies, attachment files) before anything is
written, and then written in one transaction, so a bad line leaves nothing behind."""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.html import escape
from wagtail.whitelist import Whitelister

from zhengwu.files.extract import validate_upload
from zhengwu.orgs.models import Agency

from .forms import item_slug
from .models import DisclosureCatalogPage, DisclosureItemPage, Genre, ItemAttachment, StatutoryCategory, Theme

REQUIRED = ("title", "agency", "theme")
KNOWN = {"title", "agency", "body", "written_on", "published_on", "formed_on", "doc_number", "theme", "genre",
         "keywords", "valid_until", "effective_on", "repealed_on", "attachments", "description", "category"}


class LineError(Exception):
    def __init__(self, line_no, field_name, message):
        self.line_no, self.field_name, self.message = line_no, field_name, message
        super().__init__(str(self))

    def __str__(self):
        where = f"第 {self.line_no} 行" + (f"，字段 {self.field_name}" if self.field_name else "")
        return f"{where}：{self.message}"


@dataclass
class ItemData:
    line_no: int
    catalog: DisclosureCatalogPage
    fields: dict
    attachments: list = field(default_factory=list)


def parse_line(line_no: int, raw: str, base_dir: Path, require_published_on=False) -> ItemData | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise LineError(line_no, None, f"不是有效的 JSON（{error.msg}，第 {error.colno} 列）") from None
    if not isinstance(data, dict):
        raise LineError(line_no, None, "每行应为一个 JSON 对象")
    unknown = sorted(set(data) - KNOWN)
    if unknown:
        raise LineError(line_no, unknown[0], f"不认识的字段，可用字段：{'、'.join(sorted(KNOWN))}")
    for name in REQUIRED:
        if not str(data.get(name) or "").strip():
            raise LineError(line_no, name, "不能为空")
    if require_published_on and not data.get("published_on"):
        raise LineError(line_no, "published_on", "使用 --publish 导入时不能为空")
    title = _text(line_no, data, "title", 255)
    agency = _agency(line_no, data["agency"])
    catalog = catalog_of(agency)
    if catalog is None:
        raise LineError(line_no, "agency", f"“{agency.name}”尚未开设政府信息公开目录")
    dates = {name: _date(line_no, data, name) for name in
             ("written_on", "published_on", "formed_on", "valid_until", "effective_on", "repealed_on")}
    formed_on = dates["formed_on"] or dates["written_on"] or dates["published_on"] or datetime.date.today()
    if dates["written_on"] and formed_on < dates["written_on"]:
        raise LineError(line_no, "formed_on", "信息形成（变更）日期不能早于成文日期")
    if dates["published_on"] and dates["published_on"] > datetime.date.today():
        raise LineError(line_no, "published_on", "发布日期不能晚于今天")
    keywords = data.get("keywords") or ""
    if isinstance(keywords, list):
        keywords = " ".join(str(k).strip() for k in keywords if str(k).strip())
    fields = dict(
        title=title, agency=agency, body=_body(data.get("body") or ""),
        description=_text(line_no, data, "description", 5000), doc_number=_text(line_no, data, "doc_number", 100),
        keywords=str(keywords)[:200], theme=_theme(line_no, data["theme"]),
        genre=_lookup(line_no, "genre", Genre, data.get("genre")),
        category=_lookup(line_no, "category", StatutoryCategory, data.get("category")),
        written_on=dates["written_on"], formed_on=formed_on, published_on=dates["published_on"],
        valid_until=dates["valid_until"], effective_on=dates["effective_on"], repealed_on=dates["repealed_on"],
    )
    attachments = data.get("attachments") or []
    if not isinstance(attachments, list):
        raise LineError(line_no, "attachments", "应为文件路径的列表")
    paths = []
    for entry in attachments:
        path = Path(str(entry))
        path = path if path.is_absolute() else base_dir / path
        if not path.is_file():
            raise LineError(line_no, "attachments", f"找不到文件 {entry}")
        try:
            validate_upload(path, path.name)
        except ValidationError as error:
            raise LineError(line_no, "attachments", f"{entry}：{'；'.join(error.messages)}") from None
        paths.append(path)
    return ItemData(line_no=line_no, catalog=catalog, fields=fields, attachments=paths)


def catalog_of(agency):
    if not agency.home_page_id:
        return None
    return DisclosureCatalogPage.objects.descendant_of(agency.home_page).filter(agency=agency).first()


@transaction.atomic
def import_item(item_data: ItemData, user=None, publish=False, source="导入文件", is_demo=False):
    """Create one item (a draft, or live with a migration review record); returns the page."""
    from zhengwu.files.actions import store_document

    from .actions import publish_migrated

    fields = dict(item_data.fields)
    item = DisclosureItemPage(slug=item_slug(fields["agency"], item_data.catalog), owner=user, is_demo=is_demo,
                              live=False, **fields)
    try:
        item.full_clean(exclude=["slug", "path", "depth", "url_path"])
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        raise LineError(item_data.line_no, None if name == "__all__" else name, "；".join(messages)) from None
    item_data.catalog.add_child(instance=item)
    stored = []
    try:
        for order, path in enumerate(item_data.attachments):
            document = store_document(item.agency, path, user=None)
            stored.append(document)
            ItemAttachment.objects.create(item=item, document=document, sort_order=order)
        if publish:
            publish_migrated(item, user, source)
        else:
            item.save_revision(user=user, log_action=True)
    except Exception:
        for document in stored:  # the files are outside the transaction: remove them with it
            document.file.delete(save=False)
        raise
    item.refresh_from_db()
    return item


def _text(line_no, data, name, limit):
    value = data.get(name) or ""
    if not isinstance(value, str):
        raise LineError(line_no, name, "应为文本")
    value = value.strip()
    if len(value) > limit:
        raise LineError(line_no, name, f"不能超过 {limit} 个字符")
    return value


def _date(line_no, data, name):
    value = data.get(name)
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise LineError(line_no, name, f"日期“{value}”格式应为 YYYY-MM-DD") from None


def _agency(line_no, value):
    value = str(value).strip()
    found = list(Agency.objects.filter(Q(name=value) | Q(credit_code=value.upper()))[:2])
    if not found:
        raise LineError(line_no, "agency", f"找不到名称或统一社会信用代码为“{value}”的机构")
    if len(found) > 1:
        raise LineError(line_no, "agency", f"“{value}”对应多个机构，请改用统一社会信用代码")
    return found[0]


def _theme(line_no, value):
    value = str(value).strip()
    parent_name, _, name = value.rpartition("\\")
    themes = Theme.objects.filter(Q(code=value) | Q(name=name or value))
    if parent_name:
        themes = themes.filter(parent__name=parent_name)
    found = list(themes[:2])
    if len(found) != 1:
        message = "对应多个主题，请写成“大类\\小类”或使用代码" if found else "不在主题分类中"
        raise LineError(line_no, "theme", f"“{value}”{message}")
    return found[0]


def _lookup(line_no, name, model, value):
    if value in (None, ""):
        return None
    value = str(value).strip()
    found = model.objects.filter(Q(code=value) | Q(name=value)).first()
    if found is None:
        raise LineError(line_no, name, f"“{value}”不在{model._meta.verbose_name}中")
    return found


def _body(text):
    """Legacy bodies come as HTML or as plain text; plain text becomes escaped paragraphs."""
    text = text.strip()
    if text.startswith("<"):
        return Whitelister().clean(text)  # keep structure, drop scripts, styles and event handlers
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
