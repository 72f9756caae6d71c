"""Moderation by 数字治理中心: approve, reject, merge, forward (转办), one by one or in bulk.

``_transition`` is the only code that writes ``Question.state``; each public function checks the
permission, locks the question, calls it, and schedules what the asker is told.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.questions.enums import AnswerStatus, EventKind, MessageKind, QuestionState
from portal.questions.exceptions import ModerationRefused
from portal.questions.models import ForwardChannel, Question, RejectionReason, Support
from portal.questions.services.askers import tell_askers
from portal.questions.services.common import locked, record, refuse_if_filed, require

S = QuestionState

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.PENDING: frozenset({S.PUBLISHED, S.REJECTED, S.MERGED, S.FORWARDED}),
    S.PUBLISHED: frozenset({S.REJECTED, S.MERGED, S.FORWARDED}),
    S.REJECTED: frozenset({S.PUBLISHED}),
    S.MERGED: frozenset(),
    S.FORWARDED: frozenset(),
}
EVENT_FOR = {S.PUBLISHED: EventKind.APPROVED, S.REJECTED: EventKind.REJECTED, S.MERGED: EventKind.MERGED}
EVENT_FOR[S.FORWARDED] = EventKind.FORWARDED
NOTE_MAX = 500


@dataclass
class BulkResult:
    done: list[Question] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # receipt code → why


def _transition(question: Question, to_state: str, *, actor, note: str = "", data=None, **fields) -> Question:
    refuse_if_filed(question.interview, ModerationRefused)
    if to_state not in ALLOWED_TRANSITIONS[question.state]:
        raise ModerationRefused(
            _("“%(from)s”的问题不能改为“%(to)s”。") % {"from": S(question.state).label, "to": S(to_state).label}
        )
    if question.answer_status != AnswerStatus.UNANSWERED:
        raise ModerationRefused(_("问题已经答复，不能再改变审核结果。"))
    if len(note) > NOTE_MAX:
        raise ModerationRefused(_("说明不能超过%(n)s个字。") % {"n": NOTE_MAX})
    from_state = question.state
    question.state = to_state
    question.moderated_at = timezone.now()
    question.moderated_by = actor
    for key, value in fields.items():
        setattr(question, key, value)
    question.save()
    record(
        question, EVENT_FOR[to_state], actor=actor, note=note, data={"from": from_state, "to": to_state, **(data or {})}
    )
    return question


def _approve(question: Question, *, actor) -> Question:
    return _transition(locked(question), S.PUBLISHED, actor=actor, rejection_reason=None, public_note="")


def _reject(question: Question, *, actor, reason: RejectionReason, note: str) -> Question:
    if not reason.is_active:
        raise ModerationRefused(_("请选择有效的不予采纳理由。"))
    return _transition(
        locked(question), S.REJECTED, actor=actor, note=note, data={"reason": reason.label},
        rejection_reason=reason, public_note=note.strip(),
    )  # fmt: skip


@transaction.atomic
def approve_question(question: Question, *, actor) -> Question:
    """Publish the question: its masked text (public_text) appears on the interview's page."""
    require(actor, "questions.moderate_question", question)
    return _approve(question, actor=actor)


@transaction.atomic
def reject_question(question: Question, *, actor, reason: RejectionReason, note: str = "") -> Question:
    """Not taken up, for a reason from the editable list; the asker reads it (and ``note``) under the 查询码."""
    require(actor, "questions.moderate_question", question)
    return _reject(question, actor=actor, reason=reason, note=note)


def _bulk(questions: Iterable[Question], action) -> BulkResult:
    result = BulkResult()
    for question in questions:
        try:
            with transaction.atomic():
                result.done.append(action(question))
        except ModerationRefused as refused:
            result.refused[question.receipt_code] = str(refused)
    return result


@transaction.atomic
def bulk_approve(questions: Iterable[Question], *, actor) -> BulkResult:
    """Approve each question that can be; the others are listed with the reason, and nothing else changes."""
    require(actor, "questions.moderate_question")
    return _bulk(questions, lambda q: _approve(q, actor=actor))


@transaction.atomic
def bulk_reject(questions: Iterable[Question], *, actor, reason: RejectionReason, note: str = "") -> BulkResult:
    require(actor, "questions.moderate_question")
    return _bulk(questions, lambda q: _reject(q, actor=actor, reason=reason, note=note))


@transaction.atomic
def merge_question(question: Question, *, into: Question, actor, note: str = "") -> Question:
    """Merge ``question`` into ``into`` (same interview). Every asker and every supporter is kept.

    The merged question's askers, and those merged into it before, follow it to ``into``: all are
    told the answer. Supporters move over, each person counted once. The asker is told of the
    merge; if ``into`` is already answered, the answer is sent at once.
    """
    require(actor, "questions.moderate_question", question)
    source, target = locked(question), locked(into)
    refuse_if_filed(source.interview, ModerationRefused)
    if source.pk == target.pk:
        raise ModerationRefused(_("不能把问题合并到它自己。"))
    if source.interview_id != target.interview_id:
        raise ModerationRefused(_("只能合并同一期访谈的问题。"))
    if target.state not in (S.PENDING, S.PUBLISHED):
        raise ModerationRefused(_("只能合并到待审核或已发布的问题。"))

    Question.objects.filter(merged_into=source).update(merged_into=target, updated_at=timezone.now())
    kept = set(Support.objects.filter(question=target).values_list("supporter_hash", flat=True))
    Support.objects.filter(question=source).exclude(supporter_hash__in=kept).update(question=target)
    Support.objects.filter(question=source).delete()  # people who supported both: counted once, on the target
    _transition(
        source, S.MERGED, actor=actor, note=note, data={"into": target.receipt_code},
        merged_into=target, group_id=target.group_id, public_note=note.strip(), support_count=0,
    )  # fmt: skip
    target.support_count = Support.objects.filter(question=target).count()
    target.save(update_fields=["support_count", "updated_at"])
    tell_askers(source, MessageKind.MERGED)
    if target.answer_status != AnswerStatus.UNANSWERED:
        tell_askers(target, MessageKind.ANSWERED)
    return source


@transaction.atomic
def forward_question(question: Question, *, actor, channel: ForwardChannel, note: str = "") -> Question:
    """转办: an off-topic question goes to another channel (e.g. 12345); the asker is told, with ``note``."""
    require(actor, "questions.moderate_question", question)
    if not channel.is_active:
        raise ModerationRefused(_("请选择有效的转办渠道。"))
    question = _transition(
        locked(question), S.FORWARDED, actor=actor, note=note, data={"channel": channel.name},
        forward_channel=channel, public_note=note.strip(),
    )  # fmt: skip
    tell_askers(question, MessageKind.FORWARDED)
    return question
