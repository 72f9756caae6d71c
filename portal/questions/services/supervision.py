"""督办: 区政府办 urges a unit whose written answers are overdue; the unit acknowledges."""

from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import Unit, singleton_unit_ids
from portal.audit.services import log_action
from portal.interviews.models import Interview
from portal.notifications.reminders import cancel_wait, next_day_at_reminder_hour, schedule_wait
from portal.notifications.services import notify_units
from portal.questions.exceptions import AnswerRefused
from portal.questions.models import Question, SupervisionNotice
from portal.questions.services.common import require

MESSAGE_MAX = 1000


def supervision_wait_key(notice: SupervisionNotice) -> str:
    return f"supervision:{notice.pk}"


@transaction.atomic
def send_supervision_notice(
    *, interview: Interview, unit: Unit, questions: Iterable[Question], message: str, actor
) -> SupervisionNotice:
    """Send a 督办 notice about ``questions`` (the unit's, of ``interview``) to every member of ``unit``."""
    require(actor, "questions.send_supervision", interview)
    questions = list(questions)
    message = (message or "").strip()
    if not message:
        raise AnswerRefused(_("请填写督办内容。"))
    if len(message) > MESSAGE_MAX:
        raise AnswerRefused(_("督办内容不能超过%(n)s个字。") % {"n": MESSAGE_MAX})
    if not questions:
        raise AnswerRefused(_("请选择需要督办的问题。"))
    lead_id = interview.lead_unit_id
    if any(q.interview_id != interview.pk or (q.responsible_unit_id or lead_id) != unit.pk for q in questions):
        raise AnswerRefused(_("只能督办该单位负责答复的本期访谈问题。"))
    notice = SupervisionNotice.objects.create(interview=interview, unit=unit, message=message, sent_by=actor)
    notice.questions.set(questions)
    log_action(
        notice, "questions.supervision.sent", actor=actor, data={"title": interview.title, "rows": len(questions)}
    )
    notify_units(
        [unit.pk],
        title=_("督办通知：请尽快答复“%(title)s”访谈中的%(n)s个网友提问")
        % {"title": interview.title, "n": len(questions)},
        body=message,
        url=interview.get_backoffice_url(),
    )
    # The notice itself arrives now; from tomorrow the unit is reminded daily until it signs for it.
    schedule_wait(
        key=supervision_wait_key(notice),
        interview=interview,
        unit_ids=[unit.pk],
        title=_("督办提醒：“%(title)s”访谈的督办通知尚未签收，请尽快答复网友提问并签收") % {"title": interview.title},
        url=reverse("backoffice:supervision-list"),
        start=next_day_at_reminder_hour(timezone.now()),
    )
    return notice


@transaction.atomic
def acknowledge_supervision_notice(notice: SupervisionNotice, *, actor, note: str = "") -> SupervisionNotice:
    """The unit signs for the notice, saying what it will do; 区政府办 is told."""
    notice = SupervisionNotice.objects.select_for_update().select_related("interview").get(pk=notice.pk)
    require(actor, "questions.acknowledge_supervision", notice)
    if notice.is_acknowledged:
        raise AnswerRefused(_("该督办通知已经签收。"))
    if len(note) > MESSAGE_MAX:
        raise AnswerRefused(_("签收说明不能超过%(n)s个字。") % {"n": MESSAGE_MAX})
    notice.acknowledged_by, notice.acknowledged_at, notice.acknowledgement = actor, timezone.now(), note.strip()
    notice.save(update_fields=["acknowledged_by", "acknowledged_at", "acknowledgement"])
    log_action(notice, "questions.supervision.acknowledged", actor=actor, data={"note": note.strip()})
    cancel_wait(supervision_wait_key(notice))
    gov_office = singleton_unit_ids().get("gov_office")
    notify_units(
        [gov_office] if gov_office else [],
        title=_("%(unit)s已签收督办通知（%(title)s）") % {"unit": notice.unit, "title": notice.interview.title},
        body=note,
        url=notice.interview.get_backoffice_url(),
    )
    return notice
