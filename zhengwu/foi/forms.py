"""The application form: one set of checks (and Chinese messages) for the public page, the staff
registration and the JSON API."""

from django import forms
from django.db.models import Q
from django.utils.html import format_html, format_html_join

from zhengwu.foi.models import ApplicantType, DeliveryWay, IdType, InformationRequest
from zhengwu.orgs.models import Agency
from zhengwu.privacy.validators import validate_phone, validate_resident_id


class AgencyNameInput(forms.TextInput):
    """Free text, with the names of the agencies that answer requests offered as one types: a <datalist>, which
    browsers show without JavaScript and screen readers announce as suggestions."""

    def __init__(self):
        super().__init__({"list": "agency-names", "autocomplete": "off"})

    def render(self, name, value, attrs=None, renderer=None):
        names = (Agency.objects.exclude(kind=Agency.Kind.VILLAGE).order_by("path")
                 .values_list("name", flat=True))
        options = format_html_join("", '<option value="{}">', ((n,) for n in names))
        return format_html('{}<datalist id="agency-names">{}</datalist>',
                           super().render(name, value, attrs, renderer), options)


def find_agency(value):
    """The agency a person means: its full name or credit code, or a part of its name that only one has
    (“财政厅”); otherwise a Chinese error naming the candidates."""
    value = (value or "").strip()
    found = list(Agency.objects.filter(Q(name=value) | Q(credit_code=value.upper()))[:2])
    if not found and len(value) >= 2:
        found = list(Agency.objects.exclude(kind=Agency.Kind.VILLAGE).filter(name__contains=value)
                     .order_by("path")[:6])
    if len(found) == 1:
        return found[0]
    if not found:
        raise forms.ValidationError(f"找不到名称或统一社会信用代码为“{value}”的机关，请从列表中选择或填写机关全称。")
    names = "、".join(agency.name for agency in found[:5])
    raise forms.ValidationError(f"“{value}”对应多个机关（{names}{'等' if len(found) > 5 else ''}），请填写机关全称。")


class RequestForm(forms.ModelForm):
    agency = forms.CharField(label="受理机关", max_length=100, widget=AgencyNameInput(),
                             help_text="输入机关名称可从列表中选择，也可填写机关全称或统一社会信用代码，例如“湖南省财政厅”。")

    class Meta:
        model = InformationRequest
        fields = ["agency", "applicant_type", "name", "id_type", "id_number", "contact_person", "phone", "email",
                  "address", "postcode", "info_title", "info_doc_number", "description", "purpose_note",
                  "delivery_form", "delivery_way"]
        widgets = {"address": forms.Textarea({"rows": 2}), "purpose_note": forms.Textarea({"rows": 3}),
                   "description": forms.Textarea({"rows": 5})}

    def clean_agency(self):
        return find_agency(self.cleaned_data["agency"])

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip().replace(" ", "").replace("-", "")
        validate_phone(phone)
        return phone

    def clean(self):
        data = super().clean()
        id_type, id_number = data.get("id_type"), (data.get("id_number") or "").strip().upper()
        if id_type == IdType.RESIDENT_ID and id_number:
            try:
                validate_resident_id(id_number)
            except forms.ValidationError as error:
                self.add_error("id_number", error)
        applicant_type = data.get("applicant_type")
        if applicant_type and applicant_type != ApplicantType.NATURAL_PERSON and not data.get("contact_person"):
            self.add_error("contact_person", "法人或其他组织申请时须填写联系人。")
        way = data.get("delivery_way")
        if way == DeliveryWay.EMAIL and not data.get("email"):
            self.add_error("email", "选择电子邮件方式获取时须填写电子邮箱。")
        if way == DeliveryWay.POST and not data.get("address"):
            self.add_error("address", "选择邮寄方式获取时须填写通信地址。")
        if not (data.get("info_title") or data.get("info_doc_number") or data.get("description")):
            self.add_error("description", "请写明所需政府信息的名称、文号或便于查询的特征描述。")
        data["id_number"] = id_number
        return data


class ComplaintForm(forms.Form):
    """举报投诉 about disclosure work (条例第五十一条)."""

    agency = forms.CharField(label="被投诉机关", max_length=100, help_text="机关全称或统一社会信用代码。")
    related_number = forms.CharField(label="相关申请编号（选填）", max_length=40, required=False,
                                     help_text="如投诉与某件政府信息公开申请有关，请填写其申请编号。")
    name = forms.CharField(label="投诉人姓名/名称", max_length=100)
    phone = forms.CharField(label="联系电话", max_length=20)
    email = forms.EmailField(label="电子邮箱（选填）", required=False,
                             error_messages={"invalid": "请填写有效的电子邮箱地址。"})
    content = forms.CharField(label="投诉举报内容", widget=forms.Textarea({"rows": 6}), max_length=5000,
                              help_text="请写明被投诉的行为、时间和您的诉求。")

    clean_agency = RequestForm.clean_agency
    clean_phone = RequestForm.clean_phone

    def clean_related_number(self):
        number = self.cleaned_data["related_number"].strip()
        if not number:
            return None
        found = InformationRequest.objects.filter(number=number).first()
        if found is None:
            raise forms.ValidationError(f"没有编号为“{number}”的申请，请核对或留空。")
        return found

    def clean(self):
        data = super().clean()
        related, agency = data.get("related_number"), data.get("agency")
        if related is not None and agency is not None and related.agency_id != agency.pk:
            self.add_error("related_number", "该申请不是向被投诉机关提出的。")
        return data
