"""The demo's live record: made once per R, with a correction, a withdrawal, a draft and a 补录 entry."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from portal.interviews.enums import InterviewState
from portal.live.enums import EntryStatus
from portal.live.models import LiveEntry, LiveEvent

pytestmark = pytest.mark.unit

SHANGHAI = timezone.get_default_timezone()


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def record(state):
    entries = LiveEntry.objects.filter(interview__is_demo=True, interview__state=state)
    events = LiveEvent.objects.filter(interview__is_demo=True, interview__state=state).order_by("seq")
    kinds = list(events.values_list("kind", flat=True))
    return entries, kinds


@pytest.mark.django_db
def test_the_live_and_the_ended_demo_interviews_have_their_record_once_per_r():
    with time_machine.travel(dt.datetime(2026, 3, 10, 8, 0, tzinfo=SHANGHAI), tick=False):
        seed()
        live, live_kinds = record(InterviewState.LIVE)
        ended, ended_kinds = record(InterviewState.ENDED)
        assert live_kinds[0] == "started"
        assert {"published", "corrected", "withdrawn"} <= set(live_kinds)
        assert live.filter(status=EntryStatus.WITHDRAWN).count() == 1
        assert live.filter(status=EntryStatus.DRAFT).count() == 1
        assert live.exclude(corrected_at=None).count() == 1
        assert ended_kinds[0] == "started"
        assert ended_kinds[-2:] == ["ended", "published"]
        assert ended.filter(is_backfill=True).count() == 1
        first = list(LiveEvent.objects.order_by("pk").values_list("pk", flat=True))
        assert "无改动" in seed()
        assert list(LiveEvent.objects.order_by("pk").values_list("pk", flat=True)) == first
    with time_machine.travel(dt.datetime(2026, 5, 6, 8, 0, tzinfo=SHANGHAI), tick=False):
        seed()
        live, live_kinds = record(InterviewState.LIVE)
        assert live_kinds.count("started") == 1
        assert all(timezone.localdate(e.published_at) == dt.date(2026, 5, 6) for e in live.exclude(published_at=None))
