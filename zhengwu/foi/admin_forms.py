"""The handler's forms in the admin, one per action in foi.actions: Chinese labels and messages, choices
fitted to the request at hand. They only check what a form can; the action decides (ActionRefused)."""

import json

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.forms.fields import InvalidJSONInput
from django.utils import timezone

from zhengwu.cases.forms import ActionForm, choice, day, line, text, workdays  # noqa: F401  (the step forms' fields)
from zhengwu.foi.actions.common import HANDLING_ROLES
from zhengwu.foi.fees import FeeSchedule, current_schedule
from zhengwu.foi.forms import RequestForm
from zhengwu.foi.models import Channel, Complaint, Consultation, FeeNotice, FeeScheduleVersion, Remedy, Reply
from zhengwu.foi.outcomes import outcome_groups
from zhengwu.orgs.models import Agency, Role


def agency_handlers(agency):
    """Users holding foi_handler in the agency or an agency above it (their scope reaches it)."""
    owners = [*agency.get_ancestors(), agency]
    return get_user_model().objects.filter(is_active=True, staff_roles__role=Role.FOI_HANDLER,
                                           staff_roles__agency__in=owners).distinct().order_by("username")


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        full = user.get_full_name()
        return f"{full}（{user.username}）" if full else user.username


class AssignForm(ActionForm):
    assignee = HandlerChoiceField(label="经办人", queryset=get_user_model().objects.none(), empty_label="请选择",
                                  error_messages={"required": "请选择经办人。",
                                                  "invalid_choice": "只能分派给该机关的依申请公开经办人。"})

    def setup(self):
        self.fields["assignee"].queryset = agency_handlers(self.case.request.agency)
        if self.case.request.assignee_id and not self.is_bound:
            self.initial["assignee"] = self.case.request.assignee_id


class NoteForm(ActionForm):
    text = text("备注内容", "请填写备注内容。", help_text="仅工作人员可见，不向申请人显示。")


class AttachForm(ActionForm):
    file = forms.FileField(label="文件", error_messages={"required": "请选择要上传的文件。",
                                                         "empty": "上传的文件是空的。"},
                           help_text="PDF、DOCX、XLSX、OFD 等；答复送达前不公开。")
    title = line("文件标题", help_text="留空则用文件名。", max_length=255)


def delivery():
    return forms.ChoiceField(
        label="送达方式", required=False, initial="electronic", widget=forms.RadioSelect,
        choices=[("electronic", "电子送达（短信、电子邮件或平台，发出当日送达）"),
                 ("post", "邮寄送达（期限自对方收到之日起计算，收到后登记送达日期）")])


class DeliveryForm(ActionForm):
    on = day("送达日期", "请填写对方收到通知的日期。", help_text="以邮件签收日期为准。")


class CorrectionForm(ActionForm):
    items = text("需要补正的事项", "请一次性列明需要补正的全部内容。", rows=4,
                 help_text="条例第三十条：补正只能告知一次，须一次性列明全部事项。")
    workdays = workdays("补正期限（工作日）", 15, 1, 60, "申请人自收到补正通知之日起的合理期限，一般为 15 个工作日。")
    delivery = delivery()

    def setup(self):
        self.fields["workdays"].initial = int(getattr(settings, "FOI_CORRECTION_WORKDAYS", 15))


class ReceiveCorrectionForm(ActionForm):
    supplied = text("补正内容", "请填写申请人补正的内容。")
    on = day("收到补正日期")


class ConsultForm(ActionForm):
    party_kind = choice("征求对象类型", Consultation.PartyKind.choices, "请选择征求意见的对象类型。")
    party_name = line("征求对象", "请填写征求意见的对象。", help_text="第三方的名称或其他行政机关的全称；不向申请人显示。")
    question = text("征求意见的内容", "请填写征求意见的内容。")
    delivery = delivery()


class CloseConsultationForm(ActionForm):
    opinion = choice("对方意见", Consultation.Opinion.choices, "请选择对方意见。",
                     help_text="“逾期未答复”只能在对方答复期限届满后选择。")
    reply = text("答复内容", help_text="对方的书面意见摘要。")
    on = day("结束日期")


class ExtensionForm(ActionForm):
    workdays = workdays("延长工作日数", 20, 1, 20, "条例第三十三条：延长期限最长不超过 20 个工作日，只能延长一次。")
    reason = text("延期理由", "请写明需要延期的理由。")

    def setup(self):
        limit = int(getattr(settings, "FOI_EXTENSION_MAX_WORKDAYS", 20))
        self.fields["workdays"] = workdays("延长工作日数", limit, 1, limit,
                                           f"条例第三十三条：延长期限最长不超过 {limit} 个工作日，只能延长一次。")


class DecisionForm(ActionForm):
    """A yes/no decision given by which submit button is pressed (`buttons`), with an optional note."""

    decisions = []  # [(value, button label)]: the first is the yes, rendered as the primary button
    decision = forms.ChoiceField(label="决定", choices=[], required=False, widget=forms.HiddenInput)
    note = text("意见")

    def setup(self):
        self.fields["decision"].choices = self.decisions
        self.fields["decision"].error_messages["invalid_choice"] = "请点击按钮作出决定。"

    def clean(self):
        data = super().clean()
        if not data.get("decision") and "decision" not in self.errors:
            raise forms.ValidationError("请点击按钮作出决定。")
        return data

    def buttons(self):
        """(name, value, label, secondary) of each submit button."""
        return [(self["decision"].html_name, value, label, index > 0)
                for index, (value, label) in enumerate(self.decisions)]


class DecideExtensionForm(DecisionForm):
    decisions = [("approve", "同意延期"), ("refuse", "不同意延期")]
    note = text("批准意见")


class ReviewForm(DecisionForm):
    decisions = [("approve", "审签通过"), ("return", "退回修改")]
    note = text("审签意见", help_text="退回修改时必填。")


class FeeForm(ActionForm):
    method = choice("计收方式", FeeNotice.Method.choices, "请选择计收方式：按件计收或按量计收。")
    pages = forms.IntegerField(label="页数", required=False, min_value=1, max_value=100000, help_text="按量计收时必填。",
                               error_messages={"invalid": "页数应为正整数。", "min_value": "页数应为正整数。"})
    amount = forms.DecimalField(label="收费金额（元）", required=False, min_value=0, max_digits=10, decimal_places=2,
                                help_text="留空按标准收取；减免时填写减免后的金额，不得高于按标准应收金额。",
                                error_messages={"invalid": "请填写有效的金额。", "min_value": "金额不能为负数。",
                                                "max_decimal_places": "金额最多保留两位小数。"})
    reduction_reason = line("减免理由", help_text="减免收费时必填。")
    delivery = delivery()

    def clean(self):
        data = super().clean()
        if data.get("method") == FeeNotice.Method.BY_VOLUME and not data.get("pages"):
            self.add_error("pages", "按量计收须填写页数。")
        return data


class PaymentForm(ActionForm):
    reference = line("缴款凭证号", max_length=100)
    on = day("缴费日期")


def outcome_field_choices():
    """Two levels, as the annual report's table 三: 予以公开 and 部分公开 alone, then each group's reasons."""
    choices = [("", "请选择办理结果")]
    for group, members in outcome_groups():
        if len(members) == 1 and members[0].title == group:
            choices.append((members[0].key, group))
        else:
            choices.append((group, [(outcome.key, outcome.title) for outcome in members]))
    return choices


def reply_field(name, rows=3, help_text=""):
    field = Reply._meta.get_field(name)
    if rows:
        return text(field.verbose_name, rows=rows, help_text=help_text or field.help_text)
    return line(field.verbose_name, help_text=help_text or field.help_text, max_length=field.max_length)


class ReplyForm(ActionForm):
    outcome = forms.ChoiceField(label="办理结果", choices=outcome_field_choices,
                                help_text="年度报告表三的一行：先看类别，再选具体情形。",
                                error_messages={"required": "请选择一项办理结果。",
                                                "invalid_choice": "请选择一项办理结果。"})
    reasons = reply_field("reasons", help_text="不予公开、无法提供、不予处理等决定的事实与理由。")
    how_to_obtain = reply_field("how_to_obtain", help_text="予以公开、部分公开时，写明获取信息的方式和时间。")
    withheld = reply_field("withheld")
    withheld_reason = reply_field("withheld_reason", help_text="部分公开时必填。")
    right_agency = reply_field("right_agency", rows=0, help_text="信息不存在但知道由哪个机关负责时填写。")

    def setup(self):
        reply = self.case.reply
        if reply is not None and not self.is_bound:
            for name in self.fields:
                self.initial[name] = getattr(reply, name)


class SendForm(ActionForm):
    detail = line("送达说明", help_text="如邮件挂号号码、领取人；邮寄送达时必填。")
    on = day("送达日期")

    def setup(self):
        request = self.case.request
        self.fields["detail"].help_text = f"申请人选择的获取方式：{request.get_delivery_way_display()}。" \
                                          + self.fields["detail"].help_text


class RemedyForm(ActionForm):
    kind = choice("类型", Remedy.Kind.choices, "请选择类型：行政复议、未经复议直接起诉或复议后起诉。")
    filed_on = day("申请（起诉）日期", "请填写申请（起诉）日期。", help_text="")
    body = line("复议机关或法院", "请填写复议机关或人民法院。")
    case_number = line("案号", max_length=100)
    note = text("说明", rows=2)


class ConcludeRemedyForm(ActionForm):
    result = choice("结果", Remedy.Result.choices, "请选择结果。")
    concluded_on = day("审结日期", help_text="留空为今天；尚未审结时不填。")
    note = text("说明", rows=2)

    def setup(self):
        if not self.is_bound:
            self.initial["result"] = self.item.result
            self.initial["concluded_on"] = self.item.concluded_on


class ComplaintAnswerForm(forms.Form):
    finding = choice("核查结论", Complaint._meta.get_field("finding").choices, "请选择核查结论：属实、部分属实或不属实。")
    answer = text("答复内容", "请填写答复内容。", rows=6)


# 登记申请（条例第三十一条）----------------------------------------------------------------------

OFFLINE_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.ONLINE]


class RegisterForm(RequestForm):
    """The application form as staff register a request received on paper, by letter, fax or in person."""

    agency = forms.ModelChoiceField(label="受理机关", queryset=Agency.objects.none(), empty_label="请选择",
                                    error_messages={"required": "请选择受理机关。",
                                                    "invalid_choice": "只能为您有权办理的机关登记申请。"})
    channel = forms.ChoiceField(label="申请渠道", choices=[("", "请选择"), *OFFLINE_CHANNELS],
                                error_messages={"required": "请选择申请渠道。", "invalid_choice": "请选择申请渠道。"})
    signed_on = day("签收日期", help_text="邮寄（需签收）的申请：本机关签收之日即收到申请之日。")
    confirmed_on = day("确认日期", help_text="平常信函：与申请人确认之日；传真：双方确认之日（留空为今天）。")

    field_order = ["channel", "signed_on", "confirmed_on", "agency"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.in_scope(user, HANDLING_ROLES)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].help_text = ""
        only = list(agencies[:2])
        if len(only) == 1:
            self.initial.setdefault("agency", only[0].pk)

    def clean_agency(self):
        return self.cleaned_data["agency"]

    def clean(self):
        data = super().clean()
        channel = data.get("channel")
        if channel == Channel.POST and not data.get("signed_on"):
            self.add_error("signed_on", "邮寄的申请须填写签收日期。")
        if channel == Channel.PLAIN_LETTER and not data.get("confirmed_on"):
            self.add_error("confirmed_on", "平常信函须填写与申请人确认的日期。")
        for name in ("signed_on", "confirmed_on"):
            if data.get(name) and data[name] > timezone.localdate():
                self.add_error(name, "日期不能晚于今天。")
        return data

    def request_fields(self):
        """What submit_request files: the application itself, without how it arrived."""
        return {name: self.cleaned_data[name] for name in RequestForm.Meta.fields}


# 信息处理费标准 -----------------------------------------------------------------------------------

class ReadableJSONField(forms.JSONField):
    """JSON shown indented and with Chinese as written, so the schedule can be edited by hand."""

    def prepare_value(self, value):
        if isinstance(value, InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, indent=2, cls=self.encoder)


class FeeScheduleVersionForm(forms.ModelForm):
    """A new version starts from the schedule in force; it applies from its 施行日期."""

    data = ReadableJSONField(label="收费标准", widget=forms.Textarea({"rows": 24}),
                             help_text=FeeScheduleVersion._meta.get_field("data").help_text,
                             error_messages={"required": "请填写收费标准。", "invalid": "收费标准须为有效的 JSON。"})

    class Meta:
        model = FeeScheduleVersion
        fields = ["effective_from", "basis", "data"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.is_bound:
            schedule = current_schedule()
            self.initial.setdefault("data", schedule.data)

    def clean_data(self):
        data = self.cleaned_data["data"]
        try:
            schedule = FeeSchedule(data)
            for n in (1, 11, 31, 1000):  # every band must be reachable: the open-ended last one too
                schedule.fee_for_nth_request(n)
            for pages in (1, 31, 1000):
                schedule.fee_by_volume(pages)
        except (KeyError, TypeError, ValueError, ArithmeticError) as error:
            raise forms.ValidationError(f"收费标准格式不正确（{error}），请对照 foi_fee_schedule_2020.json。") from None
        return data
