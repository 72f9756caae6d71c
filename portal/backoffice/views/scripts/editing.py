"""The working copy: its page, the opening and closing, the items, and the live 字数."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.script_forms import LIVE_COUNT, ImportForm, ItemForm, PartForm, SubmitForm
from portal.backoffice.views.scripts.common import (
    count_context,
    require_perm,
    script_item,
    script_permissions,
    script_url,
    viewable_script,
)
from portal.interviews.models import Guest
from portal.scripts.document import HOST_LABEL, ScriptDocument
from portal.scripts.document import ScriptItem as DocItem
from portal.scripts.enums import ScriptPart
from portal.scripts.exceptions import ScriptRefused
from portal.scripts.queries import items_of, latest_approved, latest_revision, working_document
from portal.scripts.services.editing import (
    add_item,
    add_items_from_representatives,
    move_item,
    remove_item,
    save_part,
    update_item,
)
from portal.scripts.snapshot import paragraphs_to_text, text_to_paragraphs
from portal.scripts.wordcount import count_document

TEMPLATE = "backoffice/scripts/script.html"


def render_script(request, pk: int, *, status=200, import_form=None, submit_form=None, error="") -> TemplateResponse:
    """The working copy with its status; also shown again, with the refused form, after a refused POST."""
    interview, script = viewable_script(request, pk)
    user = request.user
    items = items_of(script)
    doc = working_document(script, items)
    revision = latest_revision(script)
    used = {item.representative_id for item in items if item.representative_id}
    context = {
        "nav": "interviews",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "script": script,
        "items": items,
        "opening": doc.opening,
        "closing": doc.closing,
        "live_count_id": LIVE_COUNT,
        **count_context(count_document(doc)),
        "can": script_permissions(user, script),
        "latest": revision,
        "latest_reviews": list(revision.reviews.select_related("reviewer")) if revision else [],
        "approved": latest_approved(script),
        "new_representatives": interview.representative_questions.exclude(pk__in=used).count(),
        "import_form": import_form or ImportForm(auto_id="id_import_%s"),
        "submit_form": submit_form or SubmitForm(auto_id="id_submit_%s"),
        "error": error,
        "now": timezone.now(),
    }
    return TemplateResponse(request, TEMPLATE, context, status=status)


@staff_required
def script_page(request, pk):
    return render_script(request, pk)


def _count_url(interview) -> str:
    return reverse("backoffice:script-count", args=[interview.pk])


@require_http_methods(["GET", "POST"])
@staff_required
def script_part(request, pk, part):
    if part not in ScriptPart.values:
        raise Http404
    interview, script = viewable_script(request, pk)
    require_perm(request.user, "scripts.edit_script", script)
    status = 200
    if request.method == "POST":
        form = PartForm(request.POST, count_url=_count_url(interview))
        if form.is_valid():
            try:
                save_part(interview, actor=request.user, part=part, text=form.cleaned_data["text"])
            except ScriptRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("%(part)s已保存。") % {"part": ScriptPart(part).label})
                return redirect(script_url(interview, part))
        status = 400
    else:
        paragraphs = getattr(working_document(script, []), part)
        form = PartForm(initial={"text": paragraphs_to_text(paragraphs)}, count_url=_count_url(interview))
    context = {
        "nav": "interviews",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "part": part,
        "part_label": ScriptPart(part).label,
        "form": form,
        "live_count_id": LIVE_COUNT,
        **count_context(count_document(working_document(script))),
    }
    return TemplateResponse(request, "backoffice/scripts/part_form.html", context, status=status)


def _item_page(request, interview, script, form, *, item=None, status=200) -> TemplateResponse:
    context = {
        "nav": "interviews",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "item": item,
        "form": form,
        "live_count_id": LIVE_COUNT,
        **count_context(count_document(working_document(script))),
    }
    return TemplateResponse(request, "backoffice/scripts/item_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@staff_required
def item_add(request, pk):
    interview, script = viewable_script(request, pk)
    require_perm(request.user, "scripts.edit_script", script)
    if request.method == "GET":
        return _item_page(request, interview, script, ItemForm(interview=interview, count_url=_count_url(interview)))
    form = ItemForm(request.POST, interview=interview, count_url=_count_url(interview))
    if form.is_valid():
        try:
            item = add_item(interview, actor=request.user, **form.cleaned_data)
        except ScriptRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("已添加第%(n)s个问答。") % {"n": item.order})
            return redirect(script_url(interview, f"item-{item.pk}"))
    return _item_page(request, interview, script, form, status=400)


@require_http_methods(["GET", "POST"])
@staff_required
def item_edit(request, pk, ipk):
    interview, script = viewable_script(request, pk)
    item = script_item(script, ipk)
    require_perm(request.user, "scripts.edit_script", script)
    count_url = _count_url(interview)
    if request.method == "GET":
        initial = {
            "question": item.question,
            "answer": item.answer,
            "guest": item.guest_id,
            "representative": item.representative_id,
        }
        form = ItemForm(interview=interview, initial=initial, count_url=count_url)
        return _item_page(request, interview, script, form, item=item)
    form = ItemForm(request.POST, interview=interview, count_url=count_url)
    if form.is_valid():
        try:
            update_item(item, actor=request.user, **form.cleaned_data)
        except ScriptRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("第%(n)s个问答已保存。") % {"n": item.order})
            return redirect(script_url(interview, f"item-{item.pk}"))
    return _item_page(request, interview, script, form, item=item, status=400)


@require_POST
@staff_required
def item_move(request, pk, ipk):
    interview, script = viewable_script(request, pk)
    item = script_item(script, ipk)
    require_perm(request.user, "scripts.edit_script", script)
    try:
        move_item(item, actor=request.user, up=request.POST.get("direction") == "up")
    except ScriptRefused as refused:
        return render_script(request, pk, status=400, error=str(refused))
    messages.success(request, _("顺序已调整。"))
    return redirect(script_url(interview, f"item-{item.pk}"))


@require_POST
@staff_required
def item_remove(request, pk, ipk):
    interview, script = viewable_script(request, pk)
    item = script_item(script, ipk)
    require_perm(request.user, "scripts.edit_script", script)
    try:
        remove_item(item, actor=request.user)
    except ScriptRefused as refused:
        return render_script(request, pk, status=400, error=str(refused))
    messages.success(request, _("已删除问答；对应的代表性问题和网友提问不受影响。"))
    return redirect(script_url(interview, "items"))


@require_POST
@staff_required
def items_from_representatives(request, pk):
    interview, script = viewable_script(request, pk)
    require_perm(request.user, "scripts.edit_script", script)
    try:
        items = add_items_from_representatives(interview, actor=request.user)
    except ScriptRefused as refused:
        return render_script(request, pk, status=400, error=str(refused))
    messages.success(request, _("已从代表性问题添加%(n)s个问答，请填写回答嘉宾和回答。") % {"n": len(items)})
    return redirect(script_url(interview, "items"))


def _pk(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_POST
@staff_required
def script_count(request, pk):
    """The whole script's 字数 with the text being typed in place of what is saved (htmx); nothing is written."""
    interview, script = viewable_script(request, pk)
    doc = working_document(script)
    part = request.POST.get("part")
    if part in ScriptPart.values:
        paragraphs = text_to_paragraphs(request.POST.get("text", ""), HOST_LABEL)
        doc = ScriptDocument(
            header=doc.header,
            opening=paragraphs if part == ScriptPart.OPENING else doc.opening,
            items=doc.items,
            closing=paragraphs if part == ScriptPart.CLOSING else doc.closing,
        )
    elif "question" in request.POST:
        guest = Guest.objects.filter(interview=interview, pk=_pk(request.POST.get("guest"))).first()
        typed = DocItem(
            question=request.POST.get("question", ""),
            answer=request.POST.get("answer", ""),
            guest_name=guest.name if guest else "",
            key="typed",
        )
        editing = _pk(request.POST.get("item"))
        keys = {item.pk: item.key for item in items_of(script)} if editing else {}
        items = [typed if item.key == keys.get(editing) else item for item in doc.items]
        if editing not in keys:
            items.append(typed)
        doc = ScriptDocument(header=doc.header, opening=doc.opening, items=tuple(items), closing=doc.closing)
    context = count_context(count_document(doc))
    return TemplateResponse(request, "backoffice/scripts/includes/count.html", context)
