"""What every public view shares: the public querysets and the small facts a card or page shows."""

import datetime as dt

from django.db.models import F
from django.utils import timezone

from portal.interviews.enums import HELD_STATES
from portal.interviews.models import Interview
from portal.interviews.queries import with_details


def public_interviews():
    """Published interviews (never drafts) with everything a card shows, in a fixed number of queries."""
    return with_details(Interview.objects.public())


def newest_first(queryset):
    """Held interviews, the most recent first; those without a known date after the dated ones of their year."""
    return queryset.order_by(
        "-year",
        F("recording_at").desc(nulls_last=True),
        F("plan_row__seq").desc(nulls_last=True),
        "-id",
    )


def held(queryset):
    return queryset.filter(state__in=HELD_STATES)


def with_phases(interviews, now: dt.datetime | None = None) -> list[Interview]:
    """Attach each interview's public phase (read by the templates as ``interview.phase``)."""
    now = now or timezone.now()
    interviews = list(interviews)
    for interview in interviews:
        interview.phase = interview.public_phase(now)
    return interviews


def shows_demo(*items) -> bool:
    """Whether any interview or plan on the page is demo data (the base template then shows the banner)."""
    return any(getattr(item, "is_demo", False) for item in items if item is not None)
