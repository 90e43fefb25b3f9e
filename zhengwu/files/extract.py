"""The one place that looks inside uploaded files: type sniffing, upload checks, safe names, text extraction.

The type of a file is decided by its content (magic bytes, and for zip containers the names inside),
never by its extension; the extension must agree with the content or the upload is refused.
"""

import io
import os
import posixpath
import re
import unicodedata
import zipfile
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from .archives import ArchiveLimits, ArchiveRefused, BoundedZipFile, check_directory, inflate_all, open_zip

PDF, DOCX, XLSX, OFD, ZIP, OLE, TXT = "pdf", "docx", "xlsx", "ofd", "zip", "ole", "txt"
JPEG, PNG = "jpeg", "png"  # photos of licences and ID cards: what applicants have
MARKUP = "markup"  # HTML, XML, SVG, script: never accepted, whatever the name says or what follows
ARCHIVE_KINDS = {DOCX, XLSX, OFD, ZIP}

KIND_LABELS = {
    PDF: "PDF 文件",
    DOCX: "Word 文档",
    XLSX: "Excel 表格",
    OFD: "OFD 版式文件",
    ZIP: "ZIP 压缩包",
    OLE: "Office 97-2003 文档",
    TXT: "文本文件",
    JPEG: "JPEG 图片",
    PNG: "PNG 图片",
    MARKUP: "网页或脚本（HTML/XML）",
}

# extension -> the content kinds it may hold, and how to name what the extension promises.
EXTENSION_KINDS = {
    "pdf": ({PDF}, "PDF 文件"),
    "docx": ({DOCX}, "Word 文档"),
    "xlsx": ({XLSX}, "Excel 表格"),
    "ofd": ({OFD}, "OFD 版式文件"),
    "txt": ({TXT}, "文本文件"),
    "zip": ({ZIP, DOCX, XLSX, OFD}, "ZIP 压缩包"),
    "doc": ({OLE}, "Word 97-2003 文档"),
    "xls": ({OLE}, "Excel 97-2003 表格"),
    "jpg": ({JPEG}, "JPEG 图片"),
    "jpeg": ({JPEG}, "JPEG 图片"),
    "png": ({PNG}, "PNG 图片"),
}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PNG_HEADER_CHUNK = b"\x00\x00\x00\x0dIHDR"  # a PNG's first chunk, right after the signature
PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")  # at byte 0: readers that look further let HTML pass as PDF
# What a browser would take for markup (WHATWG MIME sniffing: "<" then a tag, a comment or a declaration).
MARKUP_START = re.compile(rb"<(?:[!?/]|[A-Za-z])")
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
SNIFF_BYTES = 8192
MAX_FILENAME_CHARS = 120


class ExtractionError(Exception):
    """Text could not be extracted; the message is Chinese and is stored on the document."""


def _setting(name, default):
    return getattr(settings, name, default)


def max_upload_size():
    return _setting("WAGTAILDOCS_MAX_UPLOAD_SIZE", None)


# What every public upload form accepts: the documents' extensions the sniffer knows.
ALLOWED_EXTENSIONS = [e for e in getattr(settings, "WAGTAILDOCS_EXTENSIONS", list(EXTENSION_KINDS))
                      if e in EXTENSION_KINDS]


def upload_help():
    """What a public upload field says it accepts (types and size)."""
    limit = max_upload_size()
    size = f"，单个文件不超过 {filesizeformat(limit)}" if limit else ""
    return f"支持 {'、'.join(e.upper() for e in ALLOWED_EXTENSIONS)} 格式{size}。"


def max_text_chars():
    return _setting("ZHENGWU_FILES_MAX_TEXT_CHARS", 1_000_000)


# ---------------------------------------------------------------------------------------------
# Opening anything we are given: a path, a Django File / UploadedFile / FieldFile, bytes, a stream.


@contextmanager
def _binary_stream(file_or_path):
    """A seekable binary stream positioned at 0; paths are opened and closed here, streams are rewound."""
    if isinstance(file_or_path, (str, os.PathLike)):
        with open(file_or_path, "rb") as fh:
            yield fh
        return
    if isinstance(file_or_path, (bytes, bytearray)):
        yield io.BytesIO(file_or_path)
        return
    stream = file_or_path
    if getattr(stream, "closed", False) and hasattr(stream, "open"):
        stream.open("rb")
    seekable = getattr(stream, "seekable", None)
    if seekable is not None and callable(seekable) and not seekable():
        data = stream.read()
        yield io.BytesIO(data)
        return
    stream.seek(0)
    try:
        yield stream
    finally:
        try:
            stream.seek(0)
        except (ValueError, OSError):  # already closed by a library
            pass


def _file_name(file_or_path, filename=None):
    if filename:
        return str(filename)
    if isinstance(file_or_path, (str, os.PathLike)):
        return os.path.basename(os.fspath(file_or_path))
    return getattr(file_or_path, "name", "") or ""


def _file_size(stream):
    size = getattr(stream, "size", None)
    if isinstance(size, int):
        return size
    position = stream.tell()
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(position)
    return size


# ---------------------------------------------------------------------------------------------
# Sniffing


def _zip_kind(stream):
    """DOCX and XLSX are OOXML packages ([Content_Types].xml and their main part); OFD has OFD.xml at its root
    (GB/T 33190); any other readable zip is a ZIP."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    ooxml = "[Content_Types].xml" in names
    if ooxml and "word/document.xml" in names:
        return DOCX
    if ooxml and "xl/workbook.xml" in names:
        return XLSX
    if "OFD.xml" in names:
        return OFD
    return ZIP


def _starts_with_markup(head):
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n\f")
    return bool(MARKUP_START.match(start))


def _decode_text(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _looks_like_text(head):
    if b"\x00" in head:
        return False
    text = _decode_text(head)
    if text is None:
        # The sample may end inside a multi-byte character: drop up to 3 trailing bytes and retry.
        text = next((t for t in (_decode_text(head[:-n]) for n in (1, 2, 3)) if t is not None), None)
    if text is None:
        return False
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    return controls <= len(text) // 100


def sniff_type(file_or_path):
    """The kind of content (pdf, docx, xlsx, ofd, zip, ole, txt, jpeg, png), or None when unrecognised."""
    with _binary_stream(file_or_path) as stream:
        head = stream.read(SNIFF_BYTES)
        if not head:
            return None
        # Every kind is decided by its first bytes: a signature at byte 0, never one found further in.
        if PDF_HEADER.match(head):
            return PDF
        if head.startswith(ZIP_MAGICS):
            stream.seek(0)
            return _zip_kind(stream)
        if head.startswith(OLE_MAGIC):
            return OLE
        if head.startswith(JPEG_MAGIC) and len(head) > 3 and head[3] >= 0xC0:  # FF D8 FF then a marker
            return JPEG
        if head.startswith(PNG_MAGIC + PNG_HEADER_CHUNK):
            return PNG
        if _starts_with_markup(head):
            return MARKUP
        if _looks_like_text(head):
            return TXT
    return None


# ---------------------------------------------------------------------------------------------
# Upload checks and names


_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_UNSAFE_CHARS = re.compile(r'[\\/:*?"<>|]')


def safe_filename(name, default="document"):
    """A file name safe to store: no directories, control or bidi characters, reserved characters
    or leading dots; Chinese and other letters kept; the extension lower-cased; length bounded."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/")
    name = posixpath.basename(name)
    name = _CONTROL_CHARS.sub("", name)
    name = _UNSAFE_CHARS.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip().rstrip(" .")
    stem, ext = os.path.splitext("x" + name)  # "x": so that ".pdf" counts as an extension
    stem, ext = stem[1:].strip(" ."), ext.lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,10}", ext or ""):
        stem, ext = name.strip(" ."), ""
    if not stem:
        stem = default
    stem = stem[: MAX_FILENAME_CHARS - len(ext)].rstrip(" .") or default
    return stem + ext


def extension_of(filename):
    return os.path.splitext(str(filename or ""))[1].lower().lstrip(".")


def _refuse_markup(name):
    return ValidationError(
        "不接受网页或脚本文件：%(name)s 的内容以 HTML/XML 标记开头，不是允许的文档或图片。",
        code="markup", params={"name": name})


def _check_archive(stream, name):
    """Decompression limits at upload: the central directory first (a bomb is refused without inflating it),
    then every member inflated once with real bytes counted (headers that lie are caught)."""
    limits = ArchiveLimits.from_settings()
    try:
        with open_zip(stream) as archive:
            check_directory(archive, limits)
        stream.seek(0)
        inflate_all(stream, limits)
    except ArchiveRefused as refusal:
        raise ValidationError(f"{name}：{refusal.messages[0]}", code=refusal.code) from None
    finally:
        stream.seek(0)


def validate_upload(file_or_path, filename=None):
    """Check an upload before it is stored; returns the sniffed kind or raises ValidationError (Chinese).

    Extension against the allow-list, size, content sniffed from the first bytes (markup refused whatever
    follows), archive limits, then the virus scan when CLAMD_ADDRESS is set. A file object that passed is
    marked, so that the same upload checked by a form and again by store_document is scanned once."""
    name = safe_filename(_file_name(file_or_path, filename))
    ext = extension_of(name)
    allowed = [e.lower() for e in _setting("WAGTAILDOCS_EXTENSIONS", list(EXTENSION_KINDS))]
    if ext not in allowed or ext not in EXTENSION_KINDS:
        raise ValidationError(
            "不支持的文件类型：%(name)s。允许的扩展名：%(allowed)s。",
            code="invalid_extension",
            params={"name": name, "allowed": "、".join(e for e in allowed if e in EXTENSION_KINDS)},
        )
    with _binary_stream(file_or_path) as stream:
        size = _file_size(stream)
        passed = getattr(file_or_path, "_zhengwu_upload_checked", None)
        if passed is not None and passed[0] == size:
            return passed[1]
        limit = max_upload_size()
        if size == 0:
            raise ValidationError("文件为空：%(name)s。", code="empty", params={"name": name})
        if limit is not None and size > limit:
            raise ValidationError(
                "文件过大：%(name)s 为 %(size)s，上限为 %(limit)s。",
                code="file_too_large",
                params={"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            )
        kind = sniff_type(stream)
        if kind == MARKUP:
            raise _refuse_markup(name)
        expected, label = EXTENSION_KINDS[ext]
        if kind not in expected:
            actual = KIND_LABELS.get(kind, "无法识别的格式")
            raise ValidationError(
                "文件内容与扩展名不符：%(name)s 实际不是%(label)s（检测为%(actual)s）。",
                code="content_mismatch",
                params={"name": name, "label": label, "actual": actual},
            )
        stream.seek(0)
        if kind in ARCHIVE_KINDS:
            _check_archive(stream, name)
        from .scan import scan_upload

        scan_upload(stream, name)
    if not isinstance(file_or_path, (str, os.PathLike, bytes, bytearray)):
        try:
            file_or_path._zhengwu_upload_checked = (size, kind)
        except AttributeError:
            pass
    return kind


# ---------------------------------------------------------------------------------------------
# Extraction. Runs in a child process with memory and time limits (zhengwu.files.sandbox), so everything
# below takes its limits as arguments and reads no settings.


def _clip(text, max_chars):
    text = text.replace("\x00", "")
    text = re.sub(r"[ \t\u3000]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text[:max_chars] if max_chars else text


def _inflate_within(stream, limits):
    """Before a parser reads a container: refuse it by the real bytes its members inflate to."""
    try:
        inflate_all(stream, limits)
    except ArchiveRefused as refusal:
        raise ExtractionError(refusal.messages[0]) from None


def _extract_pdf(stream, limits, max_chars):
    from pypdf import PdfReader

    reader = PdfReader(stream)
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception as e:  # noqa: BLE001 - pypdf raises several types here
            raise ExtractionError("PDF 已加密，无法提取文本。") from e
    parts = []
    for page in reader.pages:
        parts.append(page.extract_text() or "")
    return "\n".join(parts)


def _docx_table_text(table, parts):
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat the same element
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text.strip())
            for inner in cell.tables:
                _docx_table_text(inner, parts)
        if any(cells):
            parts.append("\t".join(cells))


def _extract_docx(stream, limits, max_chars):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _inflate_within(stream, limits)
    document = docx.Document(stream)
    parts = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Table):
            _docx_table_text(block, parts)
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                parts.extend(p.text for p in part.paragraphs)
    return "\n".join(parts)


def _extract_xlsx(stream, limits, max_chars):
    from openpyxl import load_workbook

    _inflate_within(stream, limits)
    workbook = load_workbook(stream, read_only=True, data_only=True)
    parts = []
    try:
        for sheet in workbook.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                values = ["" if value is None else str(value) for value in row]
                if any(values):
                    parts.append("\t".join(values).rstrip("\t"))
    finally:
        workbook.close()
    return "\n".join(parts)


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _read_member(archive, name):
    try:
        return archive.read(name)  # a BoundedZipFile: real bytes counted against the limits
    except ArchiveRefused as refusal:
        raise ExtractionError(refusal.messages[0]) from None


def _ofd_page_paths(archive):
    """Page content paths in reading order, from OFD.xml → Document.xml; falls back to the names."""
    names = set(archive.namelist())
    paths = []
    try:
        root = ElementTree.fromstring(_read_member(archive, "OFD.xml"))
        for doc_root in (el for el in root.iter() if _local(el.tag) == "DocRoot"):
            doc_path = (doc_root.text or "").strip().lstrip("/")
            doc_dir = posixpath.dirname(doc_path)
            document = ElementTree.fromstring(_read_member(archive, doc_path))
            for page in (el for el in document.iter() if _local(el.tag) == "Page"):
                loc = (page.get("BaseLoc") or "").strip()
                loc = loc.lstrip("/") if loc.startswith("/") else posixpath.join(doc_dir, loc)
                loc = posixpath.normpath(loc)
                if loc in names:
                    paths.append(loc)
    except (KeyError, ElementTree.ParseError):
        paths = []
    if paths:
        return paths

    def number_key(name):
        return [int(n) for n in re.findall(r"\d+", name)]

    pattern = re.compile(r"(?:^|/)Doc_\d+/Pages/Page_\d+/Content\.xml$")
    return sorted((n for n in names if pattern.search(n)), key=number_key)


def _ofd_page_text(xml_bytes):
    """TextCode strings in order; codes on the same baseline join, a new baseline starts a new line."""
    root = ElementTree.fromstring(xml_bytes)
    lines, previous_y = [], None
    for text_object in (el for el in root.iter() if _local(el.tag) == "TextObject"):
        boundary = (text_object.get("Boundary") or "").split()
        base_y = float(boundary[1]) if len(boundary) >= 2 else 0.0
        for code in (el for el in text_object.iter() if _local(el.tag) == "TextCode"):
            text = code.text or ""
            if not text:
                continue
            try:
                y = base_y + float(code.get("Y") or 0)
            except ValueError:
                y = None
            if lines and y is not None and previous_y is not None and abs(y - previous_y) < 1.0:
                lines[-1] += text
            else:
                lines.append(text)
            previous_y = y
    return "\n".join(lines)


def _extract_ofd(stream, limits, max_chars):
    try:
        archive = BoundedZipFile(stream, limits)
    except ArchiveRefused as refusal:
        raise ExtractionError(refusal.messages[0]) from None
    with archive:
        pages = _ofd_page_paths(archive)
        if not pages:
            raise ExtractionError("OFD 文件中没有找到页面内容。")
        parts = []
        for path in pages:
            try:
                parts.append(_ofd_page_text(_read_member(archive, path)))
            except ElementTree.ParseError as e:
                raise ExtractionError(f"OFD 页面内容格式错误：{path}。") from e
    return "\n".join(parts)


def _extract_txt(stream, limits, max_chars):
    limit = max_chars * 4 if max_chars else -1
    data = stream.read(limit)
    text = _decode_text(data)
    if text is None and len(data) == limit:  # the read may have cut a multi-byte character
        text = next((t for t in (_decode_text(data[:-n]) for n in (1, 2, 3)) if t is not None), None)
    if text is None:
        text = data.decode("gb18030", errors="replace")
    return text


def _no_text(stream, limits, max_chars):
    return ""  # a photo holds no text we read (no OCR); it is stored and served, not indexed


EXTRACTORS = {PDF: _extract_pdf, DOCX: _extract_docx, XLSX: _extract_xlsx, OFD: _extract_ofd, TXT: _extract_txt,
              JPEG: _no_text, PNG: _no_text}


def extract_text(file_or_path, filename=None, *, limits=None, max_chars=None):
    """The plain text of a PDF, DOCX, XLSX, OFD or TXT file, chosen by its content.

    Raises ExtractionError (Chinese message) when the content is not a kind we read, is damaged or is over
    the archive limits. `filename` is only used in messages; the content decides how the file is read.
    Uploads are extracted through zhengwu.files.sandbox (a child process), not by calling this directly.
    """
    limits = limits or ArchiveLimits.from_settings()
    max_chars = max_text_chars() if max_chars is None else max_chars
    name = _file_name(file_or_path, filename)
    with _binary_stream(file_or_path) as stream:
        kind = sniff_type(stream)
        stream.seek(0)
        extractor = EXTRACTORS.get(kind)
        if extractor is None:
            raise ExtractionError(f"不支持从{KIND_LABELS.get(kind, '该格式')}中提取文本：{Path(name).name}。")
        try:
            return _clip(extractor(stream, limits, max_chars), max_chars)
        except (ExtractionError, MemoryError):  # MemoryError: the sandbox says which limit was reached
            raise
        except Exception as e:  # noqa: BLE001 - parsers raise anything on damaged input
            raise ExtractionError(
                f"文本提取失败（{KIND_LABELS[kind]}）：" + f"{type(e).__name__}: {e}"[:200]
            ) from e
