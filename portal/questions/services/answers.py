"""Answers: the responsible unit, answers given live, written answers checked by 数字治理中心.

``_settle_answer`` is the only code that writes ``Question.answer_status``. A written answer (or a
public reason for not answering) is drafted by the question's responsible unit, submitted, then
published or sent back by 数字治理中心; publishing or answering live tells every asker concerned.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import Unit, singleton_unit_ids
from portal.interviews.enums import InterviewState
from portal.notifications.services import notify_units
from portal.questions.enums import AnswerKind, AnswerState, AnswerStatus, EventKind, MessageKind, QuestionState
from portal.questions.exceptions import AnswerRefused
from portal.questions.models import Answer, Question
from portal.questions.services.askers import tell_askers
from portal.questions.services.common import locked, record, refuse_if_filed, require

BODY_MAX = 5000
EDITABLE_ANSWER_STATES = frozenset({AnswerState.DRAFT, AnswerState.RETURNED})


def _answerable(question: Question) -> Question:
    """The question that carries the answer: a merged question is answered through the one it joined."""
    question = locked(question)
    refuse_if_filed(question.interview, AnswerRefused)
    if question.state == QuestionState.MERGED and question.merged_into_id:
        question = locked(question.merged_into)
    if question.state != QuestionState.PUBLISHED:
        raise AnswerRefused(_("只有已发布的问题需要答复。"))
    return question


def _settle_answer(question: Question, status: str, *, actor, event: str, note: str = "", data=None) -> Question:
    if question.answer_status != AnswerStatus.UNANSWERED:
        raise AnswerRefused(_("该问题已经是“%(status)s”。") % {"status": AnswerStatus(question.answer_status).label})
    question.answer_status = status
    question.answered_at = timezone.now()
    question.save(update_fields=["answer_status", "answered_at", "live_entry_ref", "updated_at"])
    record(question, event, actor=actor, note=note, data=data)
    tell_askers(question, MessageKind.ANSWERED)
    return question


@transaction.atomic
def assign_responsible_unit(question: Question, *, actor, unit: Unit) -> Question:
    """Name the unit that answers: the lead unit (the default) or one of the interview's co-units."""
    require(actor, "questions.assign_question", question)
    question = locked(question)
    interview = question.interview
    refuse_if_filed(interview, AnswerRefused)
    if unit.pk not in {interview.lead_unit_id, *interview.co_unit_ids}:
        raise AnswerRefused(_("答复单位须为本期访谈的第一责任单位或配合单位。"))
    if question.answer_status != AnswerStatus.UNANSWERED:
        raise AnswerRefused(_("问题已经答复，不能再更换答复单位。"))
    answer = Answer.objects.filter(question=question).first()
    if answer is not None and answer.state not in EDITABLE_ANSWER_STATES:
        raise AnswerRefused(_("书面答复正在审核，不能更换答复单位。"))
    if question.responsible_unit_id == unit.pk:
        raise AnswerRefused(_("答复单位没有变化。"))
    old = str(question.responsible_unit or "")
    question.responsible_unit = unit
    question.save(update_fields=["responsible_unit", "updated_at"])
    if answer is not None:
        answer.unit = unit
        answer.save(update_fields=["unit", "updated_at"])
    record(question, EventKind.UNIT_ASSIGNED, actor=actor, data={"from": old, "to": str(unit)})
    notify_units(
        [unit.pk],
        title=_("请答复网友提问（%(code)s）") % {"code": question.formatted_receipt_code},
        body=question.public_text,
        url=interview.get_backoffice_url(),
    )
    return question


@transaction.atomic
def mark_answered_live(question: Question, *, actor, entry_ref: str | None = None) -> Question:
    """The question was answered during the broadcast (set by the live console, ``entry_ref`` its entry)."""
    require(actor, "questions.mark_answered_live", question)
    question = _answerable(question)
    if question.interview.state not in (InterviewState.LIVE, InterviewState.ENDED):
        raise AnswerRefused(_("访谈直播开始后才能标记为访谈中答复。"))
    question.live_entry_ref = entry_ref or ""
    return _settle_answer(
        question, AnswerStatus.LIVE, actor=actor, event=EventKind.ANSWERED_LIVE, data={"entry": entry_ref or ""}
    )


@transaction.atomic
def save_answer(
    question: Question, *, actor, body: str, kind: str = AnswerKind.WRITTEN, submit: bool = False
) -> Answer:
    """The responsible unit drafts (or redrafts after 退回) a written answer or a reason for not answering.

    With ``submit`` the draft goes to 数字治理中心 for checking; until then the unit may change it.
    """
    question = _answerable(question)
    require(actor, "questions.answer_question", question)
    if question.answer_status != AnswerStatus.UNANSWERED:
        raise AnswerRefused(_("该问题已经答复。"))
    body = (body or "").strip()
    if not body:
        raise AnswerRefused(_("请填写答复内容。") if kind == AnswerKind.WRITTEN else _("请填写不予答复的理由。"))
    if len(body) > BODY_MAX:
        raise AnswerRefused(_("答复内容不能超过%(n)s个字。") % {"n": BODY_MAX})
    if kind not in AnswerKind.values:
        raise AnswerRefused(_("未知的答复类型。"))
    answer = Answer.objects.select_for_update().filter(question=question).first()
    if answer is not None and answer.state not in EDITABLE_ANSWER_STATES:
        raise AnswerRefused(_("答复已提交审核，不能再修改。"))
    unit_id = question.responsible_unit_id or question.interview.lead_unit_id
    answer = answer or Answer(question=question)
    answer.unit_id, answer.kind, answer.body, answer.drafted_by = unit_id, kind, body, actor
    answer.state = AnswerState.SUBMITTED if submit else AnswerState.DRAFT
    answer.submitted_at = timezone.now() if submit else None
    answer.save()
    event = EventKind.ANSWER_SUBMITTED if submit else EventKind.ANSWER_SAVED
    record(question, event, actor=actor, data={"kind": kind})
    if submit:
        digital = singleton_unit_ids().get("digital_center")
        notify_units(
            [digital] if digital else [],
            title=_("书面答复待审核（%(code)s）") % {"code": question.formatted_receipt_code},
            body=body[:200],
            url=question.interview.get_backoffice_url(),
        )
    return answer


@transaction.atomic
def check_answer(question: Question, *, actor, publish: bool, note: str = "") -> Answer:
    """数字治理中心 publishes a submitted answer (askers are told) or sends it back with ``note``."""
    require(actor, "questions.check_answer", question)
    question = _answerable(question)
    answer = Answer.objects.select_for_update().filter(question=question).first()
    if answer is None or answer.state != AnswerState.SUBMITTED:
        raise AnswerRefused(_("没有待审核的答复。"))
    if not publish and not note.strip():
        raise AnswerRefused(_("退回时请填写修改意见。"))
    now = timezone.now()
    answer.checked_at, answer.checked_by, answer.check_note = now, actor, note.strip()
    if publish:
        answer.state, answer.published_at = AnswerState.PUBLISHED, now
        answer.save()
        status = AnswerStatus.DECLINED if answer.kind == AnswerKind.DECLINED else AnswerStatus.WRITTEN
        _settle_answer(
            question, status, actor=actor, event=EventKind.ANSWER_PUBLISHED, note=note, data={"kind": answer.kind}
        )
    else:
        answer.state = AnswerState.RETURNED
        answer.save()
        record(question, EventKind.ANSWER_RETURNED, actor=actor, note=note)
        notify_units(
            [answer.unit_id],
            title=_("书面答复被退回（%(code)s）") % {"code": question.formatted_receipt_code},
            body=note,
            url=question.interview.get_backoffice_url(),
        )
    return answer
