"""Searching the whole audit log (auditors, 区政府办): filters, the newest entries first."""

import datetime as dt
import json
from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone

from portal.audit.models import AuditEntry

BATCH_SIZE = 2000


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def search_entries(
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    actor: str = "",
    action: str = "",
    content_type: ContentType | None = None,
    object_id: str = "",
    ip_address: str = "",
    text: str = "",
) -> QuerySet[AuditEntry]:
    """The entries matching every given filter (dates inclusive, local time), newest first."""
    entries = AuditEntry.objects.all()
    if date_from:
        entries = entries.filter(created_at__gte=_start_of(date_from))
    if date_to:
        entries = entries.filter(created_at__lt=_start_of(date_to + dt.timedelta(days=1)))
    if actor:
        entries = entries.filter(Q(actor_name__icontains=actor) | Q(actor__username__icontains=actor))
    if action:
        entries = entries.filter(action=action)
    if content_type is not None:
        entries = entries.filter(content_type=content_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    if ip_address:
        entries = entries.filter(ip_address=ip_address)
    if text:
        # SQLite keeps JSON with \\u escapes, PostgreSQL's jsonb the characters themselves: look for both.
        escaped = json.dumps(text)[1:-1]
        match = Q(data__icontains=text) | Q(object_repr__icontains=text)
        if escaped != text:
            match |= Q(data__icontains=escaped)
        entries = entries.filter(match)
    return entries.select_related("actor", "content_type").order_by("-created_at", "-id")


def in_batches(entries: QuerySet[AuditEntry], size: int = BATCH_SIZE) -> Iterator[list[AuditEntry]]:
    """The entries (newest first) in batches of short queries: no cursor held open while a download streams."""
    last: AuditEntry | None = None
    while True:
        batch = entries
        if last is not None:
            batch = batch.filter(Q(created_at__lt=last.created_at) | Q(created_at=last.created_at, id__lt=last.pk))
        rows = list(batch[:size])
        if not rows:
            return
        yield rows
        if len(rows) < size:
            return
        last = rows[-1]


def logged_content_types() -> list[ContentType]:
    """The kinds of object that appear in the log, for the search form."""
    used = AuditEntry.objects.exclude(content_type=None).values("content_type").distinct()
    return list(ContentType.objects.filter(pk__in=used).order_by("app_label", "model"))
