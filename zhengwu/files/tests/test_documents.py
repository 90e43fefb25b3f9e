import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupCollectionPermission

from zhengwu.files.actions import store_document
from zhengwu.files.collections import agency_collection, agency_for_collection
from zhengwu.files.models import AgencyDocument
from zhengwu.orgs.actions import revoke_role
from zhengwu.orgs.models import Role, StaffRole

from . import samples


def upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what an upload queues for after its transaction commits (the text extraction task), as a real
    commit does; inside it the test sees the text the task extracted."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def docs(hunan):
    czt = store_document(hunan.czt, upload("财政厅预算通知.docx", samples.docx_bytes()), title="财政厅预算通知")
    zrzyt = store_document(hunan.zrzyt, upload("自然资源厅目录.ofd", samples.ofd_bytes()), title="自然资源厅目录")
    return czt, zrzyt


def test_store_document_extracts_text_and_files_it_in_the_agency_collection(hunan, documents_root, committed):
    with committed():
        doc = store_document(hunan.czt, upload("../预算 公开\x00.docx", samples.docx_bytes()))
        assert doc.text_pending  # nothing is extracted inside the uploader's transaction
    doc.refresh_from_db()
    assert doc.title == "预算 公开"
    assert doc.filename == "预算 公开.docx"
    assert doc.agency == hunan.czt
    assert doc.collection == agency_collection(hunan.czt)
    assert agency_for_collection(doc.collection) == hunan.czt
    assert doc.file_type == "docx"
    assert len(doc.sha256) == 64 and doc.file_hash and doc.file_size == len(samples.docx_bytes())
    assert "湖南省财政厅关于预算公开的通知" in doc.extracted_text and "三公经费" in doc.extracted_text
    assert doc.extraction_error == "" and doc.text_extracted_at and not doc.text_pending
    assert (documents_root / doc.file.name).exists()  # stored outside MEDIA_ROOT
    assert doc.url == reverse("wagtaildocs_serve", args=[doc.pk, doc.filename])


@pytest.mark.parametrize(
    "name, data",
    [("表.xlsx", samples.xlsx_bytes()), ("目录.ofd", samples.ofd_bytes()), ("报告.pdf", samples.pdf_bytes())],
)
def test_each_kind_is_extracted_after_commit(hunan, name, data, tmp_path, committed):
    path = tmp_path / name
    path.write_bytes(data)
    with committed():
        doc = store_document(hunan.changshaxian, path)
    doc.refresh_from_db()
    assert doc.extraction_error == ""
    assert doc.extracted_text
    assert doc.file_type == name.rsplit(".", 1)[1]


def test_store_document_rejects_mismatch_and_oversize(hunan, settings):
    with pytest.raises(ValidationError) as excinfo:
        store_document(hunan.czt, upload("通知.docx", samples.pdf_bytes()))
    assert excinfo.value.messages == ["文件内容与扩展名不符：通知.docx 实际不是Word 文档（检测为PDF 文件）。"]
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    with pytest.raises(ValidationError, match="文件过大"):
        store_document(hunan.czt, upload("报告.pdf", samples.pdf_bytes()))
    assert not AgencyDocument.objects.exists()


def test_store_document_checks_the_users_collection_permission(hunan):
    editor = hunan.user("czt_editor", hunan.czt, Role.PUBLISHER)
    doc = store_document(hunan.czt, upload("a.txt", "财政".encode()), user=editor)
    assert doc.uploaded_by_user == editor
    with pytest.raises(PermissionDenied):
        store_document(hunan.zrzyt, upload("b.txt", "自然".encode()), user=editor)


def test_failed_extraction_keeps_the_upload(hunan, committed):
    # A valid zip whose word/document.xml is not XML: sniffed as DOCX, but python-docx cannot read it.
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "not xml <<<")
    with committed():
        doc = store_document(hunan.czt, upload("坏.docx", out.getvalue()))
    doc.refresh_from_db()
    assert doc.pk and doc.file
    assert doc.extracted_text == ""
    assert doc.extraction_error.startswith("文本提取失败（Word 文档）")


def test_extraction_runs_again_when_the_file_is_replaced_and_by_command(hunan, committed):
    with committed():
        doc = store_document(hunan.czt, upload("a.txt", "第一版".encode()))
    with committed():
        doc.file = upload("b.txt", "第二版".encode())
        doc.save()
    doc.refresh_from_db()
    assert doc.extracted_text == "第二版"
    # A document whose task never ran (the queue was down) is found by the command.
    AgencyDocument.objects.filter(pk=doc.pk).update(extracted_text="", text_extracted_at=None)
    out = io.StringIO()
    call_command("extract_document_text", stdout=out)
    assert "已提取 1 个文件" in out.getvalue()
    doc.refresh_from_db()
    assert doc.extracted_text == "第二版" and len(doc.sha256) == 64
    call_command("extract_document_text", "--all", stdout=out)
    extracted_at = AgencyDocument.objects.get(pk=doc.pk).text_extracted_at
    with committed():
        doc.title = "改名"
        doc.save()  # no new file: no re-extraction, no error
    assert AgencyDocument.objects.get(pk=doc.pk).text_extracted_at == extracted_at
    assert AgencyDocument.objects.get(pk=doc.pk).extracted_text == "第二版"


def test_extracted_text_is_searchable(hunan, committed):
    with committed():
        store_document(hunan.czt, upload("报告.pdf", samples.pdf_bytes("Budget transparency report")))
        store_document(hunan.zrzyt, upload("other.txt", b"nothing relevant here"))
    results = AgencyDocument.objects.search("transparency")
    assert [d.filename for d in results] == ["报告.pdf"]


def test_agency_collections_nest_like_the_agency_tree(hunan):
    township = agency_collection(hunan.xingsha)
    county = agency_collection(hunan.changshaxian)
    assert township.get_parent() == county
    assert county.get_parent() == agency_collection(hunan.changsha)
    assert agency_collection(hunan.xingsha) == township  # created once


def test_roles_carry_document_permissions_on_their_agency_collection(hunan):
    editor = hunan.user("czt_editor", hunan.czt, Role.PUBLISHER)
    group = editor.groups.get(name__contains=hunan.czt.name)
    codenames = set(
        GroupCollectionPermission.objects.filter(group=group, collection=agency_collection(hunan.czt))
        .values_list("permission__codename", flat=True)
    )
    assert codenames == {"add_document", "change_document", "choose_document"}
    # A role without page permissions (FOI handler) still gets its agency group for documents.
    handler = hunan.user("czt_foi", hunan.czt, Role.FOI_HANDLER)
    assert GroupCollectionPermission.objects.filter(group__in=handler.groups.all()).exists()
    revoke_role(StaffRole.objects.get(user=handler))
    assert not GroupCollectionPermission.objects.filter(group__in=handler.groups.all()).exists()
    assert Group.objects.filter(pk=group.pk).exists()


def login(client, user):
    client.force_login(user)
    return client


def test_editor_sees_and_chooses_only_own_agency_documents(client, hunan, docs):
    czt_doc, zrzyt_doc = docs
    editor = hunan.user("czt_editor", hunan.czt, Role.PUBLISHER)
    login(client, editor)
    for url in (reverse("wagtaildocs:index"), reverse("wagtaildocs_chooser:choose")):
        response = client.get(url)
        assert response.status_code == 200
        body = response.json()["html"] if response["Content-Type"].startswith("application/json") else (
            response.content.decode())
        assert czt_doc.title in body
        assert zrzyt_doc.title not in body
    assert client.get(reverse("wagtaildocs:edit", args=[zrzyt_doc.pk])).status_code in (302, 403)
    # The province's administrator reaches the departments' collections below it.
    admin = hunan.user("admin", hunan.province, Role.SYSTEM_ADMIN)
    body = login(client, admin).get(reverse("wagtaildocs:index")).content.decode()
    assert czt_doc.title in body and zrzyt_doc.title in body


def test_admin_upload_runs_the_same_checks(client, hunan, settings, committed):
    editor = hunan.user("czt_editor", hunan.czt, Role.PUBLISHER)
    login(client, editor)
    collection = agency_collection(hunan.czt)
    url = reverse("wagtaildocs:add")
    response = client.post(url, {"title": "伪装", "collection": collection.pk,
                                 "file": upload("伪装.docx", samples.pdf_bytes())})
    assert response.status_code == 200
    assert "文件内容与扩展名不符：伪装.docx 实际不是Word 文档" in response.content.decode()
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    response = client.post(url, {"title": "太大", "collection": collection.pk,
                                 "file": upload("太大.pdf", samples.pdf_bytes())})
    assert response.status_code == 200
    assert not AgencyDocument.objects.exists()
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
    with committed():
        response = client.post(url, {"title": "目录", "collection": collection.pk,
                                     "file": upload("../目录.ofd", samples.ofd_bytes())})
    assert response.status_code == 302, response.content.decode()[:2000]
    doc = AgencyDocument.objects.get()
    assert doc.agency == hunan.czt and doc.filename == "目录.ofd"
    assert "政府信息公开目录" in doc.extracted_text
    # The multiple uploader (the admin's default "add documents" page) goes through the same form.
    response = client.post(reverse("wagtaildocs:add_multiple"), {"collection": collection.pk,
                                                                  "files[]": upload("表.docx", samples.xlsx_bytes())})
    assert response.json()["success"] is False
    assert "实际不是Word 文档" in response.json()["error_message"]


def test_private_documents_are_refused_to_anyone_without_a_role_in_the_agency(client, hunan):
    public = store_document(hunan.changshaxian, upload("公开.pdf", samples.pdf_bytes()))
    private = store_document(hunan.changshaxian, upload("申请人身份证明.pdf", samples.pdf_bytes()), private=True)
    assert list(AgencyDocument.objects.public()) == [public]

    response = client.get(public.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(private.url).status_code == 404

    outsider = hunan.user("czt_editor", hunan.czt, Role.PUBLISHER)
    assert login(client, outsider).get(private.url).status_code == 404
    township = hunan.user("xingsha_editor", hunan.xingsha, Role.PUBLISHER)  # below the owner: no reach up
    assert login(client, township).get(private.url).status_code == 404
    for username, agency in (("csx_foi", hunan.changshaxian), ("cs_admin", hunan.changsha)):
        staff = hunan.user(username, agency, Role.FOI_HANDLER if agency == hunan.changshaxian else Role.AGENCY_ADMIN)
        response = login(client, staff).get(private.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_documents_have_no_public_media_url(hunan):
    doc = store_document(hunan.czt, upload("a.txt", "正文".encode()))
    with pytest.raises(NotImplementedError):
        _ = doc.file.url


def test_bulk_move_to_another_collection_follows_the_agency(client, hunan, docs):
    czt_doc, _ = docs
    admin = hunan.user("admin", hunan.province, Role.SYSTEM_ADMIN)
    target = agency_collection(hunan.changsha)
    url = reverse("wagtail_bulk_action", args=("files", "agencydocument", "add_to_collection"))
    response = login(client, admin).post(f"{url}?id={czt_doc.pk}", {"collection": target.pk})
    assert response.status_code == 302
    czt_doc.refresh_from_db()
    assert czt_doc.collection == target and czt_doc.agency == hunan.changsha


def test_the_admin_document_api_lists_and_searches_only_what_the_user_may_download(client, hunan):
    """Issue 21, finding 3: any staff account could search every private document's text by a name."""
    letter = store_document(hunan.czt, upload("答复书.pdf", samples.pdf_bytes()), title="王小明申请的答复书",
                            private=True, access_roles=[Role.FOI_HANDLER])
    material = store_document(hunan.czt, upload("身份证明.pdf", samples.pdf_bytes()), title="王小明的身份证明",
                              private=True)
    public = store_document(hunan.czt, upload("预算公开.pdf", samples.pdf_bytes()), title="王小明参加的预算公开会")

    def found(user, **query):
        body = login(client, user).get("/admin/api/main/documents/", query).json()
        return {item["id"] for item in body["items"]}

    for username, agency, role in (("xingsha_editor", hunan.xingsha, Role.PUBLISHER),
                                   ("zrzyt_editor", hunan.zrzyt, Role.PUBLISHER),
                                   ("czt_mailbox", hunan.czt, Role.MAILBOX_HANDLER)):
        staff = hunan.user(username, agency, role)
        assert letter.pk not in found(staff) and letter.pk not in found(staff, search="王小明")
        assert public.pk in found(staff, search="王小明")
    assert material.pk in found(hunan.user("czt_admin", hunan.czt, Role.AGENCY_ADMIN), search="王小明")
    handler = hunan.user("czt_foi", hunan.czt, Role.FOI_HANDLER)
    assert {letter.pk, material.pk, public.pk} <= found(handler, search="王小明")
