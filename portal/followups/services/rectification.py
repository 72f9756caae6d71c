"""Rectification (整改): the lead unit (or 区政府办) sets items; the owner unit moves them on with dated notes.

The askers behind an item hear of it when it is set and of each status it reaches afterwards. While an
item is open, its owner unit is reminded daily from the day after its due date (a reminder wait keyed
``rectification:<id>``) until it is done or cancelled; it then also shows on 区政府办's oversight page.
"""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import Unit
from portal.audit.services import log_action
from portal.followups.askers import tell_rectification_askers
from portal.followups.enums import OPEN_STATUSES, STATUS_TRANSITIONS, RectificationStatus
from portal.followups.exceptions import FollowupRefused
from portal.followups.models import ProgressNote, RectificationItem
from portal.followups.services.common import require, require_held
from portal.followups.services.summary import cited
from portal.interviews.models import Interview
from portal.notifications.reminders import cancel_wait, first_overdue_at, schedule_wait
from portal.notifications.services import notify_units

WHAT_MAX = 1000
NOTE_MAX = 2000


def reminder_key(item: RectificationItem) -> str:
    return f"rectification:{item.pk}"


def item_url(item: RectificationItem) -> str:
    return reverse("backoffice:rectification", args=[item.interview_id]) + f"#item-{item.pk}"


def _schedule_overdue_reminders(item: RectificationItem) -> None:
    """Remind the owner unit daily from the day after the due date while the item is open."""
    if item.status not in OPEN_STATUSES:
        cancel_wait(reminder_key(item))
        return
    schedule_wait(
        key=reminder_key(item),
        interview=item.interview,
        unit_ids=[item.owner_unit_id],
        title=_("整改逾期：“%(what)s”已超过完成时限%(date)s")
        % {"what": item.what[:40], "date": item.due_date.strftime("%Y-%m-%d")},
        url=item_url(item),
        start=first_overdue_at(item.due_date),
    )


def _clean(interview: Interview, *, what: str, owner_unit: Unit, due_date: dt.date, question_ids):
    what = (what or "").strip()
    if not what:
        raise FollowupRefused(_("请填写整改内容。"))
    if len(what) > WHAT_MAX:
        raise FollowupRefused(_("整改内容不能超过%(n)s个字。") % {"n": WHAT_MAX})
    if owner_unit is None or owner_unit.pk not in {interview.lead_unit_id, *interview.co_unit_ids}:
        raise FollowupRefused(_("责任单位须为本期访谈的第一责任单位或配合单位。"))
    if due_date is None:
        raise FollowupRefused(_("请填写完成时限。"))
    return what, cited(interview, question_ids)


@transaction.atomic
def create_item(
    interview: Interview, *, actor, what: str, owner_unit: Unit, due_date: dt.date, question_ids
) -> RectificationItem:
    require(actor, "followups.manage_rectification", interview)
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    require_held(interview, filed_ok=True)
    what, questions = _clean(interview, what=what, owner_unit=owner_unit, due_date=due_date, question_ids=question_ids)
    if due_date < timezone.localdate():
        raise FollowupRefused(_("完成时限不能早于今天。"))
    item = RectificationItem.objects.create(
        interview=interview, what=what, owner_unit=owner_unit, due_date=due_date, created_by=actor
    )
    item.questions.set(questions)
    _schedule_overdue_reminders(item)
    log_action(item, "followups.rectification.created", actor=actor, data=_data(item, questions))
    notify_units(
        [owner_unit.pk],
        title=_("新的整改事项：%(what)s") % {"what": what[:60]},
        body=_("完成时限：%(date)s") % {"date": due_date.strftime("%Y-%m-%d")},
        url=item_url(item),
    )
    tell_rectification_askers(item, item.status)
    return item


def _data(item: RectificationItem, questions) -> dict:
    return {
        "text": item.what[:200],
        "unit": str(item.owner_unit),
        "date": item.due_date.isoformat(),
        "questions": [q.receipt_code for q in questions],
    }


def _locked(item: RectificationItem) -> RectificationItem:
    return RectificationItem.objects.select_for_update().select_related("interview", "owner_unit").get(pk=item.pk)


@transaction.atomic
def update_item(
    item: RectificationItem, *, actor, what: str, owner_unit: Unit, due_date: dt.date, question_ids
) -> RectificationItem:
    """Change an open item's content, owner unit, due date or questions (its askers are not told again)."""
    require(actor, "followups.manage_rectification", item.interview)
    item = _locked(item)
    if not item.is_open:
        raise FollowupRefused(_("“%(status)s”的整改事项不能再修改。") % {"status": item.get_status_display()})
    what, questions = _clean(
        item.interview, what=what, owner_unit=owner_unit, due_date=due_date, question_ids=question_ids
    )
    if due_date != item.due_date and due_date < timezone.localdate():
        raise FollowupRefused(_("完成时限不能早于今天。"))
    old_unit = item.owner_unit_id
    item.what, item.owner_unit, item.due_date = what, owner_unit, due_date
    item.save(update_fields=["what", "owner_unit", "due_date", "updated_at"])
    item.questions.set(questions)
    _schedule_overdue_reminders(item)
    log_action(item, "followups.rectification.updated", actor=actor, data=_data(item, questions))
    if owner_unit.pk != old_unit:
        notify_units([owner_unit.pk], title=_("新的整改事项：%(what)s") % {"what": what[:60]}, url=item_url(item))
    return item


@transaction.atomic
def change_status(item: RectificationItem, *, actor, status: str, note: str = "") -> RectificationItem:
    """The owner unit moves the item on; a note given with it becomes today's progress note."""
    require(actor, "followups.update_rectification", item)
    item = _locked(item)
    if status not in RectificationStatus.values:
        raise FollowupRefused(_("未知的整改状态。"))
    if status == item.status:
        raise FollowupRefused(_("整改事项已经是“%(status)s”。") % {"status": item.get_status_display()})
    if status not in STATUS_TRANSITIONS[item.status]:
        raise FollowupRefused(
            _("“%(from)s”的整改事项不能改为“%(to)s”。")
            % {"from": item.get_status_display(), "to": RectificationStatus(status).label}
        )
    note = (note or "").strip()
    if status == RectificationStatus.CANCELLED and not note:
        raise FollowupRefused(_("撤销整改事项时请说明原因。"))
    if len(note) > NOTE_MAX:
        raise FollowupRefused(_("进展情况不能超过%(n)s个字。") % {"n": NOTE_MAX})
    old = item.status
    now = timezone.now()
    item.status, item.status_changed_at = status, now
    item.completed_at = now if status == RectificationStatus.DONE else None
    item.save(update_fields=["status", "status_changed_at", "completed_at", "updated_at"])
    if note:
        ProgressNote.objects.create(item=item, date=timezone.localdate(now), text=note, author=actor)
    _schedule_overdue_reminders(item)
    log_action(
        item, "followups.rectification.status_changed", actor=actor, data={"from": old, "to": status, "note": note}
    )
    tell_rectification_askers(item, status)
    return item


@transaction.atomic
def add_note(item: RectificationItem, *, actor, date: dt.date, text: str) -> ProgressNote:
    """A dated progress note; the date is when it happened (today or earlier, not before the item was set)."""
    require(actor, "followups.update_rectification", item)
    item = _locked(item)
    text = (text or "").strip()
    if not text:
        raise FollowupRefused(_("请填写进展情况。"))
    if len(text) > NOTE_MAX:
        raise FollowupRefused(_("进展情况不能超过%(n)s个字。") % {"n": NOTE_MAX})
    today = timezone.localdate()
    if date is None or date > today:
        raise FollowupRefused(_("进展日期不能晚于今天。"))
    if date < timezone.localdate(item.created_at):
        raise FollowupRefused(_("进展日期不能早于整改事项的设立日期。"))
    note = ProgressNote.objects.create(item=item, date=date, text=text, author=actor)
    log_action(item, "followups.rectification.note_added", actor=actor, data={"date": date.isoformat(), "text": text})
    return note
