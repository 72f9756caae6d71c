from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from portal.audit.models import AuditEntry
from portal.core.context import client_ip


def log_action(obj: models.Model | None, action: str, *, actor, data: dict[str, Any] | None = None) -> AuditEntry:
    """Append an audit entry for a staff write. The client's address comes from the request context."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(actor.display_name if getattr(actor, "pk", None) else "系统"),
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        ip_address=client_ip.get(),
        data=data or {},
    )


def record_export(*, actor, export_format: str, filters: dict[str, str], rows: int) -> AuditEntry:
    """Exporting the log is itself logged: who took which entries away, and in what form."""
    return log_action(
        None, "audit.exported", actor=actor, data={"format": export_format, "filter": filters, "rows": rows}
    )
