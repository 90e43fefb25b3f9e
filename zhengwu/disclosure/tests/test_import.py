"""`manage.py import_disclosures FILE.jsonl [--publish]`: good lines go in, bad lines are named and leave nothing."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from zhengwu.disclosure.models import DisclosureItemPage, SecrecyReview
from zhengwu.files.models import AgencyDocument


def write_jsonl(path, rows):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows),
                    encoding="utf-8")
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_disclosures", str(path), *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        code = error.returncode
        err.write(str(error))
    return code, out.getvalue(), err.getvalue()


def docx_with(path, text):
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    document.save(path)
    return path


GOOD = {"title": "关于2019年省级预算公开的通知", "agency": "湖南省财政厅", "body": "第一段。\n第二段<script>",
        "written_on": "2019-03-01", "published_on": "2019-03-05", "doc_number": "湘财预〔2019〕5号",
        "theme": "财政、金融、审计\\财政", "genre": "通知", "keywords": ["预算", "公开"], "valid_until": ""}


def test_good_lines_import_as_drafts_awaiting_review(tmp_path, catalog):
    code, out, _err = run(write_jsonl(tmp_path / "a.jsonl", [GOOD, {**GOOD, "title": "第二条", "agency":
                                                                   catalog.tree.czt.credit_code}]))
    assert code == 0 and "已导入为草稿（待保密审查） 2 条，失败 0 条" in out
    items = DisclosureItemPage.objects.filter(title__in=[GOOD["title"], "第二条"])
    assert items.count() == 2 and not any(item.live or item.index_number for item in items)
    item = items.get(title=GOOD["title"])
    assert item.keywords == "预算 公开" and str(item.theme) == "财政、金融、审计\\财政"
    assert item.body == "<p>第一段。</p><p>第二段&lt;script&gt;</p>"


def test_bad_lines_are_named_by_line_and_field_and_leave_nothing(tmp_path, catalog):
    rows = [GOOD,
            {**GOOD, "title": "日期错误", "written_on": "2019-13-01"},
            {**GOOD, "title": "机构错误", "agency": "湖南省不存在厅"},
            {**GOOD, "title": "主题错误", "theme": "不存在的主题"},
            "{not json",
            {**GOOD, "title": "附件缺失", "attachments": ["missing.pdf"]},
            {**GOOD, "title": "未知字段", "colour": "red"}]
    code, out, err = run(write_jsonl(tmp_path / "b.jsonl", rows))
    assert code == 1 and "失败 6 条" in out
    assert "第 2 行，字段 written_on：日期“2019-13-01”格式应为 YYYY-MM-DD" in err
    assert "第 3 行，字段 agency：找不到名称或统一社会信用代码为“湖南省不存在厅”的机构" in err
    assert "第 4 行，字段 theme" in err
    assert "第 5 行：不是有效的 JSON" in err
    assert "第 6 行，字段 attachments：找不到文件 missing.pdf" in err
    assert "第 7 行，字段 colour" in err
    assert list(DisclosureItemPage.objects.filter(title__in=[r["title"] for r in rows if isinstance(r, dict)])
                .values_list("title", flat=True)) == [GOOD["title"]]


def test_publish_puts_items_live_with_a_migration_record_and_searchable_attachments(
        tmp_path, catalog, client, django_capture_on_commit_callbacks):
    docx_with(tmp_path / "附件一.docx", "专项资金分配明细见附表，绩效目标同步公开。")
    with django_capture_on_commit_callbacks(execute=True):  # attachments' text is extracted after commit
        code, out, _err = run(write_jsonl(tmp_path / "c.jsonl", [{**GOOD, "attachments": ["附件一.docx"]}]),
                              "--publish", "--user", "czt_editor")
    assert code == 0 and "已公开 1 条" in out
    item = DisclosureItemPage.objects.get(title=GOOD["title"])
    assert item.live and item.index_number.endswith("/2019-00001")
    assert str(item.published_on) == "2019-03-05"
    review = SecrecyReview.objects.get(item=item)
    assert review.decision == SecrecyReview.Decision.MIGRATED and review.reviewer == catalog.tree.editor
    assert "czt_editor" in review.opinion and "c.jsonl" in review.opinion
    document = item.attachments.get().document
    assert "绩效目标" in document.extracted_text and document.agency == catalog.tree.czt
    assert "绩效目标" in item.attachment_text()
    found = client.get("/api/v1/disclosure/search", {"q": "绩效目标"}).json()  # a word only the attachment has
    assert [hit["index_number"] for hit in found["results"]] == [item.index_number]


def test_a_line_failing_after_its_files_are_stored_leaves_no_files(tmp_path, catalog, monkeypatch):
    docx_with(tmp_path / "附件.docx", "内容")
    from zhengwu.disclosure import actions

    def broken(*args, **kwargs):
        raise RuntimeError("发布失败")

    monkeypatch.setattr(actions, "publish_migrated", broken)
    before = AgencyDocument.objects.count()
    code, _out, err = run(write_jsonl(tmp_path / "d.jsonl", [{**GOOD, "attachments": ["附件.docx"]}]), "--publish")
    assert code == 1 and "第 1 行：导入失败：发布失败" in err
    assert AgencyDocument.objects.count() == before
    assert not DisclosureItemPage.objects.filter(title=GOOD["title"]).exists()


def test_publish_requires_published_on(tmp_path, catalog):
    code, _out, err = run(write_jsonl(tmp_path / "e.jsonl", [{**GOOD, "published_on": ""}]), "--publish")
    assert code == 1 and "第 1 行，字段 published_on：使用 --publish 导入时不能为空" in err


def test_missing_file_is_a_clear_error(tmp_path, catalog):
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("import_disclosures", str(tmp_path / "none.jsonl"))


def test_item_names_are_unique_by_construction_even_beside_a_hand_made_one(catalog):
    from django.utils import timezone

    from zhengwu.disclosure.importer import catalog_of
    from zhengwu.disclosure.models import DisclosureItemPage

    czt = catalog.tree.czt
    first = catalog.item(czt, title="第一条")
    # Someone took the name the allocator would give next by hand (a legacy page, say):
    taken = f"t{timezone.localdate():%Y%m%d}_{czt.pk}_2"
    catalog_of(czt).add_child(instance=DisclosureItemPage(title="手工建的", slug=taken, agency=czt,
                                                          theme=first.theme, written_on=first.written_on,
                                                          formed_on=first.formed_on))
    items = [catalog.item(czt, title=f"第{n}条") for n in range(2, 6)]
    slugs = [first.slug] + [item.slug for item in items]
    assert len(set(slugs + [taken])) == 6
    assert all(slug.startswith(f"t{timezone.localdate():%Y%m%d}_{czt.pk}_") for slug in slugs)
    zrzyt_item = catalog.item(catalog.tree.zrzyt, title="另一个机关的第一条")
    assert zrzyt_item.slug.endswith(f"_{catalog.tree.zrzyt.pk}_1")
