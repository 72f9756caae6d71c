"""Input of the webhook screens. The form cleans; portal/live/webhooks/services.py decides and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.backoffice.forms import BackofficeForm
from portal.live.webhooks.models import EventFilter
from portal.live.webhooks.services import SECRET_MIN_LENGTH


class WebhookForm(BackofficeForm):
    name = forms.CharField(label=_("名称"), max_length=100, help_text=_("如：浦口发布"))
    url = forms.URLField(
        label=_("接收地址"),
        max_length=500,
        assume_scheme="https",
        help_text=_("接收推送的网址，须以 https:// 或 http:// 开头。"),
        error_messages={"invalid": _("请输入有效的网址，如 https://example.gov.cn/hooks/live。")},
    )
    secret = forms.CharField(
        label=_("密钥"),
        required=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )
    event_filter = forms.ChoiceField(label=_("推送内容"), choices=EventFilter.choices, initial=EventFilter.ALL)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["secret"].help_text = _(
                "密钥保存后不再显示。留空则保持原密钥；填写则替换（至少%(n)s个字符）。"
            ) % {"n": SECRET_MIN_LENGTH}
        else:
            self.fields["secret"].help_text = _(
                "用于签名（HMAC-SHA256），接收方用它验证推送。留空则自动生成，只在保存后显示一次。"
            )
