"""POST endpoints of the interview detail page: state, tentative recording date, host, step status.

A refusal re-renders the detail page with the bound form (status 400), so nothing typed is lost.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.models import Unit
from portal.backoffice.decorators import staff_required
from portal.backoffice.forms import HostForm, RecordingForm, StepStatusForm, TransitionForm
from portal.backoffice.views.common import is_htmx
from portal.backoffice.views.interviews.detail import (
    DETAIL_TEMPLATE,
    HOST_ID,
    RECORDING_ID,
    render_detail,
    step_auto_id,
    step_row,
    transition_auto_id,
    visible_interview,
)
from portal.interviews.enums import InterviewState
from portal.interviews.lifecycle import TransitionRefused, transition_interview
from portal.interviews.models import InterviewStep
from portal.interviews.scheduling import SchedulingRefused, set_recording_date
from portal.interviews.services import InterviewChangeRefused, set_host, set_step_status


@require_POST
@staff_required
def interview_transition(request, pk):
    interview = visible_interview(request, pk)
    form = TransitionForm(request.POST, auto_id=transition_auto_id(request.POST.get("to_state", "")))
    if form.is_valid():
        to_state = form.cleaned_data["to_state"]
        try:
            transition_interview(interview, to_state, actor=request.user, reason=form.cleaned_data["reason"])
        except TransitionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("访谈状态已变为“%(state)s”。") % {"state": InterviewState(to_state).label})
            return redirect(interview.get_backoffice_url())
    return render_detail(request, pk, status=400, transition_form=form)


@require_POST
@staff_required
def recording_set(request, pk):
    interview = visible_interview(request, pk)
    form = RecordingForm(request.POST, auto_id=RECORDING_ID)
    if form.is_valid():
        try:
            set_recording_date(
                interview, form.cleaned_data["recording_at"], actor=request.user, reason=form.cleaned_data["reason"]
            )
        except SchedulingRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("暂定录制时间已设定，各步骤截止日期已重新计算。"))
            return redirect(interview.get_backoffice_url())
    return render_detail(request, pk, status=400, recording_form=form)


@require_POST
@staff_required
def host_set(request, pk):
    interview = visible_interview(request, pk)
    form = HostForm(request.POST, auto_id=HOST_ID)
    if form.is_valid():
        try:
            set_host(interview, actor=request.user, host_name=form.cleaned_data["host_name"])
        except InterviewChangeRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("主持人已设定。"))
            return redirect(interview.get_backoffice_url())
    return render_detail(request, pk, status=400, host_form=form)


@require_POST
@staff_required
def step_status(request, pk, step_pk):
    """Change one step's status. From htmx, answer with the step's table row only."""
    interview = visible_interview(request, pk)
    step = get_object_or_404(InterviewStep, pk=step_pk, interview=interview)
    form = StepStatusForm(request.POST, auto_id=step_auto_id(step.pk))
    saved = False
    if form.is_valid():
        try:
            step = set_step_status(
                step, form.cleaned_data["status"], actor=request.user, note=form.cleaned_data["note"]
            )
        except InterviewChangeRefused as refused:
            form.add_error(None, str(refused))
        else:
            saved = True
    if is_htmx(request):
        fresh = InterviewStep.objects.select_related("interview").get(pk=step.pk)
        row = step_row(fresh, request.user, Unit.objects.in_bulk(), form=None if saved else form, saved=saved)
        # htmx swaps only 2xx answers; the row carries its own error message.
        return TemplateResponse(request, f"{DETAIL_TEMPLATE}#step-row", {"row": row, "interview": fresh.interview})
    if saved:
        messages.success(
            request,
            _("“%(step)s”已更新为“%(status)s”。")
            % {"step": step.get_kind_display(), "status": step.get_status_display()},
        )
        return redirect(f"{interview.get_backoffice_url()}#step-{step.pk}")
    return render_detail(request, pk, status=400, step_forms={step.pk: form})
