"""Small helpers shared by the back office's views."""

from portal.accounts.models import singleton_unit_ids
from portal.audit.models import AuditEntry

AUDIT_ENTRIES_SHOWN = 200


def audit_entries(obj) -> list[AuditEntry]:
    """The latest writes on ``obj`` for its page's 操作日志 (whoever sees the object sees who changed it)."""
    return list(AuditEntry.objects.for_object(obj)[:AUDIT_ENTRIES_SHOWN])


def owner_names(step, units_by_id: dict) -> list[str]:
    """Names of the units that own ``step`` of its interview, in the order of the step's definition."""
    centers = singleton_unit_ids()
    names: list[str] = []
    for owner in step.definition.owners:
        for unit_id in sorted(step.interview.unit_ids_for(owner, centers)):
            unit = units_by_id.get(unit_id)
            if unit is not None and str(unit) not in names:
                names.append(str(unit))
    return names


def int_param(value) -> int | None:
    """A positive integer from a query parameter, or None for anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"
