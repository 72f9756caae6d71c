"""The summary page: the drafted facts and charts, the lead unit's text and opinion points, publication, exports."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal.backoffice.decorators import staff_required
from portal.backoffice.followup_forms import PointForm, ReturnForm, SummaryForm
from portal.backoffice.views.common import audit_entries
from portal.backoffice.views.followups.common import citable, followup_interview, require_perm
from portal.core.docx import DOCX_MEDIA_TYPE
from portal.followups.charts import render_svg
from portal.followups.enums import SummaryState
from portal.followups.exceptions import FollowupRefused
from portal.followups.export import fact_rows
from portal.followups.export import summary_docx as build_docx
from portal.followups.export import summary_pdf as build_pdf
from portal.followups.models import OpinionPoint
from portal.followups.queries import summary_view
from portal.followups.services import summary as services
from portal.interviews.enums import HELD_STATES


def _url(interview) -> str:
    return reverse("backoffice:summary", args=[interview.pk])


def render_summary(request, interview, *, status=200, form=None, point_form=None, return_form=None, error="",
                   editing=None) -> TemplateResponse:  # fmt: skip
    view = summary_view(interview)
    summary = view.summary
    user = request.user
    editable = interview.state in HELD_STATES and summary.state == SummaryState.DRAFT
    can_write = editable and user.has_perm("followups.write_summary", interview)
    questions = citable(interview) if can_write else []
    for point in view.points:
        point.form = None
        if can_write:
            bound = point_form if editing == point.pk else None
            point.form = bound or PointForm(
                questions=questions,
                initial={"text": point.text, "questions": [q.pk for q in point.questions.all()]},
                auto_id=f"id_p{point.pk}_%s",
            )
    context = {
        "nav": "interviews",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "view": view,
        "summary": summary,
        "held": interview.state in HELD_STATES,
        "rows": fact_rows(view.facts),
        "charts": [(chart, render_svg(chart)) for chart in view.charts],
        "can_write": can_write,
        "can_publish": summary.state == SummaryState.SUBMITTED
        and user.has_perm("followups.publish_summary", interview),
        "form": form or SummaryForm(initial={"body": summary.body}),
        "point_form": (point_form if editing is None else None) or PointForm(questions=questions, auto_id="id_new_%s"),
        "return_form": return_form or ReturnForm(auto_id="id_ret_%s"),
        "error": error,
        "audit_entries": [e for e in audit_entries(interview) if e.action.startswith("followups.")],
    }
    return TemplateResponse(request, "backoffice/followups/summary.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@staff_required
def summary(request, pk):
    interview = followup_interview(request, pk)
    if request.method != "POST":
        return render_summary(request, interview)
    require_perm(request.user, "followups.write_summary", interview)
    form = SummaryForm(request.POST)
    if not form.is_valid():
        return render_summary(request, interview, status=400, form=form)
    submit = "submit" in request.POST
    try:
        services.save_summary(interview, actor=request.user, body=form.cleaned_data["body"], submit=submit)
    except FollowupRefused as refused:
        form.add_error(None, str(refused))
        return render_summary(request, interview, status=400, form=form)
    messages.success(request, _("总结已提交，等待区城市数字治理中心发布。") if submit else _("总结草稿已保存。"))
    return redirect(_url(interview))


@require_POST
@staff_required
def summary_publish(request, pk):
    interview = followup_interview(request, pk)
    require_perm(request.user, "followups.publish_summary", interview)
    try:
        services.publish_summary(interview, actor=request.user)
    except FollowupRefused as refused:
        return render_summary(request, interview, status=400, error=str(refused))
    messages.success(request, _("总结已在访谈页面公开发布。"))
    return redirect(_url(interview))


@require_POST
@staff_required
def summary_return(request, pk):
    interview = followup_interview(request, pk)
    require_perm(request.user, "followups.publish_summary", interview)
    form = ReturnForm(request.POST, auto_id="id_ret_%s")
    if form.is_valid():
        try:
            services.return_summary(interview, actor=request.user, note=form.cleaned_data["note"])
        except FollowupRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("总结已退回第一责任单位。"))
            return redirect(_url(interview))
    return render_summary(request, interview, status=400, return_form=form)


def _point(interview, point_pk) -> OpinionPoint:
    return get_object_or_404(OpinionPoint, pk=point_pk, summary__interview=interview)


def _save_point(request, interview, point=None):
    require_perm(request.user, "followups.write_summary", interview)
    auto_id = f"id_p{point.pk}_%s" if point else "id_new_%s"
    form = PointForm(request.POST, questions=citable(interview), auto_id=auto_id)
    editing = point.pk if point else None
    if form.is_valid():
        try:
            services.save_point(
                interview,
                actor=request.user,
                text=form.cleaned_data["text"],
                question_ids=form.cleaned_data["questions"],
                point=point,
            )
        except FollowupRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("意见建议已保存。"))
            return redirect(_url(interview) + "#points")
    return render_summary(request, interview, status=400, point_form=form, editing=editing)


@require_POST
@staff_required
def point_add(request, pk):
    return _save_point(request, followup_interview(request, pk))


@require_POST
@staff_required
def point_edit(request, pk, point_pk):
    interview = followup_interview(request, pk)
    return _save_point(request, interview, _point(interview, point_pk))


@require_POST
@staff_required
def point_remove(request, pk, point_pk):
    interview = followup_interview(request, pk)
    require_perm(request.user, "followups.write_summary", interview)
    try:
        services.remove_point(interview, actor=request.user, point=_point(interview, point_pk))
    except FollowupRefused as refused:
        return render_summary(request, interview, status=400, error=str(refused))
    messages.success(request, _("意见建议已删除。"))
    return redirect(_url(interview) + "#points")


@require_POST
@staff_required
def point_move(request, pk, point_pk):
    interview = followup_interview(request, pk)
    require_perm(request.user, "followups.write_summary", interview)
    try:
        services.move_point(
            interview, actor=request.user, point=_point(interview, point_pk), up=request.POST.get("to") == "up"
        )
    except FollowupRefused as refused:
        return render_summary(request, interview, status=400, error=str(refused))
    return redirect(_url(interview) + "#points")


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


@require_safe
@staff_required
def summary_docx(request, pk):
    interview = followup_interview(request, pk)
    return _download(build_docx(summary_view(interview)), DOCX_MEDIA_TYPE, f"summary-{interview.pk}.docx")


@require_safe
@staff_required
def summary_pdf(request, pk):
    interview = followup_interview(request, pk)
    return _download(build_pdf(summary_view(interview)), "application/pdf", f"summary-{interview.pk}.pdf")
