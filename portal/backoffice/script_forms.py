"""Input of the script screens. Forms validate shapes; portal.scripts.services decides and writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.backoffice.forms import BackofficeForm
from portal.backoffice.question_forms import DOCX_TYPES
from portal.scripts.services.editing import ANSWER_MAX, PART_MAX, QUESTION_MAX
from portal.scripts.services.review import COMMENT_MAX, NOTE_MAX

LIVE_COUNT = "script-live-count"


def _live(attrs: dict, url: str) -> dict:
    """htmx asks the server for the whole script's 字数 as the unit types (the server counts, as Word does)."""
    if url:
        attrs.update(
            {
                "hx-post": url,
                "hx-trigger": "input changed delay:600ms",
                "hx-target": f"#{LIVE_COUNT}",
                "hx-swap": "innerHTML",
            }
        )
    return attrs


class PartForm(BackofficeForm):
    text = forms.CharField(
        label=_("内容"),
        required=False,
        max_length=PART_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("每段一行，以“主持人：”或嘉宾姓名加冒号开头，如“张三：各位网友大家好”；未写明的段落由主持人讲。"),
    )

    def __init__(self, *args, count_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs = _live(self.fields["text"].widget.attrs, count_url)


class ItemForm(BackofficeForm):
    question = forms.CharField(
        label=_("主持人提问"),
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("节目中主持人提出的问题，不含“主持人：”。"),
    )
    guest = forms.ModelChoiceField(label=_("回答嘉宾"), queryset=None, required=False, empty_label=_("（尚未确定）"))
    answer = forms.CharField(
        label=_("嘉宾回答"),
        required=False,
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("可以先留空，提交审核前须填写。"),
    )
    representative = forms.ModelChoiceField(
        label=_("对应的代表性问题"),
        queryset=None,
        required=False,
        empty_label=_("（不对应代表性问题）"),
        help_text=_("选择后，该问答关联代表性问题所对应的网友提问。"),
    )

    def __init__(self, *args, interview, count_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guest"].queryset = interview.guests.all()
        self.fields["representative"].queryset = interview.representative_questions.order_by("order", "pk")
        self.fields["representative"].label_from_instance = lambda rep: f"{rep.order}. {rep.text[:60]}"
        # The answer's label is the guest's name ("嘉宾" when none is chosen), so choosing one changes the count too.
        for name in ("question", "guest", "answer"):
            self.fields[name].widget.attrs = _live(self.fields[name].widget.attrs, count_url)


class ImportForm(BackofficeForm):
    file = forms.FileField(
        label=_("Word 文档（DOCX）"),
        widget=forms.ClearableFileInput(attrs={"accept": DOCX_TYPES}),
        help_text=_("用 Word 或 WPS 编写的访谈稿，另存为 .docx 格式后上传。"),
    )
    confirm = forms.BooleanField(
        label=_("我确认用文档内容替换当前工作稿的开场、全部问答和结束语"),
        required=False,
    )


class SubmitForm(BackofficeForm):
    note = forms.CharField(
        label=_("修改说明"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("可选：向两中心说明本版的修改。"),
    )


DECISIONS = [("approve", _("审核通过")), ("return", _("退回修改"))]


class ReviewForm(BackofficeForm):
    """The decision and the comment on the whole; item_<key> fields hold the comments on single items."""

    decision = forms.ChoiceField(label=_("审核结果"), choices=DECISIONS, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("对全文的意见"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("退回修改时，对全文或对具体问答至少填写一条意见。"),
    )

    def __init__(self, *args, item_keys=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.item_keys = list(item_keys)
        for number, key in enumerate(self.item_keys, start=1):
            self.fields[f"item_{key}"] = forms.CharField(
                label=_("对第%(n)s个问答的意见") % {"n": number},
                required=False,
                max_length=COMMENT_MAX,
                widget=forms.Textarea(attrs={"rows": 2, "form": "review-form"}),
            )

    def item_field(self, key: str):
        return self[f"item_{key}"]

    def item_comments(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"item_{key}", "") for key in self.item_keys}


class CompareForm(forms.Form):
    old = forms.TypedChoiceField(label=_("旧版本"), coerce=int, choices=())
    new = forms.TypedChoiceField(label=_("新版本"), coerce=int, choices=())

    def __init__(self, *args, numbers=(), **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        choices = [(n, _("第%(n)s版") % {"n": n}) for n in numbers]
        self.fields["old"].choices = self.fields["new"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("old") is not None and data.get("old") == data.get("new"):
            raise forms.ValidationError(_("请选择两个不同的版本。"))
        return data
