"""The editable lists of 数字治理中心: sensitive words, rejection reasons, 转办 channels and categories
(with the category suggester's training and its bootstrap from a labelled CSV)."""

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.forms import BackofficeForm
from portal.backoffice.question_forms import CategoryCsvForm, SensitiveWordsForm
from portal.backoffice.views.questions.common import require_perm
from portal.questions.exceptions import QuestionsRefused
from portal.questions.models import (
    Category,
    CategoryModel,
    CategorySample,
    ForwardChannel,
    RejectionReason,
    SensitiveWord,
)
from portal.questions.services.categories import load_category_samples, train_category_suggester
from portal.questions.services.lists import (
    EDITABLE_FIELDS,
    add_sensitive_words,
    remove_sensitive_words,
    save_list_entry,
)

TEMPLATE = "backoffice/questions/lists.html"
WORDS_SHOWN = 200
# URL name of each list → (model, title, what "name" is called).
LISTS = {
    "reasons": (RejectionReason, _("不予采纳理由")),
    "channels": (ForwardChannel, _("转办渠道")),
    "categories": (Category, _("问题分类")),
}
WIDGETS = {"public_text": forms.Textarea(attrs={"rows": 2}), "description": forms.Textarea(attrs={"rows": 2})}


def _formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ListEntryForm(BackofficeForm):
    def __init__(self, *args, model, **kwargs):
        super().__init__(*args, **kwargs)
        fields = forms.fields_for_model(
            model, fields=EDITABLE_FIELDS[model], widgets=WIDGETS, formfield_callback=_formfield
        )
        self.fields.update(fields)


def _list(kind: str):
    if kind not in LISTS:
        raise Http404
    return LISTS[kind]


def _lists_url(anchor: str) -> str:
    return f"{reverse('backoffice:question-lists')}#{anchor}"


def _entry_form(model, kind: str, data=None) -> ListEntryForm:
    initial = {"sort_order": 100, "is_active": True}
    return ListEntryForm(data, model=model, initial=initial, auto_id=f"id_{kind}_%s")


def render_lists(request, *, status=200, bound=None, error="") -> TemplateResponse:
    require_perm(request.user, "questions.manage_lists")
    bound = bound or {}
    word_query = (request.GET.get("word") or "").strip()[:50]
    words = SensitiveWord.objects.all()
    if word_query:
        words = words.filter(word__contains=word_query)
    sections = [
        {
            "kind": kind,
            "title": title,
            "entries": list(model.objects.all()),
            "form": bound.get(kind) or _entry_form(model, kind),
        }
        for kind, (model, title) in LISTS.items()
    ]
    context = {
        "nav": "questions",
        "word_count": SensitiveWord.objects.count(),
        "word_query": word_query,
        "words": Paginator(words, WORDS_SHOWN).get_page(request.GET.get("page")),
        "add_words_form": bound.get("add_words") or SensitiveWordsForm(auto_id="id_add_%s"),
        "remove_words_form": bound.get("remove_words") or SensitiveWordsForm(auto_id="id_remove_%s"),
        "sections": sections,
        "csv_form": bound.get("csv") or CategoryCsvForm(auto_id="id_csv_%s"),
        "model": CategoryModel.objects.order_by("-trained_at", "-id").select_related("trained_by").first(),
        "sample_count": CategorySample.objects.count(),
        "error": error,
    }
    return TemplateResponse(request, TEMPLATE, context, status=status)


@staff_required
def question_lists(request):
    return render_lists(request)


@require_POST
@staff_required
def sensitive_words_add(request):
    require_perm(request.user, "questions.manage_lists")
    form = SensitiveWordsForm(request.POST, auto_id="id_add_%s")
    if form.is_valid():
        try:
            added = add_sensitive_words(form.cleaned_data["words"], actor=request.user)
        except QuestionsRefused as refused:
            form.add_error("words", str(refused))
        else:
            skipped = len(set(form.cleaned_data["words"])) - added
            message = _("已添加%(n)s个敏感词。") % {"n": added}
            if skipped:
                message += _("另有%(n)s个已在列表中。") % {"n": skipped}
            messages.success(request, message)
            return redirect(_lists_url("words"))
    return render_lists(request, status=400, bound={"add_words": form})


@require_POST
@staff_required
def sensitive_words_remove(request):
    require_perm(request.user, "questions.manage_lists")
    form = SensitiveWordsForm(request.POST, auto_id="id_remove_%s")
    if form.is_valid():
        try:
            removed = remove_sensitive_words(form.cleaned_data["words"], actor=request.user)
        except QuestionsRefused as refused:
            form.add_error("words", str(refused))
        else:
            if removed:
                messages.success(request, _("已删除%(n)s个敏感词。") % {"n": removed})
                return redirect(_lists_url("words"))
            form.add_error("words", _("列表中没有这些词。"))
    return render_lists(request, status=400, bound={"remove_words": form})


@require_POST
@staff_required
def list_entry_add(request, kind):
    model, title = _list(kind)
    require_perm(request.user, "questions.manage_lists")
    form = _entry_form(model, kind, request.POST)
    if form.is_valid():
        try:
            entry = save_list_entry(model, actor=request.user, **form.cleaned_data)
        except QuestionsRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("已新增%(list)s“%(name)s”。") % {"list": title, "name": entry})
            return redirect(_lists_url(kind))
    return render_lists(request, status=400, bound={kind: form})


@require_http_methods(["GET", "POST"])
@staff_required
def list_entry_edit(request, kind, epk):
    model, title = _list(kind)
    require_perm(request.user, "questions.manage_lists")
    entry = get_object_or_404(model, pk=epk)
    status = 200
    if request.method == "POST":
        form = ListEntryForm(request.POST, model=model)
        if form.is_valid():
            try:
                save_list_entry(model, actor=request.user, instance=entry, **form.cleaned_data)
            except QuestionsRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("%(list)s“%(name)s”已保存。") % {"list": title, "name": entry})
                return redirect(_lists_url(kind))
        status = 400
    else:
        form = ListEntryForm(model=model, initial={name: getattr(entry, name) for name in EDITABLE_FIELDS[model]})
    context = {"nav": "questions", "kind": kind, "title": title, "entry": entry, "form": form}
    return TemplateResponse(request, "backoffice/questions/list_entry.html", context, status=status)


@require_POST
@staff_required
def categories_retrain(request):
    require_perm(request.user, "questions.manage_lists")
    model = train_category_suggester(actor=request.user)
    if model is None:
        return render_lists(request, status=400, error=_("已确认分类的问题和导入的样本不足两个分类，暂不能训练。"))
    messages.success(request, _("分类建议模型已重新训练（%(n)s条样本）。") % {"n": model.sample_count})
    return redirect(_lists_url("categories"))


@require_POST
@staff_required
def categories_bootstrap(request):
    require_perm(request.user, "questions.manage_lists")
    form = CategoryCsvForm(request.POST, request.FILES, auto_id="id_csv_%s")
    if form.is_valid():
        upload = form.cleaned_data["csv"]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / Path(upload.name).name
            path.write_bytes(upload.read())
            try:
                loaded = load_category_samples(str(path), replace=form.cleaned_data["replace"])
            except (UnicodeDecodeError, ValueError, KeyError) as exc:
                reason = str(exc) if isinstance(exc, ValueError) and not isinstance(exc, UnicodeDecodeError) else ""
                form.add_error("csv", _("无法读取该文件：%(why)s") % {"why": reason or _("须为 UTF-8 编码的 CSV 文件")})
                loaded = None
        if loaded is not None:
            model = train_category_suggester(actor=request.user)
            trained = _("并已重新训练。") if model else _("分类不足两个，暂未训练。")
            messages.success(request, _("已导入%(n)s条样本，") % {"n": loaded} + trained)
            return redirect(_lists_url("categories"))
    return render_lists(request, status=400, bound={"csv": form})
