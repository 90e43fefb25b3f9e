"""The public lookups of 依申请公开 by number and 查询码 — a request (progress page, API, downloads of what was
released) and a 投诉举报 — through the one lookup guard of every case type (zhengwu.cases.tracking)."""

from zhengwu.cases.tracking import LookupGuard
from zhengwu.foi.models import Complaint, InformationRequest

NOT_FOUND = "申请编号或查询码不正确，请核对短信或邮件中的编号和查询码。"
COMPLAINT_NOT_FOUND = "投诉编号或查询码不正确，请核对短信中的编号和查询码。"


class RequestLookupGuard(LookupGuard):
    noun = "申请编号"

    def records(self):
        return InformationRequest.objects.select_related("agency", "clock")


class ComplaintLookupGuard(LookupGuard):
    noun = "投诉编号"

    def records(self):
        return Complaint.objects.select_related("agency", "clock")

