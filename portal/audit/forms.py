"""The audit log's search form: each field a filter of portal.audit.queries.search_entries."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from portal.audit.actions import ACTION_LABELS
from portal.audit.queries import logged_content_types


def content_type_label(content_type: ContentType) -> str:
    model = content_type.model_class()
    return str(model._meta.verbose_name) if model else f"{content_type.app_label}.{content_type.model}"


class AuditSearchForm(forms.Form):
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    actor = forms.CharField(label=_("操作人"), required=False, max_length=150, help_text=_("姓名或账号的一部分"))
    action = forms.ChoiceField(label=_("操作"), required=False)
    object_type = forms.ChoiceField(label=_("对象类型"), required=False)
    object_id = forms.CharField(label=_("对象编号"), required=False, max_length=64)
    ip_address = forms.GenericIPAddressField(label=_("来源地址"), required=False, unpack_ipv4=True)
    text = forms.CharField(label=_("详情包含"), required=False, max_length=100, help_text=_("在详情和对象名称中查找"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.content_types = {str(ct.pk): ct for ct in logged_content_types()}
        self.fields["action"].choices = [("", _("全部操作")), *((code, label) for code, label in ACTION_LABELS.items())]
        self.fields["object_type"].choices = [
            ("", _("全部类型")),
            *((pk, content_type_label(ct)) for pk, ct in self.content_types.items()),
        ]

    def clean_object_id(self) -> str:
        return self.cleaned_data["object_id"].strip()

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("截止日期不能早于起始日期。"))
        return cleaned

    def filters(self) -> dict:
        """Keyword arguments of search_entries (only from a valid form)."""
        data = self.cleaned_data
        return {
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "actor": data.get("actor", "").strip(),
            "action": data.get("action", ""),
            "content_type": self.content_types.get(data.get("object_type", "")),
            "object_id": data.get("object_id", ""),
            "ip_address": data.get("ip_address") or "",
            "text": data.get("text", "").strip(),
        }

    def described(self) -> dict[str, str]:
        """The filters in use, in words (for the export's heading and its audit entry)."""
        described = {}
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if isinstance(field, forms.ChoiceField):
                value = dict(field.choices).get(value, value)
            described[str(field.label)] = str(value)
        return described
