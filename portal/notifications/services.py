from collections.abc import Iterable
from functools import partial

from django.db import transaction
from django.utils import timezone

from portal.accounts.models import User
from portal.notifications.models import Notification
from portal.notifications.tasks import notify_units_task


def notify_units(unit_ids: Iterable[int], *, title: str, body: str = "", url: str = "") -> None:
    """Tell every active member of the units, once the current transaction commits (via the job runner)."""
    ids = sorted({unit_id for unit_id in unit_ids if unit_id})
    if ids:
        transaction.on_commit(partial(notify_units_task.enqueue, unit_ids=ids, title=title, body=body, url=url))


def active_members(unit_ids: Iterable[int]):
    return User.objects.filter(is_active=True, memberships__unit_id__in=list(unit_ids)).distinct().order_by("pk")


def deliver_to_units(unit_ids: Iterable[int], *, title: str, body: str = "", url: str = "") -> int:
    """Write one inbox message per active member of the units; returns how many were written."""
    recipients = active_members(unit_ids)
    messages = [Notification(recipient=user, title=title, body=body, url=url) for user in recipients]
    Notification.objects.bulk_create(messages)
    return len(messages)


def mark_read(user, notification_ids: Iterable[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at=None)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
