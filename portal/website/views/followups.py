"""Rectification (整改情况) in public: one interview's items, and the year's items filtered by unit and status."""

from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from portal.accounts.enums import UnitKind
from portal.accounts.models import Unit
from portal.followups.enums import RectificationStatus
from portal.followups.queries import items_of, year_items
from portal.website.views.common import public_interviews, shows_demo
from portal.website.views.interviews import public_interview_or_404


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_safe
def rectification(request, pk: int):
    interview = public_interview_or_404(pk)
    today = timezone.localdate()
    items = list(items_of(interview))
    for item in items:
        item.overdue = item.is_overdue(today)
    context = {"nav": "archive", "interview": interview, "items": items, "shows_demo": shows_demo(interview)}
    return TemplateResponse(request, "website/followups/rectification.html", context)


@require_safe
def rectification_year(request, year: int):
    today = timezone.localdate()
    unit_id = _int(request.GET.get("unit"))
    status = request.GET.get("status", "")
    status = status if status in RectificationStatus.values else ""
    interviews = public_interviews().filter(year=year)
    items = list(year_items(interviews, year, unit_id=unit_id, status=status))
    for item in items:
        item.overdue = item.is_overdue(today)
    units = Unit.objects.filter(kind=UnitKind.RESPONSIBLE).order_by("sort_order", "name")
    context = {
        "nav": "archive",
        "year": year,
        "items": items,
        "units": list(units),
        "unit_id": unit_id,
        "status": status,
        "statuses": RectificationStatus.choices,
        "shows_demo": any(item.interview.is_demo for item in items),
    }
    return TemplateResponse(request, "website/followups/rectification_year.html", context)
