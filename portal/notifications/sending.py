"""The reminder worker (``manage.py run_reminders``): claim due reminders, send them, mark them sent.

A claim turns a due pending row into a claimed one that names the worker. On PostgreSQL the worker
locks the rows it picks with ``SELECT … FOR UPDATE SKIP LOCKED`` and marks them in the same
transaction, so two workers pick disjoint rows; elsewhere (SQLite) each row is claimed by a
conditional ``UPDATE … WHERE status = 'pending'`` that only one writer can win. Only the worker
named in the claim sends the row, so nothing is sent twice.

Sending: one e-mail per active member with an address (first, since it is the part that fails),
then, in one transaction, one inbox message per active member, the row marked sent and the next
day's row of a daily reminder (overdue step, wait not cancelled). A failure puts the row back to
pending until PORTAL_REMINDER_MAX_ATTEMPTS, then marks it failed with the error.
"""

import datetime as dt
import logging
import os
import socket
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.interviews.enums import InterviewState, StepStatus
from portal.notifications.models import Notification, Reminder, ReminderKind, ReminderStatus
from portal.notifications.reminders import (
    at_reminder_hour,
    deadline_row,
    first_overdue_at,
    next_day_at_reminder_hour,
)
from portal.notifications.services import active_members

logger = logging.getLogger(__name__)

ERROR_MAX = 1000


@dataclass
class RunReport:
    claimed: int = 0
    sent: int = 0
    cancelled: int = 0
    retried: int = 0
    failed: int = 0
    released: int = 0

    @property
    def anything(self) -> bool:
        return bool(self.claimed or self.released)


def new_worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[:100]


def release_stale_claims(now=None) -> int:
    """Take back claims of a worker that died while sending: pending again, or failed after the last attempt."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.PORTAL_REMINDER_CLAIM_TIMEOUT_MINUTES)
    stale = Reminder.objects.filter(status=ReminderStatus.CLAIMED, claimed_at__lt=cutoff)
    error = "发送进程未在规定时间内完成（可能已中断）"
    failed = stale.filter(attempts__gte=settings.PORTAL_REMINDER_MAX_ATTEMPTS).update(
        status=ReminderStatus.FAILED, last_error=error
    )
    back = stale.update(status=ReminderStatus.PENDING, claimed_by="", claimed_at=None, last_error=error)
    return failed + back


def claim_due(worker_id: str, *, batch: int = 50, now=None) -> list[int]:
    """Claim up to ``batch`` due pending reminders for ``worker_id``; no other worker gets the same ones."""
    now = now or timezone.now()
    due = Reminder.objects.filter(status=ReminderStatus.PENDING, due_at__lte=now).order_by("due_at", "pk")
    claim = {
        "status": ReminderStatus.CLAIMED,
        "claimed_by": worker_id,
        "claimed_at": now,
        "attempts": F("attempts") + 1,
    }
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:batch])
            Reminder.objects.filter(pk__in=ids).update(**claim)
        return ids
    candidates = list(due.values_list("pk", flat=True)[:batch])
    return [pk for pk in candidates if Reminder.objects.filter(pk=pk, status=ReminderStatus.PENDING).update(**claim)]


def obsolete_because(reminder: Reminder) -> str:
    """Why a deadline reminder no longer applies (the sync cancels such rows; this guards the race)."""
    if reminder.kind == ReminderKind.WAITING:
        return ""
    step = reminder.step
    if step is None or step.due_date is None:
        return "步骤已无截止日期"
    if step.status == StepStatus.DONE:
        return "步骤已完成"
    if not step.interview.deadlines_active:
        return f"访谈{InterviewState(step.interview.state).label}，截止日期暂停"
    if reminder.kind == ReminderKind.DEADLINE_OVERDUE:
        matches = reminder.due_at >= first_overdue_at(step.due_date)
    else:
        slots = {at_reminder_hour(step.due_date - dt.timedelta(days=n)) for n in settings.PORTAL_REMINDER_DAYS_BEFORE}
        matches = reminder.due_at in slots
    return "" if matches else "截止日期已变更"


def absolute_url(url: str) -> str:
    return f"{settings.PORTAL_PUBLIC_URL.rstrip('/')}{url}" if url.startswith("/") else url


def email_for(reminder: Reminder, user) -> EmailMessage:
    lines = [_("%(name)s，您好：") % {"name": user.full_name or user.username}, "", reminder.title]
    if reminder.body:
        lines += ["", reminder.body]
    lines += ["", _("提醒对象：%(unit)s") % {"unit": reminder.unit.name}]
    if reminder.url:
        lines += [_("请登录在线访谈平台处理：%(url)s") % {"url": absolute_url(reminder.url)}]
    lines += ["", _("本邮件由在线访谈平台自动发送，请勿直接回复。")]
    subject = _("【在线访谈平台】%(title)s") % {"title": reminder.title}
    return EmailMessage(subject=subject, body="\n".join(lines), to=[user.email])


def next_row(reminder: Reminder, now) -> Reminder | None:
    """The next day's reminder of a daily one: an overdue step still undone, or a wait not cancelled."""
    due_at = next_day_at_reminder_hour(now)
    if reminder.kind == ReminderKind.WAITING and reminder.continues:
        return Reminder(
            interview_id=reminder.interview_id,
            unit_id=reminder.unit_id,
            kind=ReminderKind.WAITING,
            key=reminder.key,
            title=reminder.title,
            body=reminder.body,
            url=reminder.url,
            due_at=due_at,
        )
    if reminder.kind == ReminderKind.DEADLINE_OVERDUE:
        step = reminder.step
        step.refresh_from_db(fields=["status", "due_date"])
        if step.status != StepStatus.DONE and not obsolete_because(reminder):
            return deadline_row(step, reminder.unit_id, ReminderKind.DEADLINE_OVERDUE, due_at)
    return None


def _give_back(pk: int, worker_id: str, reminder: Reminder, error: str) -> str:
    final = reminder.attempts >= settings.PORTAL_REMINDER_MAX_ATTEMPTS
    Reminder.objects.filter(pk=pk, status=ReminderStatus.CLAIMED, claimed_by=worker_id).update(
        status=ReminderStatus.FAILED if final else ReminderStatus.PENDING,
        claimed_by=worker_id if final else "",
        claimed_at=reminder.claimed_at if final else None,
        last_error=error[:ERROR_MAX],
    )
    return "failed" if final else "retried"


def send_claimed(pk: int, worker_id: str) -> str:
    """Send one reminder this worker claimed; returns sent, cancelled, retried, failed or lost."""
    reminder = Reminder.objects.select_related("unit", "step__interview").get(pk=pk)
    if reminder.status != ReminderStatus.CLAIMED or reminder.claimed_by != worker_id:
        return "lost"
    if reason := obsolete_because(reminder):
        Reminder.objects.filter(pk=pk, status=ReminderStatus.CLAIMED, claimed_by=worker_id).update(
            status=ReminderStatus.CANCELLED, last_error=reason
        )
        return "cancelled"
    try:
        recipients = list(active_members([reminder.unit_id]))
        emails = [email_for(reminder, user) for user in recipients if user.email]
        if emails:
            get_connection(fail_silently=False).send_messages(emails)
        with transaction.atomic():
            locked = Reminder.objects.select_for_update().filter(pk=pk).first()
            if locked is None or locked.status != ReminderStatus.CLAIMED or locked.claimed_by != worker_id:
                return "lost"
            Notification.objects.bulk_create(
                [
                    Notification(recipient=user, title=reminder.title, body=reminder.body, url=reminder.url)
                    for user in recipients
                ]
            )
            now = timezone.now()
            Reminder.objects.filter(pk=pk).update(
                status=ReminderStatus.SENT, sent_at=now, delivered=len(recipients), last_error=""
            )
            locked.step = reminder.step
            if (following := next_row(locked, now)) is not None:
                Reminder.objects.bulk_create([following], ignore_conflicts=True)
    except Exception as exc:
        logger.exception("Reminder %s could not be sent", pk)
        return _give_back(pk, worker_id, reminder, f"{type(exc).__name__}: {exc}")
    return "sent"


def run_once(worker_id: str, *, batch: int = 50) -> RunReport:
    """Send every reminder due now, batch by batch; a batch with a failure ends the round (retry next round)."""
    report = RunReport(released=release_stale_claims())
    while True:
        ids = claim_due(worker_id, batch=batch)
        report.claimed += len(ids)
        outcomes = [send_claimed(pk, worker_id) for pk in ids]
        for outcome in ("sent", "cancelled", "retried", "failed"):
            setattr(report, outcome, getattr(report, outcome) + outcomes.count(outcome))
        if len(ids) < batch or "retried" in outcomes or "failed" in outcomes:
            return report
