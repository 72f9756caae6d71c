"""Calendar files (RFC 5545) of recordings and step deadlines, built with the icalendar library.

Every event has a stable UID (``interview-<id>-recording@<PORTAL_CALENDAR_DOMAIN>``,
``interview-<id>-step-<kind>@…``), so a calendar app updates it in place; SEQUENCE counts the
changes of R (each moves the recording and the deadlines). Recordings are timed events in
Asia/Shanghai with its VTIMEZONE; deadlines are all-day events.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from portal.interviews.enums import StepStatus
from portal.interviews.models import Interview

PRODID = "-//在线访谈平台//portal//ZH"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _finish(calendar: Calendar) -> bytes:
    # Asia/Shanghai has kept +08:00 since 1991; the VTIMEZONE covers this century.
    calendar.add_missing_timezones(first_date=dt.date(2000, 1, 1), last_date=dt.date(2100, 1, 1))
    return calendar.to_ical()


def uid(interview: Interview, what: str) -> str:
    return f"interview-{interview.pk}-{what}@{settings.PORTAL_CALENDAR_DOMAIN}"


def sequence(interview: Interview) -> int:
    """How many times R was set or moved (annotated as ``date_change_count`` by feeds, else counted)."""
    count = getattr(interview, "date_change_count", None)
    return count if count is not None else interview.date_changes.count()


def recording_event(interview: Interview, *, url: str, public: bool = False, stamp: dt.datetime) -> Event:
    """The recording as a timed event; the public one says only what the public page says."""
    zone = timezone.get_default_timezone()
    event = Event()
    event.add("uid", uid(interview, "recording"))
    event.add("dtstamp", stamp)
    event.add("sequence", sequence(interview))
    event.add("summary", f"在线访谈：{interview.title}")
    event.add("dtstart", interview.recording_at.astimezone(zone))
    event.add("dtend", interview.recording_ends_at.astimezone(zone))
    event.add("location", interview.place)
    event.add("status", "CONFIRMED" if interview.recording_confirmed else "TENTATIVE")
    event.add("url", url)
    if not public:
        state = "已三方确认" if interview.recording_confirmed else "暂定，待三方确认"
        lead = f"第一责任单位：{interview.lead_unit}\n" if interview.lead_unit_id else ""
        event.add("description", f"录制时间{state}。\n{lead}{url}")
    return event


def deadline_events(interview: Interview, *, url: str, stamp: dt.datetime) -> list[Event]:
    """Each step's deadline as an all-day event (a done step says so in its title)."""
    events = []
    for step in sorted(interview.steps.all(), key=lambda step: step.order):
        if step.due_date is None:
            continue
        done = "（已完成）" if step.status == StepStatus.DONE else ""
        event = Event()
        event.add("uid", uid(interview, f"step-{step.kind}"))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence(interview))
        event.add("summary", f"截止：{step.get_kind_display()}{done} · {interview.title}")
        event.add("dtstart", step.due_date)
        event.add("dtend", step.due_date + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("status", "CONFIRMED" if interview.recording_confirmed else "TENTATIVE")
        event.add("url", url)
        events.append(event)
    return events


def interview_calendar(interview: Interview, *, url: str) -> bytes:
    """For staff: the recording (tentative or confirmed) and every step's deadline."""
    stamp = timezone.now()
    calendar = _calendar(f"在线访谈：{interview.title}")
    if interview.recording_at:
        calendar.add_component(recording_event(interview, url=url, stamp=stamp))
    for event in deadline_events(interview, url=url, stamp=stamp):
        calendar.add_component(event)
    return _finish(calendar)


def public_recording_calendar(interview: Interview, *, url: str) -> bytes:
    """For the public: the recording's time, title, place and page, nothing else."""
    calendar = _calendar(f"在线访谈：{interview.title}")
    calendar.add_component(recording_event(interview, url=url, public=True, stamp=timezone.now()))
    return _finish(calendar)


def plan_feed(interviews: Iterable[Interview], *, name: str, url_for) -> bytes:
    """A subscribable feed: every confirmed recording and every step deadline of the interviews given."""
    stamp = timezone.now()
    calendar = _calendar(name)
    for interview in interviews:
        url = url_for(interview)
        if interview.recording_confirmed:
            calendar.add_component(recording_event(interview, url=url, stamp=stamp))
        for event in deadline_events(interview, url=url, stamp=stamp):
            calendar.add_component(event)
    return _finish(calendar)
