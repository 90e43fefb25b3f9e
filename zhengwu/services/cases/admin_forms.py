"""The staff forms of service cases (办件) in the admin, one per action in services.actions, plus the counter
registration (登记窗口申请). Chinese labels and messages; they check only what a form can, the action decides
(ActionRefused). The field helpers and the per-case form base are the 依申请公开 admin's (one of each)."""

from django import forms
from django.contrib.auth import get_user_model

from zhengwu.cases.forms import (
    ActionForm,
    RevealForm,  # noqa: F401  (the services pages' reveal step)
    choice,
    day,
    line,
    text,
)
from zhengwu.orgs.models import Agency
from zhengwu.services.actions import SERVICE_ROLES, staff_of
from zhengwu.services.cases.forms import ApplicationForm
from zhengwu.services.models import Decision, Matter, SpecialProcedure

# -- one form per action ----------------------------------------------------------------------------------


class RouteForm(ActionForm):
    note = line("分送说明", help_text="选填，如：材料已初审，请部门审查。", max_length=300)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        full = user.get_full_name()
        return f"{full}（{user.username}）" if full else user.username


class AssignForm(ActionForm):
    assignee = StaffChoiceField(label="经办人", queryset=get_user_model().objects.none(), empty_label="请选择",
                                error_messages={"required": "请选择经办人。",
                                                "invalid_choice": "只能分派给办理部门的办件工作人员。"})

    def setup(self):
        self.fields["assignee"].queryset = staff_of(self.case)
        self.fields["assignee"].help_text = f"{self.case.agency.name}的窗口工作人员和单位管理员。"
        if self.case.assignee_id and not self.is_bound:
            self.initial["assignee"] = self.case.assignee_id


class CorrectionForm(ActionForm):
    warning = ""
    items = text("需要补正的全部材料", "请逐项列明需要补正的全部材料。", rows=5,
                 help_text="一次性告知：把缺少或不符合要求的材料全部列出，每行一项。受理时限暂停，收到补正材料后重新计算。")
    on = day("告知日期")

    def setup(self):
        count = self.case.corrections
        if count:
            self.warning = (f"本件已告知补正 {count} 次。补正应当一次性告知，再次告知将被电子监察记为"
                            f"“二次补正”违规（第 {count + 1} 次告知）。")


class ReceiveCorrectionForm(ActionForm):
    supplied = text("补正材料", rows=3, help_text="选填：收到了哪些材料。受理时限自收到之日起重新计算。")
    on = day("收到日期")


class AcceptForm(ActionForm):
    on = day("受理日期")

    def setup(self):
        matter = self.case.matter
        self.fields["on"].help_text = (f"留空为今天。受理后开始计算办结时限：承诺 {matter.promised_workdays} 个工作日"
                                       f"（法定 {matter.statutory_workdays} 个工作日）。")


class RefuseForm(ActionForm):
    reason = text("不予受理理由", rows=4, help_text=(
        "应当说明理由，并告知申请人享有依法申请行政复议或者提起行政诉讼的权利（行政许可法第三十二条、第三十八条）。"
        "不说明理由的，电子监察将记为“不予受理无理由”违规。"))
    on = day("决定日期")


class StartSpecialForm(ActionForm):
    procedure = forms.ModelChoiceField(label="特别程序", queryset=SpecialProcedure.objects.none(), required=False,
                                       empty_label="其他（在下面填写名称）", widget=forms.RadioSelect,
                                       error_messages={"invalid_choice": "请选择本事项办事指南中的特别程序。"})
    name = line("其他特别程序名称", help_text="办事指南未列出的程序（如听证、检验、检测、鉴定、专家评审）才在这里填写；"
                                     "自行填写的程序不计入办结时限，办结时限暂停。", max_length=100)
    on = day("开始日期")

    def setup(self):
        procedures = self.case.matter.special_procedures.all()
        self.fields["procedure"].queryset = procedures
        self.fields["procedure"].label_from_instance = lambda p: (
            f"{p.name}（{p.workdays} 个工作日，{'计入' if p.counts_toward_limit else '不计入'}办结时限）")
        if not procedures.exists():
            del self.fields["procedure"]

    def clean(self):
        data = super().clean()
        procedure, name = data.get("procedure"), (data.get("name") or "").strip()
        if procedure is not None and name:
            self.add_error("name", "已选择办事指南中的特别程序，请不要再填写名称。")
        elif procedure is None and not name and "procedure" not in self.errors:
            self.add_error("name" if "procedure" not in self.fields else None, "请选择或填写特别程序。")
        return data


class EndSpecialForm(ActionForm):
    result = text("结果", rows=3, help_text="如：现场核查合格；专家评审意见为同意。")
    on = day("结束日期")


class DecideForm(ActionForm):
    decision = choice("决定", Decision.choices, "请选择准予或不予准予。")
    reason = text("理由", rows=4, help_text="准予的可不填；不予准予的必填，并告知申请人享有依法申请行政复议或者提起行政诉讼的权利。")
    on = day("决定日期")

    def setup(self):
        issuance = self.case.matter.issuance_workdays
        self.fields["on"].help_text = f"留空为今天。作出决定后办结时限停止，开始计算送达时限（{issuance} 个工作日）。"

    def clean(self):
        data = super().clean()
        if data.get("decision") == Decision.DENIED and not (data.get("reason") or "").strip():
            self.add_error("reason", "不予准予的，应当说明理由（行政许可法第三十八条）。")
        return data


class FeeForm(ActionForm):
    amount = forms.DecimalField(label="实收费用（元）", min_value=0, max_digits=10, decimal_places=2,
                                error_messages={"required": "请填写实收金额（元），不收费的填 0。",
                                                "invalid": "请填写正确的金额（元）。", "min_value": "金额不能为负数。",
                                                "max_digits": "金额过大，请核对。",
                                                "max_decimal_places": "金额最多保留两位小数。"})
    on = day("收费日期")

    def setup(self):
        matter = self.case.matter
        if matter.charged:
            self.fields["amount"].help_text = (f"办事指南收费上限 {matter.fee_limit} 元（收费标准：{matter.fee_standard or '见办事指南'}）。"
                                               "高于上限的，电子监察将记为“超范围收费”违规。")
        else:
            self.fields["amount"].help_text = "办事指南载明本事项不收费：登记任何费用都将被电子监察记为“超范围收费”违规。"
        if not self.is_bound and self.case.fee_charged:
            self.initial["amount"] = self.case.fee_charged


class CompleteForm(ActionForm):
    result_text = line("办理结果", "请填写办理结果（如：食品经营许可证已送达）。", max_length=300,
                       help_text="将以短信告知申请人，并邀请其评价。")
    on = day("送达日期")

    def setup(self):
        if not self.is_bound and self.case.matter.result_name:
            self.initial["result_text"] = f"{self.case.matter.result_name}已送达"


class WithdrawForm(ActionForm):
    reason = text("撤回原因", rows=3, help_text="选填。申请人在窗口提出撤回时登记；网上撤回由申请人自己操作。")
    on = day("撤回日期")


class NoteForm(ActionForm):
    text = text("备注内容", "请填写备注内容。", help_text="仅工作人员可见，不向申请人显示。")


# -- 登记窗口申请 ------------------------------------------------------------------------------------------


def counter_matters(user):
    """The matters a window clerk may register: active ones of the departments in or under their agencies."""
    return (Matter.objects.filter(is_active=True, agency__in=Agency.objects.in_scope(user, SERVICE_ROLES).values("pk"))
            .select_related("agency").order_by("agency__path", "code"))


class MatterPickForm(forms.Form):
    """Step one of the registration: which matter (grouped by department)."""

    matter = forms.TypedChoiceField(label="申请事项", coerce=int,
                                    error_messages={"required": "请选择申请事项。",
                                                    "invalid_choice": "只能登记本窗口受理范围内的在用事项。"})

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        groups = {}
        for matter in counter_matters(user):
            groups.setdefault(matter.agency.name, []).append((matter.pk, f"{matter.name}（{matter.code}）"))
        self.fields["matter"].choices = [("", "请选择"), *groups.items()]
        self.fields["matter"].help_text = "按办理部门分组：本窗口所在政府及其部门、下级的在用事项。"


class CounterApplicationForm(ApplicationForm):
    """The hall's application form as the window clerk fills it in for an applicant at the counter: the same
    fields and checks, materials scanned as far as they are at hand (missing ones: 一次性告知补正)."""

    def __init__(self, matter, *args, **kwargs):
        super().__init__(matter, *args, **kwargs)
        self.fields["consent"].label = "申请人已在申请表上签字，承诺所填信息和所交材料真实、有效。"
        self.fields["consent"].error_messages["required"] = "请确认申请人已签字承诺。"
        self.fields["phone"].help_text = "申请人的手机号码：办件编号、查询码和办理进度以短信发送。"
        for name in self.material_field_names:
            field = self.fields[name]
            field.required = False
            field.help_text = "上传核验后的扫描件（原件当场核验、退还）。" + field.help_text
