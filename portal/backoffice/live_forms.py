"""Input of the live console. The forms clean; portal/live/services.py decides and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.backoffice.forms import PHOTO_TYPES, BackofficeForm
from portal.live.enums import Speaker
from portal.live.services import MAX_PHOTOS, TEXT_MAX
from portal.questions.models import Question


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several photos in one input (Django's documented pattern); the service re-encodes each."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": PHOTO_TYPES, "multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class QuestionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.formatted_receipt_code} {obj.nickname}：{obj.public_text[:60]}"


class QuestionChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        answered = "" if obj.answer_status == "unanswered" else f"（{obj.get_answer_status_display()}）"
        return f"{obj.formatted_receipt_code} {obj.nickname}：{obj.public_text[:60]}{answered}"


def published_questions(interview):
    return Question.objects.published().of_interview(interview).order_by("-support_count", "created_at")


class EntryForm(BackofficeForm):
    speaker = forms.ChoiceField(
        label=_("发言人"), choices=Speaker.choices, widget=forms.RadioSelect, initial=Speaker.HOST
    )
    guest = forms.ModelChoiceField(
        label=_("嘉宾"), queryset=None, required=False, empty_label=_("（发言人为嘉宾时选择）")
    )
    question = QuestionChoice(
        label=_("朗读的网友提问"), queryset=None, required=False, empty_label=_("（发言人为网友时选择）")
    )
    text = forms.CharField(
        label=_("内容"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )
    photos = MultiplePhotoField(
        label=_("照片"),
        required=False,
        help_text=_("可多选，最多%(n)s张；上传后自动缩小并去除拍摄信息。") % {"n": MAX_PHOTOS},
    )
    photo_caption = forms.CharField(
        label=_("照片说明"), required=False, max_length=100, help_text=_("供读屏软件朗读，如“访谈现场”。")
    )
    answers = QuestionChoices(
        label=_("本条答复的网友提问"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("发布后，所选问题标记为“访谈中答复”。"),
    )
    is_highlight = forms.BooleanField(label=_("精彩观点"), required=False)

    def __init__(self, *args, interview, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guest"].queryset = interview.guests.all()
        questions = published_questions(interview)
        self.fields["question"].queryset = questions
        self.fields["answers"].queryset = questions


class CorrectionForm(BackofficeForm):
    speaker = forms.ChoiceField(label=_("发言人"), choices=Speaker.choices, widget=forms.RadioSelect)
    guest = forms.ModelChoiceField(
        label=_("嘉宾"), queryset=None, required=False, empty_label=_("（发言人为嘉宾时选择）")
    )
    question = QuestionChoice(
        label=_("朗读的网友提问"), queryset=None, required=False, empty_label=_("（发言人为网友时选择）")
    )
    text = forms.CharField(
        label=_("内容"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5})
    )
    remove_photos = forms.ModelMultipleChoiceField(
        label=_("删除照片"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    photos = MultiplePhotoField(label=_("添加照片"), required=False)
    photo_caption = forms.CharField(label=_("照片说明"), required=False, max_length=100)
    note = forms.CharField(
        label=_("更正说明"),
        required=False,
        max_length=200,
        help_text=_("记入操作日志，不公开；公众页面显示“已更正”及时间。"),
    )

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guest"].queryset = entry.interview.guests.all()
        self.fields["question"].queryset = published_questions(entry.interview)
        self.fields["remove_photos"].queryset = entry.photos.all()
        self.fields["remove_photos"].label_from_instance = lambda photo: (
            photo.caption or photo.image.name.rsplit("/", 1)[-1]
        )


class WithdrawForm(BackofficeForm):
    reason = forms.CharField(label=_("撤回原因"), required=False, max_length=200, help_text=_("记入操作日志，不公开。"))


class LinkQuestionsForm(BackofficeForm):
    answers = QuestionChoices(
        label=_("本条答复的网友提问"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请选择至少一条网友提问。")},
    )

    def __init__(self, *args, entry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answers"].queryset = published_questions(entry.interview).exclude(pk__in=entry.answers.all())


class StreamForm(BackofficeForm):
    stream_url = forms.URLField(
        label=_("视频直播地址"),
        required=False,
        assume_scheme="https",
        help_text=_("可选；留空则直播页不显示视频链接。"),
    )
