"""Rows of a plan: added on the plan page, edited and removed on a page of their own."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.forms import PlanRowForm, PlanRowRemoveForm
from portal.backoffice.views.plans.pages import render_plan_detail, require_change_plan, visible_plan
from portal.planning.models import PlanRow
from portal.planning.services import PlanChangeRefused, add_row, remove_row, update_row


def _row_values(form: PlanRowForm) -> dict:
    data = form.cleaned_data
    return {
        "seq": data["seq"],
        "month": data["month"],
        "topic": data["topic"],
        "lead_unit": data["lead_unit"],
        "co_units": list(data["co_units"]),
        "note": data.get("note", ""),
    }


@require_POST
@staff_required
def row_add(request, pk):
    plan = visible_plan(request, pk)
    require_change_plan(request)
    form = PlanRowForm(request.POST, plan=plan, auto_id="id_row_%s")
    if form.is_valid():
        try:
            row = add_row(plan, actor=request.user, **_row_values(form))
        except PlanChangeRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("已新增第%(seq)s条：%(topic)s。") % {"seq": row.seq, "topic": row.topic})
            return redirect("backoffice:plan-detail", pk=plan.pk)
    return render_plan_detail(request, pk, status=400, row_form=form)


def _row_initial(row: PlanRow) -> dict:
    return {
        "seq": row.seq,
        "month": row.month,
        "topic": row.topic,
        "lead_unit": row.lead_unit,
        "co_units": list(row.co_units.all()),
    }


def _row_page(request, plan, row, *, form, remove_form, status=200):
    context = {"nav": "plans", "plan": plan, "row": row, "form": form, "remove_form": remove_form}
    return TemplateResponse(request, "backoffice/plans/row_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@staff_required
def row_edit(request, pk, row_pk):
    plan = visible_plan(request, pk)
    row = get_object_or_404(PlanRow.objects.select_related("lead_unit"), pk=row_pk, plan=plan)
    require_change_plan(request)
    remove_form = PlanRowRemoveForm(plan=plan, auto_id="id_remove_%s")
    if request.method != "POST":
        form = PlanRowForm(initial=_row_initial(row), plan=plan)
        return _row_page(request, plan, row, form=form, remove_form=remove_form)
    form = PlanRowForm(request.POST, plan=plan)
    if form.is_valid():
        try:
            update_row(row, actor=request.user, **_row_values(form))
        except PlanChangeRefused as refused:
            form.add_error(None, str(refused))
            row.refresh_from_db()
        else:
            messages.success(request, _("第%(seq)s条已保存。") % {"seq": row.seq})
            return redirect("backoffice:plan-detail", pk=plan.pk)
    return _row_page(request, plan, row, form=form, remove_form=remove_form, status=400)


@require_POST
@staff_required
def row_remove(request, pk, row_pk):
    plan = visible_plan(request, pk)
    row = get_object_or_404(PlanRow.objects.select_related("lead_unit"), pk=row_pk, plan=plan)
    require_change_plan(request)
    remove_form = PlanRowRemoveForm(request.POST, plan=plan, auto_id="id_remove_%s")
    if remove_form.is_valid():
        try:
            remove_row(row, actor=request.user, note=remove_form.cleaned_data.get("note", ""))
        except PlanChangeRefused as refused:
            remove_form.add_error(None, str(refused))
        else:
            messages.success(request, _("已删除第%(seq)s条：%(topic)s。") % {"seq": row.seq, "topic": row.topic})
            return redirect("backoffice:plan-detail", pk=plan.pk)
    form = PlanRowForm(initial=_row_initial(row), plan=plan)
    return _row_page(request, plan, row, form=form, remove_form=remove_form, status=400)
