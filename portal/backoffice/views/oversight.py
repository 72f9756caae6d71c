"""督办总览: the year's interviews against their steps, overdue first, with overdue counts per unit."""

from collections import Counter

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone

from portal.accounts.enums import UnitKind
from portal.accounts.models import Unit
from portal.backoffice.decorators import staff_required
from portal.backoffice.views.common import int_param
from portal.backoffice.views.questions.supervision import overdue_answer_rows
from portal.followups.queries import overdue_items
from portal.interviews.enums import StepDisplay
from portal.interviews.queries import oversight_rows, years_with_interviews
from portal.interviews.steps import STEPS
from portal.scripts.queries import late_finals, late_reviews


def _default_year(years: list[int], this_year: int) -> int:
    if this_year in years or not years:
        return this_year
    return years[0]


@staff_required
def oversight(request):
    return render_oversight(request)


def render_oversight(request, *, status: int = 200, supervision_forms: dict | None = None):
    """The page, also with a refused 督办 form (``supervision_forms``: (interview id, unit id) → bound form)."""
    if not request.user.has_perm("interviews.view_oversight"):
        raise PermissionDenied
    today = timezone.localdate()
    years = years_with_interviews()
    year = int_param(request.GET.get("year")) or _default_year(years, today.year)
    units = list(Unit.objects.all())
    units_by_id = {unit.pk: unit for unit in units}
    responsible_units = [unit for unit in units if unit.kind == UnitKind.RESPONSIBLE]
    unit = units_by_id.get(int_param(request.GET.get("unit")))
    if unit is not None and unit.kind != UnitKind.RESPONSIBLE:
        unit = None

    rows = []
    overdue_by_unit: Counter[int] = Counter()
    for interview in oversight_rows(year, unit):
        by_kind = interview.steps_by_kind
        cells = []
        for definition in STEPS:
            step = by_kind.get(definition.kind)
            display = step.display_status(today) if step is not None else None
            if display == StepDisplay.OVERDUE:
                overdue_by_unit.update(step.owner_unit_ids)
            cells.append({"step": step, "display": display, "overdue": display == StepDisplay.OVERDUE})
        rows.append({"interview": interview, "cells": cells, "overdue_count": sum(cell["overdue"] for cell in cells)})
    rows.sort(key=lambda row: row["overdue_count"] == 0)  # stable: plan order within each group

    context = {
        "nav": "oversight",
        "year": year,
        "years": sorted({*years, today.year}, reverse=True),
        "unit": unit,
        "responsible_units": responsible_units,
        "steps": STEPS,
        "rows": rows,
        "overdue_total": sum(row["overdue_count"] for row in rows),
        "overdue_by_unit": [
            (units_by_id[unit_id], count)
            for unit_id, count in sorted(overdue_by_unit.items(), key=lambda item: (-item[1], item[0]))
            if unit_id in units_by_id
        ],
        "overdue_answers": overdue_answer_rows(request.user, today, year, supervision_forms or {}),
        "script_late": {"finals": late_finals(year), "reviews": late_reviews(year)},
        "rectification_overdue": overdue_items(today, year=year),
    }
    shown = {(row.interview.pk, row.unit.pk) for row in context["overdue_answers"]}
    context["supervision_orphans"] = [f for key, f in (supervision_forms or {}).items() if key not in shown]
    return TemplateResponse(request, "backoffice/oversight.html", context, status=status)
