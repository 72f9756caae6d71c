"""The console page, its entry lists (refreshed every few seconds for several operators), start, end, video."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.backoffice.decorators import staff_required
from portal.backoffice.live_forms import StreamForm
from portal.backoffice.views.live.common import (
    CONSOLE_TEMPLATE,
    STREAM_ID,
    console_interview,
    entry_lists,
    render_console,
)
from portal.interviews.lifecycle import TransitionRefused
from portal.live.exceptions import LiveRefused
from portal.live.services import end_live, start_live, update_session


def console_url(interview) -> str:
    return reverse("backoffice:live-console", args=[interview.pk])


@require_safe
@staff_required
def console(request, pk):
    return render_console(request, console_interview(request, pk))


@require_safe
@staff_required
def console_entries(request, pk):
    """The drafts and published entries alone, for live-console.js to refresh."""
    interview = console_interview(request, pk)
    context = {"interview": interview, **entry_lists(interview)}
    return TemplateResponse(request, f"{CONSOLE_TEMPLATE}#entries", context)


@require_POST
@staff_required
def live_start(request, pk):
    interview = console_interview(request, pk)
    try:
        start_live(interview, actor=request.user)
    except TransitionRefused as refused:
        return render_console(request, interview, status=400, state_error=str(refused))
    messages.success(request, _("图文直播已开始。"))
    return redirect(console_url(interview))


@require_POST
@staff_required
def live_end(request, pk):
    interview = console_interview(request, pk)
    try:
        end_live(interview, actor=request.user)
    except TransitionRefused as refused:
        return render_console(request, interview, status=400, state_error=str(refused))
    messages.success(request, _("图文直播已结束。此后发布的条目将标记为“补录”。"))
    return redirect(console_url(interview))


@require_POST
@staff_required
def stream_set(request, pk):
    interview = console_interview(request, pk)
    form = StreamForm(request.POST, auto_id=STREAM_ID)
    if form.is_valid():
        try:
            update_session(interview, actor=request.user, stream_url=form.cleaned_data["stream_url"])
        except LiveRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, str(refused))
        else:
            messages.success(request, _("视频直播地址已保存。"))
            return redirect(console_url(interview))
    return render_console(request, interview, status=400, stream_form=form)
