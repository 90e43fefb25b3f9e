"""Public JSON API of the service catalog (事项目录与办事指南): the paged catalog with full guides, and one
matter by its code. Only active matters are public; filters are those of the catalog page (catalog_views)."""

import datetime
from decimal import Decimal

from django.core.paginator import Paginator
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from zhengwu.services.catalog.views import (
    AUDIENCE_MATCH,
    apply_url,
    filter_matters,
    public_matters,
    steps,
    with_guide,
)
from zhengwu.services.models import Matter, MatterType

router = Router(tags=["政务服务事项"])

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


class DocumentOut(Schema):
    title: str
    url: str


class MaterialOut(Schema):
    name: str
    form: str
    form_label: str
    copies: int
    required: bool
    source: str
    blank_form: DocumentOut | None
    sample: DocumentOut | None
    note: str
    exemption: str = Field("", description="免于提交的情形（如：可通过电子营业执照共享获取）；非空时网上申请无需上传")


class SpecialProcedureOut(Schema):
    name: str
    workdays: int
    basis: str
    charged: bool
    counts_toward_limit: bool


class TopicOut(Schema):
    kind: str
    slug: str
    name: str


class FormFieldOut(Schema):
    name: str
    label: str
    required: bool = False
    help: str = ""


class MatterOut(Schema):
    code: str
    name: str
    matter_type: str
    matter_type_label: str
    agency_id: int
    agency: str
    audience: str
    audience_label: str
    topics: list[TopicOut]
    legal_basis: str
    conditions: str
    process: list[str]
    case_kind: str
    case_kind_label: str
    statutory_workdays: int
    promised_workdays: int
    acceptance_workdays: int
    issuance_workdays: int
    charged: bool
    fee_standard: str
    fee_basis: str
    fee_limit: Decimal
    place: str
    hours: str
    visits: int
    online_depth: int
    online_depth_label: str
    applies_online: bool
    apply_url: str | None
    consult_channel: str
    complaint_channel: str
    result_name: str
    faq: str
    form_fields: list[FormFieldOut]
    materials: list[MaterialOut]
    special_procedures: list[SpecialProcedureOut]
    url: str
    updated_at: datetime.datetime


class MatterPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[MatterOut]


def _document(request, document):
    if document is None:
        return None
    return {"title": document.title, "url": request.build_absolute_uri(document.url)}


def matter_json(request, matter):
    return {
        "code": matter.code, "name": matter.name,
        "matter_type": matter.matter_type, "matter_type_label": matter.get_matter_type_display(),
        "agency_id": matter.agency_id, "agency": matter.agency.name,
        "audience": matter.audience, "audience_label": matter.get_audience_display(),
        "topics": [{"kind": t.kind, "slug": t.slug, "name": t.name} for t in matter.topics.all()],
        "legal_basis": matter.legal_basis, "conditions": matter.conditions, "process": steps(matter),
        "case_kind": matter.case_kind, "case_kind_label": matter.get_case_kind_display(),
        "statutory_workdays": matter.statutory_workdays, "promised_workdays": matter.promised_workdays,
        "acceptance_workdays": matter.acceptance_workdays, "issuance_workdays": matter.issuance_workdays,
        "charged": matter.charged, "fee_standard": matter.fee_standard, "fee_basis": matter.fee_basis,
        "fee_limit": matter.fee_limit,
        "place": matter.place, "hours": matter.hours, "visits": matter.visits,
        "online_depth": matter.online_depth, "online_depth_label": matter.get_online_depth_display(),
        "applies_online": matter.applies_online,
        "apply_url": request.build_absolute_uri(apply_url(matter)) if matter.applies_online else None,
        "consult_channel": matter.consult_channel, "complaint_channel": matter.complaint_channel,
        "result_name": matter.result_name, "faq": matter.faq,
        # Fields an editor typed as JSON: pass on only well-formed ones.
        "form_fields": [f for f in matter.form_fields or [] if isinstance(f, dict) and f.get("name")
                        and f.get("label")],
        "materials": [{
            "name": m.name, "form": m.form, "form_label": m.get_form_display(), "copies": m.copies,
            "required": m.required, "source": m.source, "blank_form": _document(request, m.blank_form),
            "sample": _document(request, m.sample), "note": m.note, "exemption": m.exemption,
        } for m in matter.materials.all()],
        "special_procedures": [{
            "name": p.name, "workdays": p.workdays, "basis": p.basis, "charged": p.charged,
            "counts_toward_limit": p.counts_toward_limit,
        } for p in matter.special_procedures.all()],
        "url": request.build_absolute_uri(reverse("services-matter", args=[matter.code])),
        "updated_at": matter.updated_at,
    }


@router.get("/matters", response=MatterPage, summary="政务服务事项目录（含完整办事指南）",
            description="只列在用事项。agency：实施主体 ID（仅该机构）；region：机构 ID（含其全部下级机构）；"
                        "type：事项类型代码（XK、QR、JF、JL、CJ、QT、GG、BA）；topic：主题或人生事件的英文标识；"
                        "audience：person（含面向自然人和法人的事项）、company（同上）、both；q：事项名称关键词；"
                        "page 从 1 开始；page_size 默认 20，最大 100。")
def matters(request, agency: int = None, region: int = None, type: str = None, topic: str = None,
            audience: str = None, q: str = None, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE):
    if type and type not in MatterType.values:
        raise HttpError(400, f"事项类型“{type}”不存在，可选：{'、'.join(MatterType.values)}。")
    if audience and audience not in AUDIENCE_MATCH:
        raise HttpError(400, "服务对象只能是 person、company 或 both。")
    if page < 1:
        raise HttpError(400, "页码须为正整数。")
    if page_size < 1:
        raise HttpError(400, "每页条数须为正整数。")
    page_size = min(page_size, MAX_PAGE_SIZE)
    found = filter_matters(public_matters(), agency=agency, region=region, matter_type=type or None,
                           topic=(topic or "").strip() or None, audience=audience or None, q=q)
    paginator = Paginator(with_guide(found), page_size)
    # A page past the end is empty rather than an error, so a client can simply stop when results run out.
    results = paginator.page(page).object_list if page <= paginator.num_pages else []
    return {"count": paginator.count, "page": page, "page_size": page_size,
            "results": [matter_json(request, matter) for matter in results]}


@router.get("/matters/{code}", response=MatterOut, summary="按事项编码查看办事指南")
def matter(request, code: str):
    found = with_guide(Matter.objects.filter(is_active=True, code=code)).first()
    if found is None:
        raise HttpError(404, "未找到该事项。")
    return matter_json(request, found)
