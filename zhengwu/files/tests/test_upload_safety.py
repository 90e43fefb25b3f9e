"""Issue 21, finding 2 and the PDF polyglot of finding 7: hostile uploads are refused by their content, archives
within limits, text extracted after commit in a limited child process, and an optional clamd scan."""

import base64
import io
import os
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.files import extract
from zhengwu.files.actions import store_document
from zhengwu.files.archives import ArchiveLimits
from zhengwu.files.extract import ExtractionError, validate_upload
from zhengwu.files.models import AgencyDocument
from zhengwu.files.sandbox import extract_in_child
from zhengwu.interaction.models import Letter
from zhengwu.interaction.tests.conftest import mailbox  # noqa: F401 - the fixture
from zhengwu.services.models import MaterialRequirement, ServiceCase
from zhengwu.services.tests.conftest import hall  # noqa: F401 - the fixture

from . import samples
from .bombs import docx_bomb, zip_with

LETTER = {"category": "consult", "subject": "社保卡补办需要哪些材料", "body": "我的社保卡丢失了，请问补办需要带哪些材料，到哪里办理？",
          "name": "王小明", "phone": "13900000001", "email": "", "address": "", "may_publish": "on", "pledge": "on"}


def refusal(data, name):
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(SimpleUploadedFile(name, data), name)
    return excinfo.value.messages[0]


# --- content sniffing --------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [
    b"<html><head><title>x</title></head><body>%PDF-1.4\n" + samples.pdf_bytes(),  # the probe's polyglot
    b"<!DOCTYPE html>\n%PDF-1.7 " + b"x" * 100,
    b"\xef\xbb\xbf  \n<script>alert(1)</script>%PDF-1.4",
    b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    b"<?xml version='1.0'?><x/>",
    b"<!-- comment -->%PDF-1.4",
])
@pytest.mark.parametrize("name", ["报告.pdf", "说明.txt"])
def test_a_file_beginning_with_markup_is_refused_whatever_follows(data, name):
    assert refusal(data, name) == f"不接受网页或脚本文件：{name} 的内容以 HTML/XML 标记开头，不是允许的文档或图片。"


def test_a_pdf_must_begin_with_its_signature():
    for data in (b" %PDF-1.4\n" + b"x" * 50, b"Hello\n%PDF-1.4\n" + b"x" * 50, b"%PDF-x.y\n" + b"x" * 50):
        assert refusal(data, "报告.pdf").startswith("文件内容与扩展名不符：报告.pdf 实际不是PDF 文件")
    assert validate_upload(SimpleUploadedFile("报告.pdf", samples.pdf_bytes())) == "pdf"


def test_office_and_image_signatures_are_checked_as_strictly():
    # A zip with Word's main part but no OOXML package manifest is not a Word document.
    assert "实际不是Word 文档（检测为ZIP 压缩包）" in refusal(zip_with({"word/document.xml": b"<w/>"}), "a.docx")
    assert "实际不是PNG 图片" in refusal(b"\x89PNG\r\n\x1a\n" + b"<html>" * 10, "a.png")  # no IHDR chunk
    assert "实际不是JPEG 图片" in refusal(b"\xff\xd8\xff\x00<html>", "a.jpg")


# --- decompression limits ----------------------------------------------------------------------------------


def test_the_100_mb_docx_bomb_is_refused_from_its_directory_without_inflating_it(monkeypatch):
    bomb = docx_bomb(100)
    assert len(bomb) < 2 * 1024 * 1024
    inflated = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, name, *a, **k: inflated.append(name) or real_open(
        self, name, *a, **k))
    message = refusal(bomb, "营业执照.docx")
    assert message.startswith("营业执照.docx：压缩内容过大：解压后为 100 MB，上限为 50 MB（ZHENGWU_FILES_ARCHIVE_MAX_TOTAL_SIZE）")
    assert "压缩炸弹" in message and inflated == []


@pytest.mark.parametrize("name, build", [
    ("a.docx", lambda members: zip_with({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>", **members})),
    ("a.xlsx", lambda members: zip_with({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>", **members})),
    ("a.ofd", lambda members: zip_with({"OFD.xml": b"<ofd:OFD/>", **members})),
    ("a.zip", lambda members: zip_with({"说明.txt": b"x", **members})),
])
def test_every_archive_kind_has_member_size_and_ratio_limits(name, build, settings):
    settings.ZHENGWU_FILES_ARCHIVE_MAX_MEMBERS = 20
    many = build({f"media/{i}.xml": b"<x/>" for i in range(30)})
    assert "压缩包内文件过多：共 3" in refusal(many, name) and "上限为 20 个" in refusal(many, name)
    dense = build({"media/zeros.bin": bytes(3 * 1024 * 1024)})  # 3 MB of zeros: about 1000:1
    assert "压缩比异常：media/zeros.bin 的压缩比约为" in refusal(dense, name)
    assert "上限为 100:1（ZHENGWU_FILES_ARCHIVE_MAX_RATIO）" in refusal(dense, name)
    settings.ZHENGWU_FILES_ARCHIVE_MAX_TOTAL_SIZE = 64 * 1024
    big = build({"media/noise.bin": os.urandom(100 * 1024)})
    assert "压缩内容过大：解压后为 100 KB，上限为 64 KB" in refusal(big, name)


def test_a_nested_archive_is_stored_as_bytes_never_expanded():
    inner = docx_bomb(60)
    outer = zip_with({"附件/炸弹.docx": inner}, stored=True)  # stored: the outer ratio is 1:1
    assert validate_upload(SimpleUploadedFile("附件.zip", outer)) == "zip"


def test_headers_that_lie_about_sizes_are_caught_while_reading():
    """The central directory says 1 KB; the member really inflates to 60 MB. Reading stops at what the header
    promised, the check fails, and the upload is refused: the real bytes are never all inflated."""
    honest = zip_with({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<" + b"w" * (60 * 1024 * 1024)})
    lying = _declare_size(honest, "word/document.xml", 1024)
    assert "压缩结构损坏" in refusal(lying, "a.docx")
    with pytest.raises(ExtractionError, match="压缩结构损坏"):
        extract.extract_text(lying, "a.docx")


def _declare_size(data, member, size):
    """Rewrite `member`'s uncompressed size in its local header and its central directory entry."""
    data = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(member)
    data[info.header_offset + 22:info.header_offset + 26] = size.to_bytes(4, "little")
    position = data.find(b"PK\x01\x02")
    while position != -1:
        length = int.from_bytes(data[position + 28:position + 30], "little")
        if data[position + 46:position + 46 + length] == member.encode():
            data[position + 24:position + 28] = size.to_bytes(4, "little")
        position = data.find(b"PK\x01\x02", position + 4)
    return bytes(data)


# --- extraction in a limited child process, after commit ---------------------------------------------------


def test_extraction_runs_in_a_child_process_not_in_the_server(monkeypatch, tmp_path):
    def in_this_process(*args, **kwargs):
        raise AssertionError("extracted in the server process")

    monkeypatch.setattr(extract, "extract_text", in_this_process)
    path = tmp_path / "通知.docx"
    path.write_bytes(samples.docx_bytes())
    assert "三公经费" in extract_in_child(path, path.name)


def test_a_child_past_its_time_limit_is_stopped(tmp_path):
    fifo = tmp_path / "挂起.pdf"
    os.mkfifo(fifo)  # opening it blocks for ever: a parser that never returns
    with pytest.raises(ExtractionError, match=r"文本提取超时（超过 1 秒），已停止"):
        extract_in_child(fifo, fifo.name, timeout=1)


def test_a_child_past_its_memory_limit_records_a_chinese_error_and_the_document_stays_usable(
        hunan, client, settings, django_capture_on_commit_callbacks):
    settings.ZHENGWU_FILES_EXTRACTION_MEMORY = 16 * 1024 * 1024  # far below what parsing a DOCX takes
    content = samples.docx_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        document = store_document(hunan.czt, SimpleUploadedFile("通知.docx", content))
    document.refresh_from_db()
    assert document.extracted_text == "" and document.text_extracted_at
    assert document.extraction_error.startswith(("文本提取所需内存超过上限（16 MB）", "文本提取进程异常退出"))
    response = client.get(document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == content


# --- the public paths: services API, mailbox form ----------------------------------------------------------


def _apply(client, tree, filename, content):
    payload = {"matter": tree.matter.code, "applicant_kind": "person", "name": "李四", "id_number": "430121199001011237",
               "phone": "13900000002", "form_data": {"shop_name": "星沙小吃店"}, "consent": True,
               "materials": [{"material": "营业执照", "filename": filename,
                              "content_base64": base64.b64encode(content).decode()}]}
    return client.post("/api/v1/services/cases", payload, content_type="application/json")


@pytest.fixture
def licence(hall):  # noqa: F811
    MaterialRequirement.objects.create(matter=hall.matter, name="营业执照", required=True)
    return hall


def test_the_public_api_refuses_the_bomb_and_the_polyglot_in_chinese(client, licence):
    response = _apply(client, licence, "营业执照.docx", docx_bomb(100))
    assert response.status_code == 422
    [message] = response.json()["errors"]["materials.营业执照"]
    assert "压缩内容过大：解压后为 100 MB，上限为 50 MB" in message
    response = _apply(client, licence, "营业执照.pdf", b"<html><body>%PDF-1.4\n" + samples.pdf_bytes())
    assert response.status_code == 422 and "不接受网页或脚本文件" in str(response.json()["errors"])
    assert not ServiceCase.objects.exists() and not AgencyDocument.objects.exists()


def test_the_mailbox_form_refuses_the_bomb_in_chinese(client, mailbox):  # noqa: F811
    bomb = SimpleUploadedFile("现场照片.docx", docx_bomb(100))
    response = client.post("/hdjl/xx/szxx/write/", {**LETTER, "files": [bomb]})
    assert response.status_code == 400 and not Letter.objects.exists()
    assert "压缩内容过大：解压后为 100 MB" in response.content.decode()


def test_an_upload_is_stored_at_once_and_its_text_follows_the_commit(client, licence,
                                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _apply(client, licence, "营业执照.docx", samples.docx_bytes())
        assert response.status_code == 201
        document = ServiceCase.objects.get().materials.get().document
        assert document.text_pending  # committed with the case, text not yet read
    document.refresh_from_db()
    assert "三公经费" in document.extracted_text and not document.text_pending


# --- API bodies up to the documented size ------------------------------------------------------------------


def test_the_body_limit_follows_the_documented_file_limit(settings):
    """README: MAX_UPLOAD_SIZE (50 MB) is the largest upload; through the API it travels as Base64 (4/3)."""
    encoded = -(-settings.WAGTAILDOCS_MAX_UPLOAD_SIZE // 3) * 4
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE >= encoded + 64 * 1024


def test_an_api_file_at_the_limit_is_taken_and_one_byte_more_is_a_chinese_4xx(client, licence, settings):
    limit = 3 * 1024 * 1024  # the same rule as settings.py, at a size a test can afford
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = limit
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = -(-limit // 3) * 4 + 1024 * 1024
    assert _apply(client, licence, "营业执照.txt", b"a" * limit).status_code == 201
    over = _apply(client, licence, "营业执照.txt", b"b" * (limit + 1))
    assert over.status_code == 422 and "文件过大" in str(over.json()["errors"])
    far_over = _apply(client, licence, "营业执照.txt", b"c" * (limit * 2))
    assert far_over.status_code == 413 and far_over.json() == {"detail": "提交的内容过大，超过平台允许的上限。"}


def test_archive_limits_come_from_settings(settings):
    settings.ZHENGWU_FILES_ARCHIVE_MAX_MEMBERS = 7
    settings.ZHENGWU_FILES_ARCHIVE_MAX_TOTAL_SIZE = 1234
    settings.ZHENGWU_FILES_ARCHIVE_MAX_RATIO = 9
    assert ArchiveLimits.from_settings() == ArchiveLimits(7, 1234, 9)
