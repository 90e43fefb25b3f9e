"""Small real files built in memory for the tests."""

import io
import zipfile

import docx
from openpyxl import Workbook


def pdf_bytes(text="Open Government Annual Report 2026"):
    """A minimal valid one-page PDF with ASCII text in Helvetica (with a correct xref table)."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def docx_bytes(paragraph="湖南省财政厅关于预算公开的通知", cell="三公经费"):
    document = docx.Document()
    document.add_paragraph(paragraph)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "金额"
    table.cell(1, 0).text = cell
    table.cell(1, 1).text = "120万元"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "预算表"
    sheet.append(["科目", "金额"])
    sheet.append(["一般公共预算支出", 3560])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


OFD_NS = "http://www.ofdspec.org/2016"


def ofd_bytes(lines=("政府信息公开目录", "长沙县人民政府")):
    """An OFD package (GB/T 33190): OFD.xml → Doc_0/Document.xml → Pages/Page_0/Content.xml."""
    text_objects = []
    for i, line in enumerate(lines):
        # The first line is written one TextCode per character on the same baseline, as OFD writers often do.
        if i == 0:
            codes = "".join(
                f'<ofd:TextCode X="{5 * j}" Y="10">{ch}</ofd:TextCode>' for j, ch in enumerate(line)
            )
        else:
            codes = f'<ofd:TextCode X="0" Y="10">{line}</ofd:TextCode>'
        text_objects.append(
            f'<ofd:TextObject ID="{10 + i}" Boundary="20 {30 + 15 * i} 170 12" Font="3" Size="5">{codes}</ofd:TextObject>'
        )
    files = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD">'
                   "<ofd:DocBody><ofd:DocInfo><ofd:DocID>1</ofd:DocID></ofd:DocInfo>"
                   "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
                              "<ofd:CommonData><ofd:MaxUnitID>20</ofd:MaxUnitID></ofd:CommonData>"
                              '<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>'
                              "</ofd:Document>",
        "Doc_0/Pages/Page_0/Content.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{OFD_NS}">'
                                          "<ofd:Content><ofd:Layer ID=\"2\">" + "".join(text_objects)
                                          + "</ofd:Layer></ofd:Content></ofd:Page>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content.encode("utf-8"))
    return out.getvalue()


def plain_zip_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("说明.txt", "附件".encode())
    return out.getvalue()
