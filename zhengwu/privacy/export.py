"""我的数据: everything the platform holds about one signed-in citizen, for download (个人信息保护法第四十五条).

A record is theirs when it is linked to their account (FOI requests, letters, service cases with their 好差评)
or, once they proved a mobile number by SMS sign-in, filed under that number (FOI complaints, survey answers).
Only what the person may see is given: their own fields in full, the steps marked visible to the applicant,
approved replies; never internal notes, drafts, staff names or anyone else's data. Another app's model is
read by label, so this module imports no case app.
"""

from django.apps import apps
from django.utils import timezone


def _value(value):
    if value is None or isinstance(value, str | int | float | bool | list | dict):
        return value
    if hasattr(value, "isoformat"):
        return (timezone.localtime(value) if getattr(value, "tzinfo", None) else value).isoformat()
    return str(value)


def _fields(obj, names):
    result = {}
    for name in names:
        field = obj._meta.get_field(name)
        value = getattr(obj, name)
        if getattr(field, "choices", None) and value not in (None, ""):
            value = getattr(obj, f"get_{name}_display")()
        result[str(field.verbose_name)] = _value(value)
    return result


def _steps(events):
    return [{"日期": _value(e.on), "事项": e.get_kind_display(), "说明": e.message}
            for e in events.filter(public=True).order_by("at", "pk")]


def _files(rows, folder):
    """(name in the archive, document) of the citizen's own uploads that still exist."""
    files = []
    for row in rows:
        document = row.document
        if document.file:
            files.append((f"{folder}/{document.pk}-{document.filename}", document))
    return files


def _profile_phone(user):
    profile = getattr(user, "citizen_profile", None) if apps.is_installed("zhengwu.citizen_auth") else None
    return profile.phone if profile is not None and profile.phone else ""


def account(user):
    data = {"用户名": user.get_username(), "姓名或单位名称": user.get_full_name() or user.first_name,
            "电子邮箱": user.email, "注册时间": _value(user.date_joined), "最近登录": _value(user.last_login)}
    phone = _profile_phone(user)
    if phone:
        data["手机号码"] = phone
    profile = getattr(user, "citizen_profile", None) if apps.is_installed("zhengwu.citizen_auth") else None
    if profile is not None and profile.oidc_issuer:
        data["统一身份认证平台"] = profile.oidc_issuer
    return data


def foi_requests(user):
    InformationRequest = apps.get_model("foi", "InformationRequest")
    found = []
    for request in InformationRequest.objects.filter(applicant_user=user).select_related("agency").order_by("pk"):
        item = {"受理机关": request.agency.name, **_fields(request, [
            "number", "channel", "applicant_type", "name", "id_type", "id_number", "contact_person", "phone", "email",
            "address", "postcode", "info_title", "info_doc_number", "description", "purpose_note", "delivery_form",
            "delivery_way", "submitted_at", "received_on", "state", "decided_on"])}
        item["办理结果"] = request.outcome_label
        item["办理过程"] = _steps(request.events)
        found.append(item)
    return found


def letters(user):
    Letter = apps.get_model("interaction", "Letter")
    found, files = [], []
    for letter in Letter.objects.filter(writer=user).select_related("mailbox").order_by("pk"):
        item = {"信箱": letter.mailbox.name, **_fields(letter, [
            "number", "category", "subject", "body", "name", "phone", "email", "address", "may_publish",
            "submitted_at", "received_on", "state"])}
        if letter.replied_on:  # only an approved reply reaches the writer, never the draft
            item.update(_fields(letter, ["reply", "replied_on"]))
        if letter.rating:
            item.update(_fields(letter, ["rating", "rating_comment", "rated_at"]))
        item["办理过程"] = _steps(letter.events)
        letter_files = _files(letter.attachments.select_related("document"), f"来信/{letter.number}")
        item["附件"] = [name for name, _ in letter_files]
        files += letter_files
        found.append(item)
    return found, files


def service_cases(user):
    ServiceCase = apps.get_model("services", "ServiceCase")
    Rating = apps.get_model("services", "Rating")
    found, files, ratings = [], [], []
    cases = ServiceCase.objects.filter(applicant_user=user).select_related("matter", "agency").order_by("pk")
    for case in cases:
        item = {"事项": case.matter.name, "办理部门": case.agency.name, **_fields(case, [
            "number", "channel", "applicant_kind", "name", "id_number", "phone", "form_data", "state", "submitted_at",
            "received_on", "accepted_on", "decided_on", "completed_on", "decision", "result_text"])}
        item["办理过程"] = _steps(case.events)
        case_files = _files(case.materials.select_related("document"), f"办件/{case.number}")
        item["材料"] = [name for name, _ in case_files]
        files += case_files
        found.append(item)
    for rating in Rating.objects.filter(case__in=cases).select_related("case").order_by("pk"):
        ratings.append({"办件编号": rating.case.number, **_fields(rating, [
            "channel", "level", "dimensions", "comment", "real_name", "rated_on"])})
    return found, files, ratings


def foi_complaints(phone):
    if not phone:
        return []
    Complaint = apps.get_model("foi", "Complaint")
    found = []
    for complaint in Complaint.objects.filter(phone_index__matches=phone).select_related("agency").order_by("pk"):
        item = {"被投诉机关": complaint.agency.name, **_fields(complaint, [
            "number", "name", "phone", "email", "content", "submitted_at", "received_on", "state"])}
        if complaint.answered_on:
            item.update(_fields(complaint, ["finding", "answer", "answered_on"]))
        item["办理过程"] = _steps(complaint.events)
        found.append(item)
    return found


def survey_answers(phone):
    if not phone:
        return []
    SurveyResponse = apps.get_model("consultation", "SurveyResponse")
    found = []
    responses = SurveyResponse.objects.filter(phone_index__matches=phone).select_related("survey").order_by("pk")
    for response in responses:
        answers = [{"题目": str(answer.question),
                    "所选选项": [option.text for option in answer.options.all()], "回答": answer.text}
                   for answer in response.answers.select_related("question").prefetch_related("options")]
        found.append({"调查": response.survey.title, "手机号码": response.phone,
                      "提交时间": _value(response.submitted_at), "回答": answers})
    return found


def collect(user):
    """(data, files): the JSON-ready dictionary, and [(name in the archive, document)] of their uploads."""
    phone = _profile_phone(user)
    letter_items, letter_files = letters(user)
    case_items, case_files, ratings = service_cases(user)
    data = {
        "说明": "本文件是政务平台保存的与您账号关联的全部个人信息，由您本人下载。",
        "导出时间": _value(timezone.now()),
        "账号": account(user),
        "政府信息公开申请": foi_requests(user),
        "信箱来信": letter_items,
        "政务服务办件": case_items,
        "好差评": ratings,
        "政府信息公开投诉举报": foi_complaints(phone),
        "调查问卷回答": survey_answers(phone),
    }
    return data, letter_files + case_files


def counts(data):
    return [(key, len(value)) for key, value in data.items() if isinstance(value, list)]

