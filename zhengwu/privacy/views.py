"""我的数据: the signed-in citizen's page listing what the platform holds about them, with a JSON download and a
ZIP that adds the files they uploaded. Anyone not signed in is sent to sign in first."""

import io
import json
import zipfile

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from zhengwu.portal.accounts import LOGIN_URL
from zhengwu.portal.views import site_context

from .export import collect, counts


def _download(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def _name(user, extension):
    return f"my-data-{timezone.localdate():%Y%m%d}.{extension}"


@login_required(login_url=LOGIN_URL)
def my_data(request):
    data, files = collect(request.user)
    response = render(request, "privacy/my_data.html", {**site_context(request), "counts": counts(data),
                                                         "file_count": len(files)})
    response["Cache-Control"] = "no-store"
    return response


@login_required(login_url=LOGIN_URL)
def my_data_json(request):
    data, _ = collect(request.user)
    content = json.dumps(data, ensure_ascii=False, indent=2)
    return _download(content.encode(), "application/json; charset=utf-8", _name(request.user, "json"))


@login_required(login_url=LOGIN_URL)
def my_data_zip(request):
    data, files = collect(request.user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("我的数据.json", json.dumps(data, ensure_ascii=False, indent=2))
        for name, document in files:
            with document.file.open("rb") as handle:
                archive.writestr(name, handle.read())
    return _download(buffer.getvalue(), "application/zip", _name(request.user, "zip"))
