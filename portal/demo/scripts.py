"""The demo scripts (访谈稿): one under review after a return, one with its final approved. Idempotent.

Everything is done through the scripts services, as the demo account of the role: the editor of the
lead unit writes and submits, demo-producer decides for 区融媒体中心 and demo-operator for 区城市数字治理中心.
A script is written once, while its interview has none; what people did to it later is kept.

The services stamp "now" on submissions and decisions. Like the steps' completion times and the
questions' submission times, these belong to a past the seeder loads rather than lives through: they
are set directly, recomputed from today and R on every run, so seeding again the same day changes
nothing and seeding on a later day moves them along with the demo interviews.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from portal.accounts.models import User
from portal.demo.data import DEMO_INTERVIEWS, DemoInterviewSpec
from portal.demo.phases import completed_at
from portal.demo.scripts_data import (
    FINAL_EDITS,
    FINAL_NOTE,
    RETURN_COMMENT,
    RETURN_ITEM,
    RETURN_ITEM_COMMENT,
    REVISION_EDITS,
    REVISION_NOTE,
    DemoScript,
    Edit,
)
from portal.demo.scripts_drainage import DRAINAGE
from portal.demo.scripts_roads import ROADS
from portal.interviews.enums import StepKind
from portal.interviews.models import Interview
from portal.scripts.enums import ReviewCenter
from portal.scripts.models import Script, ScriptItem, ScriptReview, ScriptRevision
from portal.scripts.services.editing import add_item, save_part, update_item
from portal.scripts.services.review import decide_review, review_due_at, submit_script
from portal.workcalendar import workdays

if TYPE_CHECKING:
    from portal.demo.seeding import SeedReport

SCRIPTS = {"scripting": DRAINAGE, "live": ROADS}
MEDIA, DIGITAL = ReviewCenter.MEDIA, ReviewCenter.DIGITAL


def seed_demo_scripts(accounts: dict[str, User], report: "SeedReport") -> None:
    specs = {spec.topic: spec for spec in DEMO_INTERVIEWS}
    interviews = Interview.objects.filter(is_demo=True, plan_row__isnull=False).select_related("plan_row")
    for interview in interviews:
        spec = specs.get(interview.plan_row.topic)
        if spec is None or spec.slot not in SCRIPTS:
            continue
        script = Script.objects.filter(interview=interview).first()
        if script is None or not (script.revisions.exists() or script.items.exists()):
            if spec.slot == "scripting":
                _returned_then_resubmitted(interview, accounts)
            else:
                _final_approved(interview, accounts)
            report.created.append(f"访谈稿 {interview}")
        if _align_times(interview, spec):
            report.updated.append(f"访谈稿 {interview}：审核时间")


# --- Through the services ---------------------------------------------------------------------


def _write(interview: Interview, demo: DemoScript, editor: User) -> None:
    """The working copy: opening, items (with their guest and representative question) and closing."""
    save_part(interview, actor=editor, part="opening", text=demo.opening)
    guests = {guest.name: guest for guest in interview.guests.all()}
    reps = list(interview.representative_questions.order_by("order", "pk"))
    for item in demo.items:
        rep = reps[item.representative - 1] if item.representative and item.representative <= len(reps) else None
        add_item(
            interview,
            actor=editor,
            question=item.question,
            answer=item.answer,
            guest=guests.get(item.guest),
            representative=rep,
        )
    save_part(interview, actor=editor, part="closing", text=demo.closing)


def _apply(interview: Interview, edits: tuple[Edit, ...], editor: User) -> None:
    items = list(ScriptItem.objects.filter(script__interview=interview).select_related("guest", "representative"))
    for edit in edits:
        item = items[edit.number - 1]
        answer = item.answer.replace(edit.old, edit.new) if edit.old else f"{item.answer}\n{edit.new}"
        update_item(
            item,
            actor=editor,
            question=item.question,
            answer=answer,
            guest=item.guest,
            representative=item.representative,
        )


def _review(revision: ScriptRevision, center: str) -> ScriptReview:
    return revision.reviews.get(center=center)


def _item_key(revision: ScriptRevision, number: int) -> str:
    return revision.document["items"][number - 1]["key"]


def _returned_then_resubmitted(interview: Interview, accounts) -> None:
    """Revision 1 approved by 融媒体中心 and sent back by 数字治理中心; revision 2 waits for both."""
    editor = accounts["demo-editor"]
    _write(interview, DRAINAGE, editor)
    first = submit_script(interview, actor=editor)
    decide_review(_review(first, MEDIA), actor=accounts["demo-producer"], approve=True)
    decide_review(
        _review(first, DIGITAL),
        actor=accounts["demo-operator"],
        approve=False,
        comment=RETURN_COMMENT,
        item_comments={_item_key(first, RETURN_ITEM): RETURN_ITEM_COMMENT},
    )
    _apply(interview, REVISION_EDITS, editor)
    submit_script(interview, actor=editor, note=REVISION_NOTE)


def _final_approved(interview: Interview, accounts) -> None:
    """Revision 1 approved by both; the final (revision 2) approved by both, which closes the script."""
    editor, producer, operator = accounts["demo-editor"], accounts["demo-producer"], accounts["demo-operator"]
    _write(interview, ROADS, editor)
    for final in (False, True):
        if final:
            _apply(interview, FINAL_EDITS, editor)
        revision = submit_script(interview, actor=editor, final=final, note=FINAL_NOTE if final else "")
        decide_review(_review(revision, MEDIA), actor=producer, approve=True)
        decide_review(_review(revision, DIGITAL), actor=operator, approve=True)


# --- Times ------------------------------------------------------------------------------------


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=timezone.get_current_timezone())


def _workday_before(day: dt.date) -> dt.date:
    return workdays.previous_workday_or_same(day - dt.timedelta(days=1))


def _timeline(interview: Interview, spec: DemoInterviewSpec) -> list[tuple[dt.datetime, dict, dt.datetime | None]]:
    """Per revision: when it was submitted, when each center decided (None: waiting) and when it was approved."""
    today = timezone.localdate()
    if spec.slot == "scripting":
        second = _workday_before(today)
        decided = _workday_before(second)
        first = _workday_before(decided)
        return [
            (_at(first, 10), {MEDIA: _at(decided, 11), DIGITAL: _at(decided, 15)}, None),
            (_at(second, 10), {MEDIA: None, DIGITAL: None}, None),
        ]
    timeline = []
    for kind in (StepKind.DRAFT, StepKind.FINAL):
        done = completed_at(spec, kind, interview.recording_at, today)
        submitted = _at(_workday_before(timezone.localtime(done).date()), 10)
        timeline.append((submitted, {MEDIA: done - dt.timedelta(hours=3), DIGITAL: done}, done))
    return timeline


def _align_times(interview: Interview, spec: DemoInterviewSpec) -> bool:
    """Submission, decision and approval times in the demo's past; only for the script as the seeder left it."""
    script = Script.objects.filter(interview=interview).first()
    timeline = _timeline(interview, spec)
    revisions = list(script.revisions.order_by("number")) if script else []
    if len(revisions) != len(timeline):
        return False
    changed = False
    final_due = interview.steps_by_kind[StepKind.FINAL].due_date if spec.slot == "live" else None
    for revision, (submitted, decided, approved) in zip(revisions, timeline, strict=True):
        wanted = {"submitted_at": submitted, "approved_at": approved if revision.is_approved else None}
        if revision.is_final:
            wanted["final_due_date"] = final_due
            wanted["is_late"] = bool(final_due and timezone.localdate(submitted) > final_due)
        changed |= _update(ScriptRevision.objects.filter(pk=revision.pk), revision, wanted)
        for review in revision.reviews.all():
            when = decided[review.center] if not review.is_pending else None
            due = review_due_at(submitted)
            wanted = {"due_at": due, "decided_at": when, "is_late": bool(when and when > due)}
            changed |= _update(ScriptReview.objects.filter(pk=review.pk), review, wanted)
            if when is not None:
                changed |= bool(review.comments.exclude(created_at=when).update(created_at=when))
    if script.final_approved and timeline[-1][2] != script.final_approved_at:
        Script.objects.filter(pk=script.pk).update(final_approved_at=timeline[-1][2])
        changed = True
    return changed


def _update(queryset, obj, wanted: dict) -> bool:
    """Write ``wanted`` with a queryset update (a revision's save() refuses changes), only if it differs."""
    if all(getattr(obj, key) == value for key, value in wanted.items()):
        return False
    queryset.update(**wanted)
    return True
