"""POST endpoints of the 录制日期 section (propose, answer, withdraw) and the interview's calendar file.

A refusal re-renders the interview page with the bound form (status 400), so nothing typed is lost.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.backoffice.decorators import staff_required
from portal.backoffice.forms import ProposalAnswerForm, ProposalForm
from portal.backoffice.views.interviews.date_panel import PROPOSAL_ID, answer_auto_id
from portal.backoffice.views.interviews.detail import render_detail, visible_interview
from portal.interviews.enums import ProposalDecision, ProposalStatus
from portal.interviews.ics import interview_calendar
from portal.interviews.models import RecordingProposal
from portal.interviews.proposals import answer_proposal, propose_recording_date, withdraw_proposal
from portal.interviews.queries import with_details
from portal.interviews.scheduling import SchedulingRefused

SECTION = "#recording"


def _back(interview):
    return redirect(interview.get_backoffice_url() + SECTION)


@require_POST
@staff_required
def proposal_create(request, pk):
    interview = visible_interview(request, pk)
    form = ProposalForm(request.POST, auto_id=PROPOSAL_ID)
    if form.is_valid():
        data = form.cleaned_data
        try:
            proposal = propose_recording_date(
                interview, data["start"], actor=request.user, minutes=data["minutes"], reason=data["reason"]
            )
        except SchedulingRefused as refused:
            form.add_error(None, str(refused))
        else:
            if proposal.status == ProposalStatus.CONFIRMED:
                messages.success(request, _("录制时间已经三方确认，各步骤截止日期已重新计算。"))
            else:
                messages.success(request, _("录制时间建议已提出，已通知其他各方确认。"))
            return _back(interview)
    return render_detail(request, pk, status=400, proposal_form=form)


@require_POST
@staff_required
def proposal_answer(request, pk, proposal_pk):
    interview = visible_interview(request, pk)
    proposal = get_object_or_404(RecordingProposal, pk=proposal_pk, interview=interview)
    auto_id = answer_auto_id(request.POST.get("party", ""), request.POST.get("decision", ""))
    form = ProposalAnswerForm(request.POST, auto_id=auto_id)
    if form.is_valid():
        data = form.cleaned_data
        try:
            proposal = answer_proposal(
                proposal, party=data["party"], decision=data["decision"], actor=request.user, reason=data["reason"]
            )
        except SchedulingRefused as refused:
            if data["decision"] != ProposalDecision.DECLINE or data["reason"].strip():
                # The proposal may be closed now, and its forms gone: say it at the top of the section.
                return render_detail(request, pk, status=400, dates_error=str(refused))
            form.add_error("reason", str(refused))
        else:
            if proposal.status == ProposalStatus.CONFIRMED:
                messages.success(request, _("三方均已确认，录制时间已确定，各步骤截止日期已重新计算。"))
            elif data["decision"] == ProposalDecision.DECLINE:
                messages.success(request, _("已拒绝该录制时间建议，已通知各方。"))
            else:
                messages.success(request, _("已确认该录制时间建议，等待其他各方确认。"))
            return _back(interview)
    if form.errors and not form.has_error("party") and not form.has_error("decision"):
        return render_detail(request, pk, status=400, answer_form=form)
    return render_detail(request, pk, status=400, dates_error=_("无法识别所提交的答复，请刷新页面后重试。"))


@require_POST
@staff_required
def proposal_withdraw(request, pk, proposal_pk):
    interview = visible_interview(request, pk)
    proposal = get_object_or_404(RecordingProposal, pk=proposal_pk, interview=interview)
    try:
        withdraw_proposal(proposal, actor=request.user)
    except SchedulingRefused as refused:
        return render_detail(request, pk, status=400, dates_error=str(refused))
    messages.success(request, _("录制时间建议已撤回。"))
    return _back(interview)


@require_safe
@staff_required
def interview_ics(request, pk):
    """The interview's recording (tentative or confirmed) and step deadlines, as a calendar file."""
    interview = visible_interview(request, pk)
    interview = with_details(type(interview).objects.filter(pk=interview.pk)).get()
    body = interview_calendar(interview, url=request.build_absolute_uri(interview.get_backoffice_url()))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
    return response
