from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    """The six digits of an authenticator app, checked against one TOTP device (with its own throttling)."""

    token = forms.CharField(
        label=_("动态验证码"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(_("验证码错误次数过多，请稍后再试。"))
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(_("验证码不正确或已过期，请输入验证器当前显示的6位数字。"))
        return token
