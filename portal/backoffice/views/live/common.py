"""What the console's views share: the interview (404 if invisible, 403 without live.operate), the page."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from portal.backoffice.live_forms import EntryForm, StreamForm
from portal.backoffice.views.common import audit_entries
from portal.interviews.enums import InterviewState
from portal.interviews.lifecycle import preconditions
from portal.interviews.models import Interview
from portal.live import queries
from portal.live.enums import EntryStatus
from portal.live.models import LiveEntry
from portal.scripts.queries import approved_final

CONSOLE_TEMPLATE = "backoffice/live/console.html"
ENTRY_ID, STREAM_ID = "id_entry_%s", "id_stream_%s"


def console_interview(request, pk: int) -> Interview:
    interview = get_object_or_404(Interview.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("live.operate", interview):
        raise PermissionDenied
    return interview


def console_entry(request, pk: int, entry_pk: int) -> tuple[Interview, LiveEntry]:
    interview = console_interview(request, pk)
    return interview, get_object_or_404(LiveEntry, pk=entry_pk, interview=interview)


def entry_lists(interview) -> dict:
    entries = list(
        queries.entries_for_display(LiveEntry.objects.filter(interview=interview))
        .prefetch_related("answers")
        .order_by("-published_seq", "-id")
    )
    drafts = sorted((e for e in entries if e.status == EntryStatus.DRAFT), key=_draft_order)
    script_drafts = [e for e in drafts if e.script_ref]
    return {
        "drafts": drafts,
        "published": [e for e in entries if e.status != EntryStatus.DRAFT],
        "script_next": script_drafts[0] if script_drafts else None,
        "script_left": len(script_drafts),
        "has_final": approved_final(interview) is not None,
    }


def _draft_order(entry: LiveEntry) -> tuple:
    """Drafts from the script first, in script order (the first is 下一条), then the others as saved."""
    if entry.script_ref:
        return (0, entry.script_position or 0, entry.pk)
    return (1, 0, entry.pk)


def render_console(request, interview, *, status: int = 200, **forms):
    session = queries.session_of(interview)
    is_live = interview.state == InterviewState.LIVE
    context = {
        "nav": "interviews",
        "interview": interview,
        "session": session,
        "is_live": is_live,
        "is_ended": interview.state == InterviewState.ENDED,
        "start_problems": preconditions(interview, InterviewState.LIVE)
        if interview.state == InterviewState.PLANNED
        else [],
        "entry_form": forms.get("entry_form") or EntryForm(interview=interview, auto_id=ENTRY_ID),
        "stream_form": forms.get("stream_form")
        or StreamForm(initial={"stream_url": session.stream_url if session else ""}, auto_id=STREAM_ID),
        "state_error": forms.get("state_error", ""),
        "audit_entries": audit_entries(interview)[:30],
        "full_log": request.user.has_perm("audit.view_full_log"),
        **entry_lists(interview),
    }
    return TemplateResponse(request, CONSOLE_TEMPLATE, context, status=status)
