"""Input of the 备案 screens. Forms validate shapes; portal.filing decides and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.backoffice.forms import BackofficeForm
from portal.filing.enums import AddendumKind
from portal.questions.models import Question

ADDENDUM_FILE_MAX = 20 * 1024 * 1024


class AddendumForm(BackofficeForm):
    kind = forms.ChoiceField(
        label=_("类型"),
        choices=[(kind.value, kind.label) for kind in (AddendumKind.NOTE, AddendumKind.CORRECTION)],
        widget=forms.RadioSelect,
        initial=AddendumKind.NOTE,
    )
    reason = forms.CharField(
        label=_("原因和内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("说明补充或更正了什么、为什么。已备案的文件不会被改写，补充说明作为新文件加入备案文件包。"),
    )  # fmt: skip
    corrects = forms.ChoiceField(
        label=_("更正的备案文件"), required=False, help_text=_("更正时选择被更正的文件（可选）。")
    )
    file = forms.FileField(
        label=_("附件"), required=False, help_text=_("更正后的文件或说明材料（可选，不超过20 MB）。")
    )

    def __init__(self, *args, files_in_archive: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corrects"].choices = [("", _("（不针对某个文件）")), *((name, name) for name in files_in_archive)]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > ADDENDUM_FILE_MAX:
            raise forms.ValidationError(_("附件不能超过20 MB。"))
        return upload


class RedactionForm(BackofficeForm):
    question = forms.ModelChoiceField(label=_("网友提问"), queryset=Question.objects.none(), empty_label=_("请选择"))
    reference = forms.CharField(
        label=_("申请编号"), max_length=100, help_text=_("网友删除个人信息申请的来信、工单或登记编号。")
    )
    reason = forms.CharField(
        label=_("原因"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("如：网友依据《个人信息保护法》第四十七条申请删除。"),
    )  # fmt: skip

    def __init__(self, *args, interview=None, **kwargs):
        super().__init__(*args, **kwargs)
        if interview is not None:
            self.fields["question"].queryset = Question.objects.filter(interview=interview).order_by("created_at", "pk")
        self.fields["question"].label_from_instance = _question_label


def _question_label(question: Question) -> str:
    return f"{question.formatted_receipt_code} {question.nickname}：{question.public_text[:30]}"
