"""Input of the summary and rectification screens. Forms validate shapes; portal.followups.services decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.backoffice.forms import BackofficeForm
from portal.followups.enums import RectificationStatus
from portal.followups.services.rectification import NOTE_MAX, WHAT_MAX
from portal.followups.services.summary import POINT_MAX


def date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def question_choices(questions) -> list:
    """Checkbox choices of published questions, similar ones together (Django renders the groups as lists)."""
    groups: dict[object, list] = {}
    for question in questions:
        label = f"{question.formatted_receipt_code}　{question.public_text[:80]}"
        groups.setdefault(question.group_id or ("alone", question.pk), []).append((question.pk, label))
    choices = []
    for members in groups.values():
        if len(members) == 1:
            choices.append(members[0])
        else:
            choices.append((_("同类问题（%(n)s个）") % {"n": len(members)}, members))
    return choices


class CitingForm(BackofficeForm):
    questions = forms.TypedMultipleChoiceField(
        label=_("依据的网友提问"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一个网友提问作为依据。")},
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].choices = question_choices(questions)


class SummaryForm(BackofficeForm):
    body = forms.CharField(
        label=_("总结正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("可使用 HTML 段落、加粗、列表、小标题（h3、h4）和链接；保存时其他格式和脚本会被去除。"),
    )


class ReturnForm(BackofficeForm):
    note = forms.CharField(label=_("修改意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class PointForm(CitingForm):
    text = forms.CharField(label=_("意见建议"), max_length=POINT_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    field_order = ["text", "questions"]


class ItemForm(CitingForm):
    what = forms.CharField(label=_("整改内容"), max_length=WHAT_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    owner_unit = forms.TypedChoiceField(label=_("责任单位"), coerce=int)
    due_date = forms.DateField(label=_("完成时限"), widget=date_widget())
    field_order = ["what", "owner_unit", "due_date", "questions"]

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].choices = [(unit.pk, unit.name) for unit in units]
        self.fields["questions"].label = _("回应的网友提问")


class StatusForm(BackofficeForm):
    status = forms.ChoiceField(label=_("新状态"))
    note = forms.CharField(
        label=_("进展说明"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("将作为今天的进展情况公开；撤销时必填，说明原因。"),
    )

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, RectificationStatus(s).label) for s in statuses]


class NoteForm(BackofficeForm):
    date = forms.DateField(label=_("日期"), widget=date_widget())
    text = forms.CharField(label=_("进展情况"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3}))
