"""Hostile archives built in memory for the tests: small on disk, huge when unpacked."""

import io
import zipfile

from . import samples

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bomb(unpacked_mb=100):
    """A real .docx that unpacks to `unpacked_mb` MB, nearly all of it word/document.xml's paragraphs (the attack
    of issue 21): every other part is taken from a genuine document, so only the size gives it away."""
    genuine = zipfile.ZipFile(io.BytesIO(samples.docx_bytes()))
    out = io.BytesIO()
    paragraph = f'<w:p><w:r><w:t>{"政务公开" * 60}</w:t></w:r></w:p>'.encode()
    chunk = paragraph * (1024 * 1024 // len(paragraph))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in genuine.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info.filename, genuine.read(info))
        start = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
        end = b"</w:body></w:document>"
        others = sum(info.file_size for info in genuine.infolist() if info.filename != "word/document.xml")
        left = unpacked_mb * 1024 * 1024 - others - len(start) - len(end)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(start)
            while left > 0:
                member.write(chunk[:left])
                left -= len(chunk)
            member.write(end)
    return out.getvalue()


def zip_with(members, stored=False):
    """A zip of {name: bytes}, deflated (or stored)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()
