"""Reads of the script: the working copy as a ScriptDocument, revisions with their reviews, late work."""

import datetime as dt

from django.db.models import Prefetch, Q
from django.utils import timezone

from portal.interviews.models import Interview
from portal.scripts.document import Paragraph, ScriptDocument, ScriptHeader
from portal.scripts.document import ScriptItem as DocItem
from portal.scripts.enums import ReviewDecision, RevisionStatus
from portal.scripts.models import ReviewComment, Script, ScriptItem, ScriptReview, ScriptRevision
from portal.scripts.snapshot import document_to_json


def script_of(interview: Interview) -> Script:
    """The interview's working copy, or an unsaved empty one (nothing is written before the first edit)."""
    script = Script.objects.filter(interview=interview).first()
    if script is None:
        script = Script(interview=interview)
    else:
        script.interview = interview  # share the caller's instance (prefetched units, state)
    return script


def items_of(script: Script) -> list[ScriptItem]:
    if script.pk is None:
        return []
    return list(
        script.items.select_related("guest", "representative").prefetch_related("questions").order_by("order", "pk")
    )


def _format_time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def header_of(interview: Interview) -> ScriptHeader:
    return ScriptHeader(
        title=interview.title,
        time=_format_time(interview.recording_at),
        place=interview.place,
        guests=tuple(f"{guest.unit_name}{guest.post} {guest.name}" for guest in interview.guests.all()),
        host=interview.host_name,
    )


def _paragraphs(data) -> tuple[Paragraph, ...]:
    return tuple(Paragraph(p["speaker"], p["text"]) for p in data or [])


def working_document(script: Script, items: list[ScriptItem] | None = None) -> ScriptDocument:
    """The working copy as it would be submitted and exported now."""
    items = items_of(script) if items is None else items
    return ScriptDocument(
        header=header_of(script.interview),
        opening=_paragraphs(script.opening),
        items=tuple(
            DocItem(
                question=item.question,
                answer=item.answer,
                guest_name=item.speaker_name,
                question_ids=tuple(sorted(q.pk for q in item.questions.all())),
                key=item.key,
            )
            for item in items
        ),
        closing=_paragraphs(script.closing),
    )


def working_json(script: Script) -> dict:
    return document_to_json(working_document(script))


def revisions_of(script: Script) -> list[ScriptRevision]:
    """Every revision, newest first, with its reviews, their comments and the people involved."""
    if script.pk is None:
        return []
    reviews = ScriptReview.objects.select_related("reviewer", "unit").prefetch_related(
        Prefetch("comments", queryset=ReviewComment.objects.all())
    )
    return list(script.revisions.select_related("submitted_by").prefetch_related(Prefetch("reviews", queryset=reviews)))


def latest_revision(script: Script) -> ScriptRevision | None:
    return script.revisions.order_by("-number").first() if script.pk else None


def latest_approved(script: Script) -> ScriptRevision | None:
    if script.pk is None:
        return None
    return script.revisions.filter(status=RevisionStatus.APPROVED).order_by("-number").first()


def late_finals(year: int) -> list[ScriptRevision]:
    """Final revisions submitted after the 访谈定稿 deadline (逾期 for the lead unit)."""
    return list(
        ScriptRevision.objects.filter(is_final=True, is_late=True, script__interview__year=year)
        .select_related("script__interview__lead_unit", "submitted_by")
        .order_by("script__interview_id", "number")
    )


def late_reviews(year: int, now: dt.datetime | None = None) -> list[ScriptReview]:
    """Reviews decided after their due time, or still waiting past it (逾期 for that center)."""
    now = now or timezone.now()
    return list(
        ScriptReview.objects.filter(revision__script__interview__year=year)
        .filter(Q(is_late=True) | Q(decision=ReviewDecision.PENDING, due_at__lt=now))
        .select_related("revision__script__interview", "unit", "reviewer")
        .order_by("due_at", "pk")
    )


def approved_final(interview: Interview) -> ScriptRevision | None:
    """The final revision (定稿) both centers approved, if any: what the live, the video and the filing read."""
    return (
        ScriptRevision.objects.filter(script__interview=interview, is_final=True, status=RevisionStatus.APPROVED)
        .order_by("-number")
        .first()
    )
