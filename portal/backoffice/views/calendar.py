"""工作日历: holidays and 调休 days for years the official calendar package does not cover yet."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.forms import CalendarDayForm
from portal.interviews.deadlines import recompute_deadlines_in_year
from portal.interviews.queries import years_with_interviews
from portal.workcalendar.models import CalendarDay
from portal.workcalendar.services import remove_calendar_day, save_calendar_day
from portal.workcalendar.workdays import OFFICIAL_YEARS, is_provisional


def _recomputed_message(count: int) -> str:
    if count:
        return _("已重新计算截止日期，%(count)s个步骤的截止日期有变化。") % {"count": count}
    return _("已重新计算截止日期，没有截止日期发生变化。")


@require_http_methods(["GET", "POST"])
@staff_required
def calendar_days(request):
    can_change = request.user.has_perm("workcalendar.change_day")
    status = 200
    form = CalendarDayForm(request.POST or None) if can_change else None
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            try:
                day = save_calendar_day(actor=request.user, **form.cleaned_data)
            except ValidationError as invalid:
                form.add_error("date", invalid)
            else:
                changed = recompute_deadlines_in_year(day.date.year)
                messages.success(request, _("已登记%(day)s。") % {"day": day} + _recomputed_message(changed))
                return redirect("backoffice:calendar")
        status = 400

    days = list(CalendarDay.objects.select_related("created_by"))
    this_year = timezone.localdate().year
    candidate_years = {this_year, this_year + 1, *years_with_interviews(), *(day.date.year for day in days)}
    context = {
        "nav": "calendar",
        "official_first": min(OFFICIAL_YEARS),
        "official_last": max(OFFICIAL_YEARS),
        "provisional_years": sorted(year for year in candidate_years if is_provisional(year)),
        "days_by_year": [(year, list(entries)) for year, entries in groupby(days, key=lambda day: day.date.year)],
        "can_change": can_change,
        "form": form,
    }
    return TemplateResponse(request, "backoffice/calendar.html", context, status=status)


@require_POST
@staff_required
def calendar_day_remove(request, pk):
    day = get_object_or_404(CalendarDay, pk=pk)
    remove_calendar_day(day, actor=request.user)
    changed = recompute_deadlines_in_year(day.date.year)
    messages.success(request, _("已删除%(day)s。") % {"day": day} + _recomputed_message(changed))
    return redirect("backoffice:calendar")
