"""manage.py backup and restore, as an operator would use them: back up a running installation, restore into an
empty one (a second database: a fresh SQLite file, or a second PostgreSQL database when the suite runs on
PostgreSQL), and find the same records and the same file bytes; and the refusals that keep a restore safe."""

import gzip
import io
import json
import os
import stat
import tarfile

import pytest
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.db.utils import load_backend
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from zhengwu.backup.database import check_restorable, pg_tool, row_counts
from zhengwu.files.models import AgencyDocument
from zhengwu.foi.actions import attach_document, submit_request
from zhengwu.foi.forms import RequestForm
from zhengwu.foi.models import InformationRequest
from zhengwu.orgs.models import Agency
from zhengwu.portal.models import ArticlePage, ColumnPage
from zhengwu.privacy.validators import resident_id_check_digit

TARGET = "restore_target"
ID17 = "43010219900101123"
PASSPHRASE = "测试用备份口令-correct horse battery staple"


@pytest.fixture
def stores(settings, tmp_path):
    """Fresh file stores for the installation being backed up (documents_root already is one)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


@pytest.fixture
def empty_installation(settings, tmp_path):
    """A second, empty installation: its own database under the alias TARGET and, once `use()` is called, its
    own file stores. SQLite: a new file; PostgreSQL: a new database beside the test database, dropped after."""
    config = dict(connections.settings["default"])
    postgres = config["ENGINE"].endswith("postgresql")
    if postgres:
        config["NAME"] = f"{config['NAME']}_restore"
        _admin_sql(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)', f'CREATE DATABASE "{config["NAME"]}"')
    else:
        config["NAME"] = str(tmp_path / "restored.sqlite3")
        config["TEST"] = {**config.get("TEST", {}), "NAME": config["NAME"]}
    # Made here rather than declared in settings: Django's test case allows connections created on the fly.
    connections[TARGET] = load_backend(config["ENGINE"]).DatabaseWrapper(config, TARGET)

    def use():
        settings.MEDIA_ROOT = tmp_path / "restored-media"
        settings.ZHENGWU_DOCUMENTS_ROOT = tmp_path / "restored-documents"

    yield use
    connections[TARGET].close()
    del connections[TARGET]
    if postgres:
        _admin_sql(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')


def _admin_sql(*statements):
    """CREATE/DROP DATABASE outside any transaction, on a connection of its own."""
    raw = connection.get_new_connection(connection.get_connection_params())
    raw.autocommit = True
    try:
        for statement in statements:
            raw.execute(statement)
    finally:
        raw.close()


def make_data(hunan, tmp_path):
    """A new agency, an FOI request with a released document, a published article and an image."""
    agency = hunan.province.add_child(name="湖南省备份测试局", slug="bfcsj", kind=hunan.czt.kind,
                                      division=hunan.czt.division)
    handler = hunan.user("czt_foi", hunan.czt, "foi_handler")
    form = RequestForm(data={
        "agency": "湖南省财政厅", "applicant_type": "natural_person", "name": "张三", "id_type": "resident_id",
        "id_number": ID17 + resident_id_check_digit(ID17), "phone": "13812345678", "email": "zhangsan@example.com",
        "description": "2025年省级部门预算中“三公”经费的明细", "delivery_form": "electronic",
        "delivery_way": "email"})
    assert form.is_valid(), form.errors
    request = submit_request(form.cleaned_data)
    upload = tmp_path / "三公经费明细（2025）.txt"
    upload.write_bytes("2025年三公经费明细：公务接待费 12.3 万元".encode())
    document = attach_document(request, actor=handler, file=upload, title="三公经费明细")
    column = ColumnPage.objects.get(agency=hunan.province, slug="zwdt")
    article = column.add_child(instance=ArticlePage(title="省政府召开备份演练会", body="<p>演练数据备份与恢复。</p>",
                                                    agency=hunan.province))
    article.save_revision().publish()
    picture = io.BytesIO()
    PillowImage.new("RGB", (4, 3), (200, 30, 30)).save(picture, "PNG")
    image = get_image_model().objects.create(title="演练照片", file=ImageFile(picture, name="drill.png"))
    return agency, request, document, article, image


def fields(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def counts(alias):
    with connections[alias].cursor() as cursor:
        return row_counts(cursor, connections[alias].vendor)


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_installation_with_the_same_records_and_files(
        hunan, stores, empty_installation, tmp_path, capsys):
    stores.BACKUP_ENCRYPTION_KEY = PASSPHRASE
    agency, request, document, article, image = make_data(hunan, tmp_path)
    document_bytes = document.file.open("rb").read()
    image_bytes = image.file.open("rb").read()

    call_command("backup", output=str(tmp_path / "backups"))
    [archive] = (tmp_path / "backups").iterdir()
    assert archive.name.endswith(".tar.gz.enc") and stat.S_IMODE(archive.stat().st_mode) == 0o600
    raw = archive.read_bytes()
    assert "三公经费".encode() not in raw and b"manifest" not in raw and not raw.startswith(b"\x1f\x8b")
    assert "已加密" in capsys.readouterr().out

    empty_installation()
    stores.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(CommandError, match="这是加密的备份"):
        call_command("restore", str(archive), database=TARGET)
    stores.BACKUP_ENCRYPTION_KEY = "另一个口令"
    with pytest.raises(CommandError, match="BACKUP_ENCRYPTION_KEY 不对"):
        call_command("restore", str(archive), database=TARGET)
    stores.BACKUP_ENCRYPTION_KEY = PASSPHRASE
    call_command("restore", str(archive), database=TARGET)
    out = capsys.readouterr().out
    assert "备份完整" in out and "核对通过" in out

    assert counts(TARGET) == counts("default")
    assert fields(InformationRequest.objects.using(TARGET).get(pk=request.pk)) == fields(
        InformationRequest.objects.get(pk=request.pk))
    restored_request = InformationRequest.objects.using(TARGET).get(pk=request.pk)
    assert restored_request.name == "张三" and restored_request.phone == "13812345678"  # still decrypts
    assert list(restored_request.release_documents.values_list("pk", flat=True)) == [document.pk]
    assert fields(Agency.objects.using(TARGET).get(pk=agency.pk)) == fields(Agency.objects.get(pk=agency.pk))
    page = ArticlePage.objects.using(TARGET).get(pk=article.pk)
    assert page.live and page.title == "省政府召开备份演练会" and page.url_path == article.url_path
    restored_document = AgencyDocument.objects.using(TARGET).get(pk=document.pk)
    assert restored_document.private and restored_document.file.name == document.file.name
    with restored_document.file.open("rb") as handle:
        assert handle.read() == document_bytes
    with get_image_model().objects.using(TARGET).get(pk=image.pk).file.open("rb") as handle:
        assert handle.read() == image_bytes

    with pytest.raises(CommandError, match="目标安装已有数据"):
        call_command("restore", str(archive), database=TARGET)


def rewrite(archive, change):
    """Copy a plaintext archive member by member, letting `change(name, data)` alter a member's bytes."""
    members = []
    with tarfile.open(archive, "r:gz") as tar:
        for info in tar:
            members.append((info, change(info.name, tar.extractfile(info).read())))
    with tarfile.open(archive, "w:gz") as tar:
        for info, data in members:
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


@pytest.mark.django_db(transaction=True)
def test_a_tampered_or_foreign_archive_is_refused_before_the_target_is_touched(
        hunan, stores, empty_installation, tmp_path):
    from zhengwu.files.actions import store_document

    upload = tmp_path / "材料.txt"
    upload.write_bytes("申请材料".encode())
    store_document(hunan.czt, upload, private=True)
    archive = tmp_path / "plain.tar.gz"
    call_command("backup", output=str(archive), allow_plaintext=True)  # (tests run with DEBUG off)
    with tarfile.open(archive, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"]["vendor"] == connection.vendor and "git_commit" in manifest["app"]
    assert {"orgs_agency", "django_migrations"} <= set(manifest["database"]["tables"])
    assert "files" in manifest["database"]["migrations"]
    [entry] = [e for e in manifest["files"] if e["name"].endswith("材料.txt")]
    assert entry["store"] == "documents" and entry["referenced"] and entry["size"] == len("申请材料".encode())

    empty_installation()
    rewrite(archive, lambda name, data: b"forged" if name == entry["member"] else data)
    with pytest.raises(CommandError, match="备份校验失败，未改动目标") as refused:
        call_command("restore", str(archive), database=TARGET)
    assert entry["member"] in str(refused.value)
    assert counts(TARGET) == {} and not os.path.exists(stores.ZHENGWU_DOCUMENTS_ROOT)

    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    foreign = {**manifest, "database": {**manifest["database"], "vendor": other}}
    rewrite(archive, lambda name, data: {"manifest.json": json.dumps(foreign).encode(),
                                         entry["member"]: "申请材料".encode()}.get(name, data))
    with pytest.raises(CommandError, match="备份只能恢复到同一种数据库"):
        call_command("restore", str(archive), database=TARGET)
    assert counts(TARGET) == {}


def test_production_refuses_a_plaintext_backup_without_allow_plaintext(settings, tmp_path):
    settings.DEBUG, settings.BACKUP_ENCRYPTION_KEY = False, ""
    with pytest.raises(CommandError, match="生产环境不写未加密的备份"):
        call_command("backup", output=str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_a_missing_postgresql_tool_is_named_with_what_to_do(settings, tmp_path):
    settings.BACKUP_PG_BIN_DIR = str(tmp_path)
    with pytest.raises(CommandError, match="找不到 pg_dump.*postgresql-client.*BACKUP_PG_BIN_DIR"):
        pg_tool("pg_dump")


def test_an_archive_that_is_not_gzip_is_a_clear_error(tmp_path, db):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(gzip.compress(b"not a tar") + b"trailing")
    with pytest.raises(CommandError, match="备份文件已损坏"):
        call_command("restore", str(bogus))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL 客户端版本检查只在 PostgreSQL 上运行")
def test_postgresql_client_tools_older_than_the_server_or_the_dump_are_refused(settings, tmp_path, db):
    for tool in ("pg_dump", "pg_restore"):
        script = tmp_path / tool
        script.write_text(f"#!/bin/sh\necho '{tool} (PostgreSQL) 9.6.24'\n")
        script.chmod(0o755)
    settings.BACKUP_PG_BIN_DIR = str(tmp_path)
    with pytest.raises(CommandError, match="pg_dump 9.6.24 不能导出 PostgreSQL .* 服务器上的数据库"):
        call_command("backup", output=str(tmp_path / "out"), allow_plaintext=True)
    with pytest.raises(CommandError, match="pg_restore 9.6.24 读不了 pg_dump 15.4 写的备份"):
        check_restorable(connection, {"vendor": "postgresql", "pg_dump_version": "15.4", "server_version": "15.4"})
