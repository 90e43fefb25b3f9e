import re

from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="动态验证码", max_length=12, help_text="打开手机上的身份验证器，输入本平台账号当前显示的 6 位数字。",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True,
                                      "pattern": r"[0-9 ]*"}),
        error_messages={"required": "请输入 6 位动态验证码。"})

    def clean_code(self):
        code = re.sub(r"\s+", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("动态验证码是 6 位数字。")
        return code
