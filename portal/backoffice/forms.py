"""Input of the back office's screens. Forms validate and clean; the services decide and write."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.enums import UnitKind
from portal.accounts.models import Unit
from portal.accounts.services import UNIT_CONTACT_FIELDS
from portal.interviews.enums import DateParty, InterviewState, ProposalDecision, StepStatus
from portal.planning.models import Plan
from portal.planning.services import PLAN_FIELDS
from portal.workcalendar.models import CalendarDay

DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
PHOTO_TYPES = "image/jpeg,image/png,image/webp,image/gif"


class BackofficeForm(forms.Form):
    """Templates render it with backoffice/includes/form.html: labelled field groups, errors announced first."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels stand on their own line; no ASCII colon in a Chinese UI
        super().__init__(*args, **kwargs)


class ShanghaiDateTimeField(forms.DateTimeField):
    """What a ``datetime-local`` input sends, read as a wall-clock time in Asia/Shanghai (the portal's zone)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL_FORMAT)
    input_formats = [DATETIME_LOCAL_FORMAT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
    default_error_messages = {"invalid": _("请输入有效的日期和时间，如 2027-05-20 09:30。")}

    def to_python(self, value):
        with timezone.override(timezone.get_default_timezone()):
            return super().to_python(value)

    def prepare_value(self, value):
        with timezone.override(timezone.get_default_timezone()):
            return super().prepare_value(value)


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# Interviews -------------------------------------------------------------------------------------


class InterviewForm(BackofficeForm):
    title = forms.CharField(label=_("访谈主题"), max_length=200)
    outline = forms.CharField(label=_("访谈提纲"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    place = forms.CharField(label=_("录制地点"), max_length=100)


class TransitionForm(BackofficeForm):
    to_state = forms.ChoiceField(choices=InterviewState.choices, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("原因"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RecordingForm(BackofficeForm):
    recording_at = ShanghaiDateTimeField(label=_("录制时间"), help_text=_("北京时间"))
    reason = forms.CharField(
        label=_("调整原因"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("录制日期已确认后再调整，须填写原因。"),
    )


class ProposalForm(BackofficeForm):
    """A date and a time (Beijing time) for the recording, its length, and why (required to move a confirmed R)."""

    date = forms.DateField(
        label=_("录制日期"), widget=_date_input(), error_messages={"invalid": _("请输入有效的日期，如 2027-05-20。")}
    )
    time = forms.TimeField(
        label=_("开始时间"),
        help_text=_("北京时间"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("请输入有效的时间，如 09:30。")},
    )
    minutes = forms.IntegerField(
        label=_("录制时长（分钟）"),
        min_value=15,
        max_value=480,
        error_messages={
            "min_value": _("录制时长至少15分钟。"),
            "max_value": _("录制时长最多480分钟。"),
            "invalid": _("请输入整数分钟数。"),
        },
    )
    reason = forms.CharField(
        label=_("原因或说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("录制日期已经三方确认后再调整，须填写原因。"),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("time"):
            naive = dt.datetime.combine(cleaned["date"], cleaned["time"])
            cleaned["start"] = timezone.make_aware(naive, timezone.get_default_timezone())
        return cleaned


class ProposalAnswerForm(BackofficeForm):
    party = forms.ChoiceField(choices=DateParty.choices, widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=ProposalDecision.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("拒绝原因"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("拒绝须填写原因，以便其他各方另提时间。"),
    )


class HostForm(BackofficeForm):
    host_name = forms.CharField(label=_("主持人"), max_length=50)


class GuestForm(BackofficeForm):
    name = forms.CharField(label=_("姓名"), max_length=50)
    post = forms.CharField(label=_("职务"), max_length=100)
    unit_name = forms.CharField(label=_("单位"), max_length=100)
    photo = forms.FileField(
        label=_("照片"),
        required=False,
        widget=forms.FileInput(attrs={"accept": PHOTO_TYPES}),
        help_text=_("JPEG、PNG、WebP 或 GIF，上传后统一转为 JPEG 并去除拍摄位置等信息。"),
    )


class StepStatusForm(BackofficeForm):
    status = forms.ChoiceField(label=_("状态"), choices=StepStatus.choices)
    note = forms.CharField(label=_("备注"), required=False, max_length=200)


# Units ------------------------------------------------------------------------------------------


class UnitForm(BackofficeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(Unit, fields=UNIT_CONTACT_FIELDS))


# Plans ------------------------------------------------------------------------------------------

PLAN_WIDGETS = {
    "issued_on": _date_input(),
    "printed_on": _date_input(),
    "preamble": forms.Textarea(attrs={"rows": 8}),
    "body": forms.Textarea(attrs={"rows": 12}),
}


class PlanForm(BackofficeForm):
    """The plan's own fields; once the plan is approved, a change also needs a 修订说明."""

    def __init__(self, *args, plan: Plan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields.update(forms.fields_for_model(Plan, fields=PLAN_FIELDS, widgets=PLAN_WIDGETS))
        self.fields["year"].min_value = 2000
        if plan is not None and plan.is_approved:
            self.fields["note"] = forms.CharField(
                label=_("修订说明"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("计划已审定，修改须说明原因；修订记录会公开显示。"),
            )

    def clean_year(self):
        year = self.cleaned_data["year"]
        others = Plan.objects.filter(year=year)
        if self.plan is not None:
            others = others.exclude(pk=self.plan.pk)
        if others.exists():
            raise forms.ValidationError(_("%(year)s年已有访谈计划。") % {"year": year})
        return year


def _responsible_units():
    return Unit.objects.of_kind(UnitKind.RESPONSIBLE).order_by("sort_order", "id")


class PlanRowForm(BackofficeForm):
    seq = forms.IntegerField(label=_("序号"), min_value=1, required=False, help_text=_("留空则排在最后。"))
    month = forms.TypedChoiceField(
        label=_("访谈时间"), coerce=int, choices=[(month, f"{month}月") for month in range(1, 13)]
    )
    topic = forms.CharField(label=_("访谈内容"), max_length=200)
    lead_unit = forms.ModelChoiceField(label=_("第一责任单位（★）"), queryset=_responsible_units())
    co_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"), queryset=_responsible_units(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        if plan.is_approved:
            self.fields["note"] = _note_field()


class PlanRowRemoveForm(BackofficeForm):
    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        if plan.is_approved:
            self.fields["note"] = _note_field()


def _note_field() -> forms.CharField:
    return forms.CharField(
        label=_("修订说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("计划已审定，修改须说明原因。"),
    )


# Working-day calendar ---------------------------------------------------------------------------


class CalendarDayForm(BackofficeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(CalendarDay, fields=["date", "kind", "name"], widgets={"date": _date_input()})
        )
