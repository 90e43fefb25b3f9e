"""我的数据: a signed-in citizen downloads everything the platform holds about them — and nothing of anyone else,
no internal notes; a visitor who is not signed in is sent to sign in."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengwu.foi import actions as foi_actions
from zhengwu.foi.tests.test_applicant_account import filed_by
from zhengwu.interaction.models import Letter
from zhengwu.interaction.tests.conftest import mailbox  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db
PASSWORD = "Xiang-Jiang-River-88"
PAGE = "/accounts/my-data/"


def citizen(username):
    return get_user_model().objects.create_user(username, password=PASSWORD, first_name=username)


def write_letter(client, body, name, phone, with_file=False):
    form = {"category": "consult", "subject": "房屋漏水", "body": body, "name": name, "phone": phone, "email": "",
            "address": "", "may_publish": "", "pledge": "on"}
    if with_file:
        form["files"] = [SimpleUploadedFile("漏水照片.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
                                            "application/pdf")]
    assert client.post("/hdjl/xx/szxx/write/", form).status_code == 302


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (PAGE, PAGE + "download.json", PAGE + "download.zip"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_citizen_downloads_their_own_records_and_nobody_elses(client, mailbox):  # noqa: F811
    handler = mailbox.user("czt_foi", mailbox.czt, "foi_handler")
    me, other = citizen("wangxm01"), citizen("lisi0002")
    mine = filed_by(me, description="我家房屋的征收补偿决定")
    theirs = filed_by(other, description="李四的低保审批材料", name="李四", phone="13911112222")
    foi_actions.add_note(mine, actor=handler, text="内部备注：申请人曾多次来电")

    assert client.login(username="lisi0002", password=PASSWORD)
    write_letter(client, "李四的来信：邻居噪音扰民，请处理。", "李四", "13911112222")
    client.logout()
    assert client.login(username="wangxm01", password=PASSWORD)
    write_letter(client, "王小明的来信：我家房屋漏水，请处理。", "王小明", "13900000001", with_file=True)
    assert Letter.objects.filter(writer=me).count() == 1

    page = client.get(PAGE)
    assert page.status_code == 200 and "我的数据" in page.content.decode()
    assert PAGE + "download.json" in page.content.decode() and PAGE + "download.zip" in page.content.decode()
    download = client.get(PAGE + "download.json")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert download["Cache-Control"] == "no-store"
    data = json.loads(download.content)
    text = download.content.decode()
    assert data["账号"]["用户名"] == "wangxm01"
    assert [r["申请编号"] for r in data["政府信息公开申请"]] == [mine.number]
    request = data["政府信息公开申请"][0]
    assert request["所需信息的特征描述"] == "我家房屋的征收补偿决定" and request["证件号码"] == mine.id_number
    assert request["办理过程"]  # the steps the applicant may see
    assert "王小明的来信" in text and data["信箱来信"][0]["附件"]
    for foreign in (theirs.number, "李四", "13911112222", "低保", "噪音", "内部备注", "多次来电", handler.username):
        assert foreign not in text

    archive = zipfile.ZipFile(io.BytesIO(client.get(PAGE + "download.zip").content))
    names = archive.namelist()
    assert "我的数据.json" in names and any(name.endswith(".pdf") for name in names)
    assert archive.read(next(n for n in names if n.endswith(".pdf"))).startswith(b"%PDF")
    assert "李四" not in archive.read("我的数据.json").decode()


def test_the_account_page_links_to_my_data(client):
    citizen("wangxm01")
    assert client.login(username="wangxm01", password=PASSWORD)
    assert PAGE in client.get("/ysqgk/mine/").content.decode()
