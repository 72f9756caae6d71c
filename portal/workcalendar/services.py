import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.audit.services import log_action
from portal.workcalendar import workdays
from portal.workcalendar.models import CalendarDay


@transaction.atomic
def save_calendar_day(*, date: dt.date, kind: str, name: str, actor) -> CalendarDay:
    """Enter a holiday or 调休 day for a year the official calendar does not cover; refuses covered years."""
    if not actor.has_perm("workcalendar.change_day"):
        raise PermissionDenied
    if workdays.is_official_year(date.year):
        raise ValidationError(_("%(year)s年已有国务院办公厅公布的节假日安排，无需手工登记。") % {"year": date.year})
    day, _created = CalendarDay.objects.update_or_create(
        date=date, defaults={"kind": kind, "name": name, "created_by": actor}
    )
    log_action(day, "workcalendar.day.saved", actor=actor, data={"date": date.isoformat(), "kind": kind})
    transaction.on_commit(lambda: workdays.invalidate(date.year))
    return day


@transaction.atomic
def remove_calendar_day(day: CalendarDay, *, actor) -> None:
    if not actor.has_perm("workcalendar.change_day"):
        raise PermissionDenied
    log_action(day, "workcalendar.day.removed", actor=actor, data={"date": day.date.isoformat()})
    year = day.date.year
    day.delete()
    transaction.on_commit(lambda: workdays.invalidate(year))
