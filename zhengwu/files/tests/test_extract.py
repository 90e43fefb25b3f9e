import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.files.extract import (
    ExtractionError,
    extract_text,
    safe_filename,
    sniff_type,
    validate_upload,
)

from . import samples


@pytest.mark.parametrize(
    "data, name, kind, words",
    [
        (samples.pdf_bytes(), "报告.pdf", "pdf", ["Open Government", "2026"]),
        (samples.docx_bytes(), "通知.docx", "docx", ["湖南省财政厅关于预算公开的通知", "三公经费", "120万元"]),
        (samples.xlsx_bytes(), "预算.xlsx", "xlsx", ["预算表", "一般公共预算支出", "3560"]),
        (samples.ofd_bytes(), "目录.ofd", "ofd", ["政府信息公开目录", "长沙县人民政府"]),
        ("政务公开工作要点".encode("gb18030"), "要点.txt", "txt", ["政务公开工作要点"]),
        ("政务公开工作要点".encode(), "要点.txt", "txt", ["政务公开工作要点"]),
    ],
)
def test_sniff_validate_and_extract(data, name, kind, words):
    assert sniff_type(data) == kind
    assert validate_upload(SimpleUploadedFile(name, data), name) == kind
    text = extract_text(io.BytesIO(data), name)
    for word in words:
        assert word in text


def test_extract_from_path(tmp_path):
    path = tmp_path / "目录.ofd"
    path.write_bytes(samples.ofd_bytes())
    assert "长沙县人民政府" in extract_text(path, path.name)
    assert "政府信息公开目录" in extract_text(str(path), path.name)


def test_ofd_characters_on_one_baseline_join_into_words():
    assert extract_text(samples.ofd_bytes(lines=("依申请公开", "答复书")), "x.ofd") == "依申请公开\n答复书"


def test_zip_holding_office_files_is_accepted_as_zip_but_not_extracted():
    assert validate_upload(SimpleUploadedFile("附件.zip", samples.plain_zip_bytes())) == "zip"
    assert validate_upload(SimpleUploadedFile("附件.zip", samples.docx_bytes())) == "docx"
    with pytest.raises(ExtractionError, match="不支持"):
        extract_text(samples.plain_zip_bytes(), "附件.zip")


@pytest.mark.parametrize(
    "data, name, expected",
    [
        (samples.pdf_bytes(), "通知.docx", "文件内容与扩展名不符：通知.docx 实际不是Word 文档（检测为PDF 文件）。"),
        (samples.docx_bytes(), "报告.pdf", "文件内容与扩展名不符：报告.pdf 实际不是PDF 文件（检测为Word 文档）。"),
        (samples.xlsx_bytes(), "表.docx", "文件内容与扩展名不符：表.docx 实际不是Word 文档（检测为Excel 表格）。"),
        (samples.plain_zip_bytes(), "目录.ofd", "文件内容与扩展名不符：目录.ofd 实际不是OFD 版式文件（检测为ZIP 压缩包）。"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00", "说明.txt",
         "文件内容与扩展名不符：说明.txt 实际不是文本文件（检测为无法识别的格式）。"),
    ],
)
def test_extension_and_content_mismatch_is_rejected_in_chinese(data, name, expected):
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(SimpleUploadedFile(name, data), name)
    assert excinfo.value.messages == [expected]


def test_oversize_and_empty_and_unknown_extension_rejected(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    with pytest.raises(ValidationError) as excinfo:
        validate_upload(SimpleUploadedFile("大.docx", samples.docx_bytes()))
    assert excinfo.value.messages[0].startswith("文件过大：大.docx 为")
    assert excinfo.value.code == "file_too_large"
    with pytest.raises(ValidationError, match="文件为空"):
        validate_upload(SimpleUploadedFile("空.pdf", b""))
    with pytest.raises(ValidationError, match="不支持的文件类型：程序.exe"):
        validate_upload(SimpleUploadedFile("程序.exe", b"MZ\x90\x00"))


def test_damaged_files_raise_extraction_error():
    broken = samples.docx_bytes()[:200]  # a zip local header and no directory
    with pytest.raises(ExtractionError):
        extract_text(b"%PDF-1.4\nthis is not really a pdf", "坏.pdf")
    assert sniff_type(broken) is None


@pytest.mark.parametrize(
    "name, expected",
    [
        ("../../etc/湖南省人民政府关于.DOCX", "湖南省人民政府关于.docx"),
        ("C:\\Users\\张三\\报告（2026）.pdf", "报告（2026）.pdf"),
        ("通知\x00\x07\u202e\n.pdf", "通知.pdf"),
        ('a<b>:c"d|e?f*.txt', "a_b__c_d_e_f_.txt"),
        ("...", "document"),
        (".pdf", "document.pdf"),
        ("长" * 300 + ".pdf", "长" * 116 + ".pdf"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def _image_bytes(kind):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(buffer, kind)
    return buffer.getvalue()


@pytest.mark.parametrize(("kind", "name"), [("JPEG", "营业执照.jpg"), ("JPEG", "身份证.JPEG"), ("PNG", "营业执照.png")])
def test_photos_are_accepted_by_their_content_and_hold_no_text(kind, name):
    data = _image_bytes(kind)
    assert validate_upload(SimpleUploadedFile(name, data), name) == kind.lower()
    assert extract_text(io.BytesIO(data), name) == ""


def test_a_photo_name_on_other_content_is_refused_in_chinese():
    with pytest.raises(ValidationError, match="实际不是JPEG 图片"):
        validate_upload(SimpleUploadedFile("照片.jpg", samples.pdf_bytes()), "照片.jpg")
    with pytest.raises(ValidationError, match="实际不是PNG 图片"):
        validate_upload(SimpleUploadedFile("照片.png", _image_bytes("JPEG")), "照片.png")
