from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.forms import PlanForm, PlanRowForm
from portal.backoffice.views.common import audit_entries
from portal.core.docx import DOCX_MEDIA_TYPE
from portal.interviews.models import Interview
from portal.planning.export import plan_docx
from portal.planning.models import Plan
from portal.planning.queries import plan_with_rows, revision_history
from portal.planning.services import PLAN_FIELDS, PlanChangeRefused, approve_plan, create_plan, update_plan


def visible_plan(request, pk: int) -> Plan:
    """The plan if the user may see it (drafts are 区政府办's own); 404 otherwise."""
    return get_object_or_404(Plan.objects.visible_to(request.user), pk=pk)


def require_change_plan(request) -> None:
    if not request.user.has_perm("planning.change_plan"):
        raise PermissionDenied


def render_plan_detail(request, pk: int, *, status: int = 200, row_form=None, approve_error: str = ""):
    user = request.user
    plan = get_object_or_404(plan_with_rows(Plan.objects.visible_to(user)), pk=pk)
    can_change = user.has_perm("planning.change_plan")
    interviews = {
        interview.plan_row_id: interview
        for interview in Interview.objects.visible_to(user).filter(plan_row__plan=plan).only("pk", "state", "plan_row")
    }
    rows = list(plan.rows.all())
    for row in rows:
        row.visible_interview = interviews.get(row.pk)
    if can_change and row_form is None:
        row_form = PlanRowForm(plan=plan, auto_id="id_row_%s")
    context = {
        "nav": "plans",
        "plan": plan,
        "shows_demo": plan.is_demo,
        "rows": rows,
        "history": revision_history(plan),
        "can_change": can_change,
        "can_approve": not plan.is_approved and user.has_perm("planning.approve_plan"),
        "row_form": row_form if can_change else None,
        "approve_error": approve_error,
        "audit_entries": audit_entries(plan),
        "full_log": user.has_perm("audit.view_full_log"),
    }
    return TemplateResponse(request, "backoffice/plans/detail.html", context, status=status)


@staff_required
def plan_list(request):
    plans = Plan.objects.visible_to(request.user).order_by("-year")
    context = {"nav": "plans", "plans": list(plans), "can_change": request.user.has_perm("planning.change_plan")}
    return TemplateResponse(request, "backoffice/plans/list.html", context)


@staff_required
def plan_detail(request, pk):
    return render_plan_detail(request, pk)


@require_http_methods(["GET", "POST"])
@staff_required
def plan_create(request):
    require_change_plan(request)
    form = PlanForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                plan = create_plan(actor=request.user, **form.cleaned_data)
            except PlanChangeRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("已新建%(year)s年访谈计划（草稿）。") % {"year": plan.year})
                return redirect("backoffice:plan-detail", pk=plan.pk)
        return _plan_form(request, form, None, status=400)
    return _plan_form(request, form, None)


@require_http_methods(["GET", "POST"])
@staff_required
def plan_edit(request, pk):
    plan = visible_plan(request, pk)
    require_change_plan(request)
    if request.method != "POST":
        form = PlanForm(initial=model_to_dict(plan, fields=PLAN_FIELDS), plan=plan)
        return _plan_form(request, form, plan)
    form = PlanForm(request.POST, plan=plan)
    if form.is_valid():
        fields = dict(form.cleaned_data)
        note = fields.pop("note", "")
        try:
            update_plan(plan, actor=request.user, note=note, **fields)
        except PlanChangeRefused as refused:
            form.add_error(None, str(refused))
            plan.refresh_from_db()
        else:
            messages.success(request, _("计划已保存。"))
            return redirect("backoffice:plan-detail", pk=plan.pk)
    return _plan_form(request, form, plan, status=400)


def _plan_form(request, form, plan, *, status=200):
    context = {"nav": "plans", "form": form, "plan": plan}
    return TemplateResponse(request, "backoffice/plans/form.html", context, status=status)


@require_POST
@staff_required
def plan_approve(request, pk):
    plan = visible_plan(request, pk)
    try:
        approve_plan(plan, actor=request.user)
    except PlanChangeRefused as refused:
        return render_plan_detail(request, pk, status=400, approve_error=str(refused))
    messages.success(request, _("计划已审定发布，并为每个条目建立了访谈。"))
    return redirect("backoffice:plan-detail", pk=plan.pk)


@staff_required
def plan_docx_download(request, pk):
    plan = visible_plan(request, pk)
    response = HttpResponse(plan_docx(plan), content_type=DOCX_MEDIA_TYPE)
    # An ASCII name for old clients, the Chinese one (RFC 5987) for everyone else.
    chinese = quote(f"{plan.year}年在线访谈计划.docx")
    response["Content-Disposition"] = f"attachment; filename=\"plan-{plan.year}.docx\"; filename*=UTF-8''{chinese}"
    return response
