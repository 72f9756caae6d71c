"""Small helpers shared by the back office's views."""

from portal.accounts.models import singleton_unit_ids


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
