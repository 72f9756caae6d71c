"""Entries in the console: post or save a draft, publish a draft, correct, withdraw, highlight, link questions.

A refusal comes back on the same form with everything typed kept (status 400).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.live_forms import CorrectionForm, EntryForm, LinkQuestionsForm, WithdrawForm
from portal.backoffice.views.live.common import ENTRY_ID, console_entry, console_interview, render_console
from portal.backoffice.views.live.console import console_url
from portal.live import services
from portal.live.enums import EntryStatus
from portal.live.exceptions import LiveRefused

EDIT_TEMPLATE = "backoffice/live/entry_edit.html"


def _call(form, write) -> bool:
    """Run ``write``; a refusal becomes an error on its field (or the form), and nothing typed is lost."""
    try:
        write()
    except LiveRefused as refused:
        form.add_error(refused.field if refused.field in form.fields else None, str(refused))
    except ValidationError as invalid:  # a photo that is no image, or too large
        form.add_error("photos", invalid)
    else:
        return True
    return False


def _done(request, interview, text: str):
    messages.success(request, text)
    return redirect(f"{console_url(interview)}#entries")


@require_POST
@staff_required
def entry_post(request, pk):
    """The console's main form: 发布 (publish now) or 存为草稿 (save a draft)."""
    interview = console_interview(request, pk)
    form = EntryForm(request.POST, request.FILES, interview=interview, auto_id=ENTRY_ID)
    publish = request.POST.get("action") == "publish"
    if form.is_valid() and _call(
        form, lambda: services.save_entry(interview, actor=request.user, publish=publish, **form.cleaned_data)
    ):
        return _done(request, interview, _("条目已发布。") if publish else _("草稿已保存。"))
    return render_console(request, interview, status=400, entry_form=form)


def _edit_context(interview, entry, form, **extra):
    return {"nav": "interviews", "interview": interview, "entry": entry, "form": form, **extra}


@require_http_methods(["GET", "POST"])
@staff_required
def entry_edit(request, pk, entry_pk):
    """A draft is changed (and may be published); a published entry is corrected, visibly."""
    interview, entry = console_entry(request, pk, entry_pk)
    if entry.status == EntryStatus.WITHDRAWN:
        return _done(request, interview, _("该条目已撤回，不能再修改。"))
    is_draft = entry.status == EntryStatus.DRAFT
    status = 200
    if request.method == "POST":
        if is_draft:
            form = EntryForm(request.POST, request.FILES, interview=interview)
            publish = request.POST.get("action") == "publish"
            write = lambda: services.save_entry(  # noqa: E731
                interview, actor=request.user, entry=entry, publish=publish, **form.cleaned_data
            )
            done = _("条目已发布。") if publish else _("草稿已保存。")
        else:
            form = CorrectionForm(request.POST, request.FILES, entry=entry)
            write = lambda: services.correct_entry(entry, actor=request.user, **form.cleaned_data)  # noqa: E731
            done = _("条目已更正，公众页面显示“已更正”及时间。")
        if form.is_valid() and _call(form, write):
            return _done(request, interview, done)
        status = 400
    else:
        initial = {
            "speaker": entry.speaker,
            "guest": entry.guest_id,
            "question": entry.question_id,
            "text": entry.text,
        }
        if is_draft:
            form = EntryForm(
                initial={**initial, "answers": list(entry.answers.all()), "is_highlight": entry.is_highlight},
                interview=interview,
            )
        else:
            form = CorrectionForm(initial=initial, entry=entry)
    link_form = None if is_draft else LinkQuestionsForm(entry=entry, auto_id="id_link_%s")
    context = _edit_context(interview, entry, form, is_draft=is_draft, link_form=link_form)
    return TemplateResponse(request, EDIT_TEMPLATE, context, status=status)


@require_POST
@staff_required
def entry_link(request, pk, entry_pk):
    interview, entry = console_entry(request, pk, entry_pk)
    form = LinkQuestionsForm(request.POST, entry=entry, auto_id="id_link_%s")
    if form.is_valid() and _call(
        form, lambda: services.link_questions(entry, actor=request.user, questions=form.cleaned_data["answers"])
    ):
        return _done(request, interview, _("已关联网友提问，并标记为“访谈中答复”。"))
    correction = CorrectionForm(
        initial={"speaker": entry.speaker, "guest": entry.guest_id, "question": entry.question_id, "text": entry.text},
        entry=entry,
    )
    context = _edit_context(interview, entry, correction, is_draft=False, link_form=form)
    return TemplateResponse(request, EDIT_TEMPLATE, context, status=400)


@require_POST
@staff_required
def entry_publish(request, pk, entry_pk):
    interview, entry = console_entry(request, pk, entry_pk)
    try:
        services.publish_draft(entry, actor=request.user)
    except LiveRefused as refused:
        messages.error(request, str(refused))
        return redirect(f"{console_url(interview)}#drafts")
    return _done(request, interview, _("草稿已发布。"))


@require_http_methods(["GET", "POST"])
@staff_required
def entry_withdraw(request, pk, entry_pk):
    """Ask for confirmation (and an optional reason), then withdraw."""
    interview, entry = console_entry(request, pk, entry_pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_entry(entry, actor=request.user, reason=form.cleaned_data["reason"])
        except LiveRefused as refused:
            form.add_error(None, str(refused))
        else:
            return _done(request, interview, _("条目已撤回，公众页面显示“已撤回”及时间。"))
    status = 400 if request.method == "POST" else 200
    context = _edit_context(interview, entry, form)
    return TemplateResponse(request, "backoffice/live/entry_withdraw.html", context, status=status)


@require_POST
@staff_required
def entry_highlight(request, pk, entry_pk):
    interview, entry = console_entry(request, pk, entry_pk)
    on = request.POST.get("on") == "1"
    try:
        services.set_highlight(entry, actor=request.user, on=on)
    except LiveRefused as refused:
        messages.error(request, str(refused))
        return redirect(f"{console_url(interview)}#entries")
    return _done(request, interview, _("已设为精彩观点。") if on else _("已取消精彩观点。"))


@require_POST
@staff_required
def entry_delete(request, pk, entry_pk):
    interview, entry = console_entry(request, pk, entry_pk)
    try:
        services.delete_draft(entry, actor=request.user)
    except LiveRefused as refused:
        messages.error(request, str(refused))
        return redirect(f"{console_url(interview)}#entries")
    return _done(request, interview, _("草稿已删除。"))
