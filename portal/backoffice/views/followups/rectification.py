"""Rectification (整改) of one interview: items set by the lead unit or 区政府办, moved on by their owner units."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.accounts.models import Unit
from portal.backoffice.decorators import staff_required
from portal.backoffice.followup_forms import ItemForm, NoteForm, StatusForm
from portal.backoffice.views.common import audit_entries
from portal.backoffice.views.followups.common import citable, followup_interview, require_perm
from portal.followups.enums import STATUS_TRANSITIONS
from portal.followups.exceptions import FollowupRefused
from portal.followups.models import RectificationItem
from portal.followups.queries import items_of
from portal.followups.services import rectification as services
from portal.interviews.enums import HELD_STATES

TEMPLATE = "backoffice/followups/rectification.html"


def _url(interview, item=None) -> str:
    url = reverse("backoffice:rectification", args=[interview.pk])
    return f"{url}#item-{item.pk}" if item else url


def _units(interview) -> list[Unit]:
    ids = [interview.lead_unit_id, *sorted(interview.co_unit_ids)]
    by_id = Unit.objects.in_bulk([i for i in ids if i])
    return [by_id[i] for i in ids if i in by_id]


def render_rectification(request, interview, *, status=200, new_form=None, bound=None) -> TemplateResponse:
    """The page; ``bound`` is {(item id, "status"|"note"): form} for a refused form of one item."""
    user, bound = request.user, bound or {}
    today = timezone.localdate()
    items = list(items_of(interview))
    for item in items:
        item.overdue = item.is_overdue(today)
        item.can_update = user.has_perm("followups.update_rectification", item)
        item.status_form = item.note_form = None
        if item.can_update and STATUS_TRANSITIONS[item.status]:
            item.status_form = bound.get((item.pk, "status")) or StatusForm(
                statuses=STATUS_TRANSITIONS[item.status], auto_id=f"id_s{item.pk}_%s"
            )
        if item.can_update:
            item.note_form = bound.get((item.pk, "note")) or NoteForm(
                initial={"date": today}, auto_id=f"id_n{item.pk}_%s"
            )
    can_manage = interview.state in HELD_STATES and user.has_perm("followups.manage_rectification", interview)
    context = {
        "nav": "interviews",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "items": items,
        "can_manage": can_manage,
        "held": interview.state in HELD_STATES,
        "new_form": new_form
        or (
            ItemForm(questions=citable(interview), units=_units(interview), auto_id="id_new_%s") if can_manage else None
        ),
        "audit_entries": [e for e in audit_entries(interview) if e.action.startswith("followups.rectification")],
    }
    return TemplateResponse(request, TEMPLATE, context, status=status)


@require_safe
@staff_required
def rectification(request, pk):
    return render_rectification(request, followup_interview(request, pk))


def _item(interview, item_pk) -> RectificationItem:
    return get_object_or_404(RectificationItem.objects.select_related("interview"), pk=item_pk, interview=interview)


def _item_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "what": data["what"],
        "owner_unit": Unit.objects.filter(pk=data["owner_unit"]).first(),
        "due_date": data["due_date"],
        "question_ids": data["questions"],
    }


@require_POST
@staff_required
def rectification_add(request, pk):
    interview = followup_interview(request, pk)
    require_perm(request.user, "followups.manage_rectification", interview)
    form = ItemForm(request.POST, questions=citable(interview), units=_units(interview), auto_id="id_new_%s")
    if form.is_valid():
        try:
            item = services.create_item(interview, actor=request.user, **_item_fields(form))
        except FollowupRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("整改事项已设立，责任单位和相关网友将收到通知。"))
            return redirect(_url(interview, item))
    return render_rectification(request, interview, status=400, new_form=form)


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def rectification_edit(request, pk, item_pk):
    interview = followup_interview(request, pk)
    item = _item(interview, item_pk)
    require_perm(request.user, "followups.manage_rectification", interview)
    options = {"questions": citable(interview), "units": _units(interview), "auto_id": "id_edit_%s"}
    if request.method == "POST":
        form = ItemForm(request.POST, **options)
        if form.is_valid():
            try:
                services.update_item(item, actor=request.user, **_item_fields(form))
            except FollowupRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("整改事项已修改。"))
                return redirect(_url(interview, item))
        status = 400
    else:
        initial = {
            "what": item.what,
            "owner_unit": item.owner_unit_id,
            "due_date": item.due_date,
            "questions": list(item.questions.values_list("pk", flat=True)),
        }
        form, status = ItemForm(initial=initial, **options), 200
    context = {"nav": "interviews", "interview": interview, "item": item, "form": form, "shows_demo": interview.is_demo}
    return TemplateResponse(request, "backoffice/followups/item_form.html", context, status=status)


@require_POST
@staff_required
def rectification_status(request, pk, item_pk):
    interview = followup_interview(request, pk)
    item = _item(interview, item_pk)
    require_perm(request.user, "followups.update_rectification", item)
    form = StatusForm(request.POST, statuses=STATUS_TRANSITIONS[item.status], auto_id=f"id_s{item.pk}_%s")
    if form.is_valid():
        try:
            services.change_status(
                item, actor=request.user, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
            )
        except FollowupRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("整改状态已更新，相关网友将收到通知。"))
            return redirect(_url(interview, item))
    return render_rectification(request, interview, status=400, bound={(item.pk, "status"): form})


@require_POST
@staff_required
def rectification_note(request, pk, item_pk):
    interview = followup_interview(request, pk)
    item = _item(interview, item_pk)
    require_perm(request.user, "followups.update_rectification", item)
    form = NoteForm(request.POST, auto_id=f"id_n{item.pk}_%s")
    if form.is_valid():
        try:
            services.add_note(item, actor=request.user, date=form.cleaned_data["date"], text=form.cleaned_data["text"])
        except FollowupRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("整改进展已填报。"))
            return redirect(_url(interview, item))
    return render_rectification(request, interview, status=400, bound={(item.pk, "note"): form})
