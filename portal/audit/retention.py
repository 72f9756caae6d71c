"""How long the audit log is kept (等保: at least six months) and the pruning of older entries."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from portal.audit.models import AuditEntry
from portal.audit.services import log_action

# Six months, rounded up: no setting can make the portal keep less.
MIN_RETENTION_DAYS = 183


def check_retention_setting(value) -> int:
    """PORTAL_AUDIT_RETENTION_DAYS as configured, refused at start-up below six months."""
    if not isinstance(value, int) or isinstance(value, bool) or value < MIN_RETENTION_DAYS:
        raise ImproperlyConfigured(
            f"PORTAL_AUDIT_RETENTION_DAYS must be a whole number of days, at least {MIN_RETENTION_DAYS} "
            f"(six months, 等保), not {value!r}"
        )
    return value


def retention_days() -> int:
    """The days entries are kept: the setting, and never under six months even if misconfigured later."""
    configured = getattr(settings, "PORTAL_AUDIT_RETENTION_DAYS", MIN_RETENTION_DAYS)
    return max(configured if isinstance(configured, int) else MIN_RETENTION_DAYS, MIN_RETENTION_DAYS)


def prune_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """Entries created before this moment are past retention."""
    return (now or timezone.now()) - dt.timedelta(days=retention_days())


def prune_audit_log(*, now: dt.datetime | None = None, dry_run: bool = False) -> int:
    """Delete entries past retention; return how many (would) go. A real run logs itself, even when empty."""
    cutoff = prune_cutoff(now)
    old = AuditEntry.objects.filter(created_at__lt=cutoff)
    if dry_run:
        return old.count()
    with transaction.atomic():
        deleted, _per_model = old.delete()
        log_action(
            None,
            "audit.pruned",
            actor=None,
            data={
                "rows": deleted,
                "before": timezone.localtime(cutoff).strftime("%Y-%m-%d %H:%M"),
                "retention_days": retention_days(),
            },
        )
    return deleted
