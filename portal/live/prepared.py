"""Entries prepared from the approved final script (定稿), and 发布下一条: the next of them with one action.

``import_final_script`` turns the final revision approved by both centers into drafts, in script order: each
opening paragraph, then each item as the host's question and the guest's answer, then each closing paragraph.
The answer is linked to the netizen questions the item covers, so publishing it marks them “answered live”.
Every draft remembers its place (``script_ref`` = revision, part, item key; ``script_position``), so importing
again adds only what has no entry yet (a draft deleted by hand comes back) and never duplicates.

``publish_next`` publishes the first script-derived draft in script order. The console sends the draft it
showed as “next”; if another operator published it meanwhile, the action is refused rather than publishing
the one after it unseen.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit.services import log_action
from portal.interviews.models import Interview
from portal.live.enums import Speaker
from portal.live.exceptions import LiveRefused
from portal.live.models import LiveEntry
from portal.live.publishing import locked_session
from portal.live.services import _publish, _writable, require
from portal.questions.enums import QuestionState
from portal.questions.models import Question
from portal.scripts.document import HOST_LABEL
from portal.scripts.models import ScriptItem, ScriptRevision
from portal.scripts.queries import approved_final


@dataclass(frozen=True)
class ImportResult:
    revision: ScriptRevision
    created: int  # drafts made now
    existing: int  # parts that already had an entry (drafted, published or withdrawn)
    unmatched_guests: int  # answers whose answerer is no guest of the interview (published under that name)


@dataclass(frozen=True)
class _Part:
    ref: str
    speaker: str
    guest: object
    speaker_name: str
    text: str
    answers: tuple[int, ...] = ()


def script_drafts(interview: Interview):
    """The drafts prepared from the script, in script order (the first is what 发布下一条 publishes)."""
    return (
        LiveEntry.objects.drafts()
        .filter(interview=interview, script_ref__isnull=False)
        .order_by("script_position", "pk")
    )


def next_script_draft(interview: Interview) -> LiveEntry | None:
    return script_drafts(interview).select_related("guest").first()


def _guests(interview: Interview, revision: ScriptRevision):
    by_name = {}
    for guest in interview.guests.all():
        by_name.setdefault(guest.name, guest)
    # The working copy is frozen once the final is approved; its items carry the chosen guest itself.
    by_key = {
        item.key: item.guest
        for item in ScriptItem.objects.filter(script_id=revision.script_id).select_related("guest")
        if item.guest is not None and item.guest.interview_id == interview.pk
    }
    return by_name, by_key


def _spoken(interview, by_name, ref: str, label: str, text: str) -> _Part:
    """An opening or closing paragraph: a guest's if the label is a guest's name, else the host's."""
    guest = by_name.get(label)
    if guest is not None:
        return _Part(ref, Speaker.GUEST, guest, guest.name, text)
    if label and label not in (HOST_LABEL, interview.host_name):
        text = f"{label}：{text}"  # another speaker: keep the label in the words, nothing is lost
    return _Part(ref, Speaker.HOST, None, interview.host_name, text)


def _parts(interview: Interview, revision: ScriptRevision) -> list[_Part]:
    doc = revision.as_document()
    by_name, by_key = _guests(interview, revision)
    base = str(revision.pk)
    parts = [
        _spoken(interview, by_name, f"{base}:opening:{n}", p.speaker, p.text.strip())
        for n, p in enumerate(doc.opening, start=1)
    ]
    for n, item in enumerate(doc.items, start=1):
        key = item.key or f"n{n}"
        parts.append(_Part(f"{base}:item:{key}:q", Speaker.HOST, None, interview.host_name, item.question.strip()))
        guest = by_key.get(item.key) or by_name.get(item.guest_name)
        name = guest.name if guest is not None else item.guest_name
        parts.append(_Part(f"{base}:item:{key}:a", Speaker.GUEST, guest, name, item.answer.strip(), item.question_ids))
    parts.extend(
        _spoken(interview, by_name, f"{base}:closing:{n}", p.speaker, p.text.strip())
        for n, p in enumerate(doc.closing, start=1)
    )
    return [part for part in parts if part.text]


@transaction.atomic
def import_final_script(interview: Interview, *, actor) -> ImportResult:
    """Prepare the approved final script as drafts (预录内容); refused without an approved final."""
    require(actor, interview)
    interview = _writable(interview)
    locked_session(interview)  # serialises with other operators' imports and publications
    revision = approved_final(interview)
    if revision is None:
        raise LiveRefused(_("本期访谈还没有经两中心审核通过的访谈定稿，不能导入预录内容。"))
    parts = _parts(interview, revision)
    existing = set(
        LiveEntry.objects.filter(interview=interview, script_ref__in=[p.ref for p in parts]).values_list(
            "script_ref", flat=True
        )
    )
    publishable = set(
        Question.objects.filter(interview=interview, state=QuestionState.PUBLISHED).values_list("pk", flat=True)
    )
    created = unmatched = 0
    for position, part in enumerate(parts, start=1):
        if part.ref in existing:
            continue
        entry = LiveEntry.objects.create(
            interview=interview,
            speaker=part.speaker,
            guest=part.guest,
            speaker_name=part.speaker_name,
            text=part.text,
            script_ref=part.ref,
            script_position=position,
            created_by=actor,
            updated_by=actor,
        )
        answers = [pk for pk in part.answers if pk in publishable]
        if answers:
            entry.answers.set(answers)
        created += 1
        unmatched += part.speaker == Speaker.GUEST and part.guest is None
    if created:
        log_action(
            interview,
            "live.script.imported",
            actor=actor,
            data={"revision": revision.number, "created": created, "unmatched_guests": unmatched},
        )
    return ImportResult(revision=revision, created=created, existing=len(existing), unmatched_guests=unmatched)


@transaction.atomic
def publish_next(interview: Interview, *, actor, expected: int | None = None) -> LiveEntry:
    """Publish the next draft of the script (发布下一条). ``expected``: the draft the operator saw as next."""
    require(actor, interview)
    interview = _writable(interview)
    session = locked_session(interview)
    entry = script_drafts(interview).select_for_update().first()
    if entry is None:
        raise LiveRefused(_("没有待发布的定稿草稿。可先“从定稿导入预录内容”。"))
    if expected is not None and entry.pk != expected:
        raise LiveRefused(_("下一条已由其他操作员发布或删除，请核对新的“下一条”后再发布。"))
    return _publish(session, interview, entry, actor=actor)
