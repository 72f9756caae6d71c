"""Input of the netizen-question screens. Forms validate shapes; portal.questions.services decides and writes.

Choice lists that a page repeats on every row (rejection reasons in the moderation queue) are passed in
as plain choices, read once per page, so a long queue costs no query per row.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.backoffice.forms import PHOTO_TYPES, BackofficeForm
from portal.questions.enums import AnswerKind
from portal.questions.models import Category, ForwardChannel, RejectionReason

NOTE_MAX = 500
DOCX_TYPES = ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENT_TYPES = ".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _note(label=None, help_text="", rows=2, required=False, max_length=NOTE_MAX) -> forms.CharField:
    return forms.CharField(
        label=label or _("说明"),
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


# Introduction and preview -------------------------------------------------------------------------


class IntroductionForm(BackofficeForm):
    body = forms.CharField(
        label=_("简介正文"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "可使用 HTML 段落、加粗、列表、小标题（h3、h4）和链接；保存时其他格式和脚本会被去除。"
            "嘉宾与录制时间取自访谈信息，无需重复填写。"
        ),
    )
    docx = forms.FileField(
        label=_("Word 文档（.docx）"),
        required=False,
        widget=forms.FileInput(attrs={"accept": DOCX_TYPES}),
        help_text=_("选择 .docx 文件后点“导入文档”，正文将被文档内容替换；检查无误后再保存或提交。"),
    )


class IntroductionImageForm(BackofficeForm):
    image = forms.FileField(
        label=_("图片"),
        widget=forms.FileInput(attrs={"accept": PHOTO_TYPES}),
        help_text=_("JPEG、PNG、WebP 或 GIF，上传后统一重新编码并去除拍摄位置等信息。"),
    )
    alt_text = forms.CharField(label=_("图片说明"), max_length=200, help_text=_("供读屏软件朗读，必填。"))


class MaterialForm(BackofficeForm):
    title = forms.CharField(label=_("标题"), max_length=200, help_text=_("如：政策原文、政策解读、图解。"))
    url = forms.CharField(label=_("链接"), required=False, max_length=500, help_text=_("填写链接或上传文件，二选一。"))
    file = forms.FileField(
        label=_("文件"),
        required=False,
        widget=forms.FileInput(attrs={"accept": DOCUMENT_TYPES}),
        help_text=_("PDF 或 Word（DOCX）。"),
    )


# Moderation ---------------------------------------------------------------------------------------


class RejectForm(BackofficeForm):
    """不予采纳: ``reasons`` are (id, label) pairs of the active reasons, read once for the whole page."""

    reason = forms.TypedChoiceField(
        label=_("不予采纳理由"), coerce=int, error_messages={"required": _("请选择不予采纳理由。")}
    )
    note = _note(_("补充说明（网友可见）"))

    def __init__(self, *args, reasons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("请选择理由")), *reasons]


def reason_choices() -> list[tuple[int, str]]:
    return list(RejectionReason.objects.active().values_list("pk", "label"))


BULK_ACTIONS = [
    ("approve", _("批量审核通过")),
    ("reject", _("批量不予采纳")),
    ("join_groups", _("合并所选问题的分组")),
]


class BulkForm(BackofficeForm):
    action = forms.ChoiceField(label=_("批量操作"), choices=BULK_ACTIONS)
    questions = forms.TypedMultipleChoiceField(
        label=_("所选问题"),
        coerce=int,
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("请先勾选问题。")},
    )
    reason = forms.TypedChoiceField(label=_("不予采纳理由"), coerce=int, required=False, empty_value=None)
    note = _note(_("补充说明（网友可见）"), rows=1)

    def __init__(self, *args, reasons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("批量不予采纳时必选")), *reasons]
        # Any id is accepted here; the view looks them up in the user's own scope.
        self.fields["questions"].choices = [(value, value) for value in self.data.getlist("questions", [])]

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not data.get("reason"):
            self.add_error("reason", _("批量不予采纳时请选择理由。"))
        return data


class TargetForm(BackofficeForm):
    """Another question of the same interview: chosen from a list, or typed as its 查询码."""

    target = forms.TypedChoiceField(label=_("目标问题"), coerce=int, required=False, empty_value=None)
    code = forms.CharField(label=_("或输入目标问题的查询码"), required=False, max_length=20)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", _("请选择")), *candidates]

    def clean(self):
        data = super().clean()
        if not data.get("target") and not (data.get("code") or "").strip():
            raise forms.ValidationError(_("请选择目标问题或输入其查询码。"))
        return data


class MergeForm(TargetForm):
    note = _note(_("给网友的说明"), help_text=_("将随合并通知告知提问的网友。"))


class MoveGroupForm(TargetForm):
    pass


class ForwardForm(BackofficeForm):
    channel = forms.ModelChoiceField(label=_("转办渠道"), queryset=ForwardChannel.objects.active())
    note = _note(_("给网友的说明"), help_text=_("将告知提问的网友，并在查询码页面显示。"), rows=3)


class CategoryForm(BackofficeForm):
    category = forms.ModelChoiceField(label=_("分类"), queryset=Category.objects.active())


class TagsForm(BackofficeForm):
    tags = forms.TypedMultipleChoiceField(
        label=_("话题标签"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    new_tags = forms.MultipleChoiceField(
        label=_("建议的新标签（勾选即新建并使用）"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, tags=(), suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].choices = list(tags)
        self.fields["new_tags"].choices = [(word, word) for word in suggestions]
        if not suggestions:
            del self.fields["new_tags"]


class UnitForm(BackofficeForm):
    unit = forms.ModelChoiceField(label=_("答复单位"), queryset=None)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


# Lists --------------------------------------------------------------------------------------------


class SensitiveWordsForm(BackofficeForm):
    words = forms.CharField(
        label=_("敏感词"), widget=forms.Textarea(attrs={"rows": 8}), help_text=_("每行一个，可一次粘贴成百上千个。")
    )

    def clean_words(self):
        return [line.strip() for line in self.cleaned_data["words"].splitlines() if line.strip()]


class CategoryCsvForm(BackofficeForm):
    csv = forms.FileField(
        label=_("已标注的 CSV 文件"),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=_("UTF-8 编码，首行为表头，须含 title、detail、label_l1 三列；新的分类名称会自动加入分类列表。"),
    )
    replace = forms.BooleanField(label=_("替换此前导入的样本"), required=False)


class TopicTagForm(BackofficeForm):
    name = forms.CharField(label=_("话题标签"), max_length=30)


# Representative questions ---------------------------------------------------------------------------


class RepresentativeForm(BackofficeForm):
    text = forms.CharField(
        label=_("代表性问题"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("访谈中将提出的问题；可归纳多条网友提问。"),
    )
    questions = forms.TypedMultipleChoiceField(
        label=_("对应的网友提问"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].choices = list(questions)


# Answers and 督办 -----------------------------------------------------------------------------------


class AnswerForm(BackofficeForm):
    kind = forms.ChoiceField(label=_("答复方式"), choices=AnswerKind.choices, widget=forms.RadioSelect)
    body = forms.CharField(
        label=_("答复内容或不予答复的理由"),
        required=False,  # the service says which is missing: the answer, or the reason for not answering
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("审核通过后公开发布，并告知提问的网友。请勿填写网友的个人信息。"),
    )


class CheckForm(BackofficeForm):
    note = _note(_("审核意见"), help_text=_("退回时必填，将发给答复单位。"))


class SupervisionForm(BackofficeForm):
    questions = forms.TypedMultipleChoiceField(label=_("督办的问题"), coerce=int, widget=forms.CheckboxSelectMultiple)
    message = _note(_("督办内容"), rows=3, required=True, max_length=1000)

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].choices = list(questions)


class AcknowledgeForm(BackofficeForm):
    note = _note(_("签收说明"), help_text=_("说明答复安排，将告知区政府办。"), max_length=1000)
