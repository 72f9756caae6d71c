"""Submission and the two centers' review (product.md §5).

Submitting freezes the working copy into a revision and asks both centers at once. A revision is
approved only when both approved that same revision; a later submission supersedes a pending one.
The first approval completes 起草访谈稿; the approval of a final revision completes 访谈定稿 and closes
the script. A final submitted after the 访谈定稿 deadline is accepted and marked 逾期.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import singleton_unit_ids
from portal.audit.services import log_action
from portal.interviews.enums import FILED_REFUSAL, InterviewState, StepKind, StepStatus
from portal.interviews.models import Interview
from portal.interviews.services import settle_step
from portal.notifications.reminders import cancel_wait, schedule_wait
from portal.notifications.services import notify_units
from portal.scripts.enums import CENTER_UNIT_KIND, ReviewCenter, ReviewDecision, RevisionStatus
from portal.scripts.exceptions import ScriptRefused
from portal.scripts.models import ReviewComment, Script, ScriptReview, ScriptRevision
from portal.scripts.queries import working_document
from portal.scripts.services.common import CLOSED_STATES, editable_script, require
from portal.scripts.snapshot import document_to_json
from portal.scripts.wordcount import count_document
from portal.workcalendar import workdays

NOTE_MAX = 2000
COMMENT_MAX = 5000


def wait_key(review: ScriptReview) -> str:
    return f"script-review:{review.revision_id}:{review.center}"


def revision_url(revision: ScriptRevision) -> str:
    return reverse("backoffice:script-revision", args=[revision.script.interview_id, revision.number])


def review_due_at(submitted_at: dt.datetime) -> dt.datetime:
    """The end of the N-th working day after the submission (PORTAL_SCRIPT_REVIEW_WORKDAYS)."""
    day = workdays.add_workdays(timezone.localdate(submitted_at), settings.PORTAL_SCRIPT_REVIEW_WORKDAYS)
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=timezone.get_current_timezone())


def missing_chars(count: int) -> int:
    return max(0, settings.PORTAL_SCRIPT_MIN_CHARS - count)


def _supersede_pending(script: Script) -> int:
    """Pending reviews of earlier revisions end as 已被新版本取代; their reminders are dropped."""
    pending = list(ScriptReview.objects.filter(revision__script=script, decision=ReviewDecision.PENDING))
    for review in pending:
        cancel_wait(wait_key(review))
    ScriptReview.objects.filter(pk__in=[r.pk for r in pending]).update(decision=ReviewDecision.SUPERSEDED)
    return ScriptRevision.objects.filter(script=script, status=RevisionStatus.PENDING).update(
        status=RevisionStatus.SUPERSEDED
    )


def _check_submittable(script: Script, doc, *, final: bool) -> int:
    if not doc.items:
        raise ScriptRefused(_("请至少添加一个问答后再提交。"))
    for number, item in enumerate(doc.items, start=1):
        if not item.answer.strip():
            raise ScriptRefused(_("第%(n)s个问答还没有填写嘉宾回答。") % {"n": number})
    count = count_document(doc)
    if missing := missing_chars(count):
        raise ScriptRefused(
            _("访谈稿现有%(count)s字，须不少于%(min)s字才能提交，还差%(missing)s字。")
            % {"count": count, "min": settings.PORTAL_SCRIPT_MIN_CHARS, "missing": missing}
        )
    if final and not script.revisions.filter(status=RevisionStatus.APPROVED).exists():
        raise ScriptRefused(_("访谈稿须先有一版经两中心审核通过，才能提交定稿。"))
    latest = script.revisions.order_by("-number").first()
    if (
        latest is not None
        and latest.status == RevisionStatus.PENDING
        and latest.is_final == final
        and latest.document == document_to_json(doc)
    ):
        raise ScriptRefused(_("第%(n)s版正在审核中，工作稿没有修改，无需重复提交。") % {"n": latest.number})
    return count


@transaction.atomic
def submit_script(interview: Interview, *, actor, final: bool = False, note: str = "") -> ScriptRevision:
    """Freeze the working copy as the next revision and ask both centers to review it."""
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ScriptRefused(_("修改说明不能超过%(n)s个字。") % {"n": NOTE_MAX})
    script = editable_script(interview, actor=actor, perm="scripts.submit_final" if final else "scripts.submit_script")
    doc = working_document(script)
    count = _check_submittable(script, doc, final=final)
    superseded = _supersede_pending(script)
    now = timezone.now()
    final_step = interview.steps.filter(kind=StepKind.FINAL).first()
    final_due = final_step.due_date if final and final_step else None
    number = (script.revisions.aggregate(top=Max("number"))["top"] or 0) + 1
    revision = ScriptRevision.objects.create(
        script=script,
        number=number,
        document=document_to_json(doc),
        word_count=count,
        is_final=final,
        note=note,
        submitted_by=actor,
        submitted_at=now,
        final_due_date=final_due,
        is_late=bool(final_due and timezone.localdate(now) > final_due),
    )
    centers = singleton_unit_ids()
    due_at = review_due_at(now)
    url = revision_url(revision)
    title = _("访谈“%(title)s”的访谈稿%(what)s（第%(n)s版，%(count)s字）待审核") % {
        "title": interview.title,
        "what": _("定稿") if final else "",
        "n": number,
        "count": count,
    }
    for center in ReviewCenter:
        unit_id = centers.get(CENTER_UNIT_KIND[center])
        review = ScriptReview.objects.create(revision=revision, center=center, unit_id=unit_id, due_at=due_at)
        schedule_wait(
            key=wait_key(review), interview=interview, unit_ids=[unit_id] if unit_id else [], title=title, url=url
        )
    notify_units([centers.get(CENTER_UNIT_KIND[c]) for c in ReviewCenter], title=title, body=note, url=url)
    if interview.steps.filter(kind=StepKind.DRAFT, status=StepStatus.NOT_STARTED).exists():
        settle_step(interview, StepKind.DRAFT, StepStatus.IN_PROGRESS)
    if final and final_step and final_step.status == StepStatus.NOT_STARTED:
        settle_step(interview, StepKind.FINAL, StepStatus.IN_PROGRESS)
    log_action(
        interview,
        "scripts.revision.final_submitted" if final else "scripts.revision.submitted",
        actor=actor,
        data={
            "revision": number,
            "words": count,
            "note": note,
            "late": _("是") if revision.is_late else "",
            "superseded": superseded or "",
        },
    )
    return revision


def _item_numbers(revision: ScriptRevision) -> dict[str, int]:
    return {item.get("key", ""): number for number, item in enumerate(revision.document.get("items", []), start=1)}


def _settle_revision(revision: ScriptRevision, interview: Interview, *, actor) -> None:
    """Returned as soon as one center returns it; approved when both approved it."""
    if revision.status != RevisionStatus.PENDING:
        return
    decisions = {review.center: review.decision for review in revision.reviews.all()}
    if ReviewDecision.RETURNED in decisions.values():
        revision.status = RevisionStatus.RETURNED
        revision.save(update_fields=["status"])
        return
    if set(decisions) != set(ReviewCenter.values) or any(d != ReviewDecision.APPROVED for d in decisions.values()):
        return
    now = timezone.now()
    revision.status, revision.approved_at = RevisionStatus.APPROVED, now
    revision.save(update_fields=["status", "approved_at"])
    settle_step(interview, StepKind.DRAFT, StepStatus.DONE)
    if revision.is_final:
        settle_step(interview, StepKind.FINAL, StepStatus.DONE)
        Script.objects.filter(pk=revision.script_id).update(final_approved_at=now)
    log_action(
        interview,
        "scripts.revision.final_approved" if revision.is_final else "scripts.revision.approved",
        actor=actor,
        data={"revision": revision.number},
    )
    centers = singleton_unit_ids()
    notify_units(
        interview.involved_unit_ids(centers),
        title=_("访谈“%(title)s”的访谈稿%(what)s第%(n)s版已经两中心审核通过")
        % {"title": interview.title, "what": _("定稿") if revision.is_final else "", "n": revision.number},
        url=revision_url(revision),
    )


@transaction.atomic
def decide_review(
    review: ScriptReview, *, actor, approve: bool, comment: str = "", item_comments: dict[str, str] | None = None
) -> ScriptReview:
    """One center approves the revision or sends it back, with comments on the whole and on single items."""
    # The revision's row first: the two centers deciding at once must see each other's decision.
    locked = ScriptRevision.objects.select_for_update(of=("self",)).select_related("script__interview")
    revision = locked.get(pk=review.revision_id)
    review = ScriptReview.objects.select_for_update().get(pk=review.pk)
    review.revision = revision
    interview = revision.script.interview
    require(actor, "scripts.review_script", review)
    if interview.state == InterviewState.FILED:
        raise ScriptRefused(str(FILED_REFUSAL))
    if interview.state in CLOSED_STATES:
        raise ScriptRefused(_("“%(state)s”的访谈不能再审核访谈稿。") % {"state": interview.get_state_display()})
    if review.decision == ReviewDecision.SUPERSEDED:
        raise ScriptRefused(_("第%(n)s版已被新版本取代，无需再审核。") % {"n": revision.number})
    if not review.is_pending:
        raise ScriptRefused(
            _("%(center)s已经审核过第%(n)s版（%(decision)s）。")
            % {"center": review.get_center_display(), "n": revision.number, "decision": review.get_decision_display()}
        )
    comment = (comment or "").strip()
    numbers = _item_numbers(revision)
    item_comments = {key: text.strip() for key, text in (item_comments or {}).items() if text and text.strip()}
    if set(item_comments) - set(numbers):
        raise ScriptRefused(_("意见对应的问答不在第%(n)s版中。") % {"n": revision.number})
    if any(len(text) > COMMENT_MAX for text in [comment, *item_comments.values()]):
        raise ScriptRefused(_("每条意见不能超过%(n)s个字。") % {"n": COMMENT_MAX})
    if not approve and not comment and not item_comments:
        raise ScriptRefused(_("退回修改时，请填写对全文或对具体问答的意见。"))
    now = timezone.now()
    review.decision = ReviewDecision.APPROVED if approve else ReviewDecision.RETURNED
    review.reviewer, review.decided_at, review.is_late = actor, now, now > review.due_at
    review.save(update_fields=["decision", "reviewer", "decided_at", "is_late"])
    comments = [ReviewComment(review=review, text=comment)] if comment else []
    comments += [
        ReviewComment(review=review, item_key=key, item_number=numbers[key], text=text)
        for key, text in sorted(item_comments.items(), key=lambda pair: numbers[pair[0]])
    ]
    ReviewComment.objects.bulk_create(comments)
    cancel_wait(wait_key(review))
    log_action(
        interview,
        "scripts.review.approved" if approve else "scripts.review.returned",
        actor=actor,
        data={
            "revision": revision.number,
            "center": review.center,
            "note": comment,
            "late": _("是") if review.is_late else "",
        },
    )
    notify_units(
        [interview.lead_unit_id, *interview.co_unit_ids],
        title=_("%(center)s%(decision)s访谈“%(title)s”的访谈稿第%(n)s版")
        % {
            "center": review.get_center_display(),
            "decision": _("审核通过了") if approve else _("退回了"),
            "title": interview.title,
            "n": revision.number,
        },
        body=comment,
        url=revision_url(revision),
    )
    _settle_revision(revision, interview, actor=actor)
    return review
