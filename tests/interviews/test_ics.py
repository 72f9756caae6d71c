"""Calendar files, parsed back with icalendar: the staff file, the public file and the subscription feed."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from portal.audit.models import AuditEntry
from portal.interviews.enums import InterviewState
from portal.interviews.feeds import regenerate_feed_token
from portal.interviews.models import CalendarFeedToken
from portal.interviews.scheduling import set_recording_date
from tests.dates import agree_on
from tests.factories import InterviewFactory, at

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = at(2025, 9, 1, 10, 0)
R = at(2025, 10, 9, 14, 30)
LATER_R = at(2025, 10, 16, 14, 30)


@pytest.fixture(autouse=True)
def _now(time_machine, settings):
    time_machine.move_to(NOW, tick=False)
    settings.PORTAL_CALENDAR_DOMAIN = "ft.pukou.example"


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def staff_ics(client, user, interview):
    client.force_login(user)
    return client.get(reverse("backoffice:interview-ics", args=[interview.pk]))


# --- The staff file of one interview -------------------------------------------------------------


def test_the_staff_file_has_the_confirmed_recording_and_every_deadline(client, interview, editor, operator, producer):
    agree_on(interview, R, editor=editor, operator=operator, producer=producer, minutes=90)

    calendar = parse(staff_ics(client, editor, interview))

    found = events(calendar)
    recording = found.pop(f"interview-{interview.pk}-recording@ft.pukou.example")
    assert recording.decoded("DTSTART") == R
    assert recording.decoded("DTSTART").tzinfo.key == "Asia/Shanghai"
    assert recording.decoded("DTEND") == R + dt.timedelta(minutes=90)
    assert str(recording["SUMMARY"]) == "在线访谈：城镇燃气“安心用气工程”"
    assert str(recording["LOCATION"]) == "区融媒体中心演播室"
    assert str(recording["STATUS"]) == "CONFIRMED"
    assert int(recording["SEQUENCE"]) == 1
    assert "DTSTAMP" in recording
    assert str(recording["URL"]).endswith(f"/backoffice/interviews/{interview.pk}/")
    due = {step.kind: step.due_date for step in interview.steps.all()}
    assert {uid: event.decoded("DTSTART") for uid, event in found.items()} == {
        f"interview-{interview.pk}-step-{kind}@ft.pukou.example": day for kind, day in due.items()
    }
    final = found[f"interview-{interview.pk}-step-final@ft.pukou.example"]
    assert final.decoded("DTSTART") == dt.date(2025, 9, 30)  # R − 3 days falls in the National Day holiday
    assert final.decoded("DTEND") == dt.date(2025, 10, 1)
    assert str(final["SUMMARY"]) == "截止：访谈定稿 · 城镇燃气“安心用气工程”"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_a_tentative_recording_is_tentative_and_the_sequence_grows_as_r_moves(
    client, interview, editor, operator, producer
):
    set_recording_date(interview, R, actor=editor)
    uid = f"interview-{interview.pk}-recording@ft.pukou.example"
    tentative = events(parse(staff_ics(client, editor, interview)))[uid]
    agree_on(interview, R, editor=editor, operator=operator, producer=producer)
    confirmed = events(parse(staff_ics(client, editor, interview)))[uid]
    agree_on(interview, LATER_R, editor=editor, operator=operator, producer=producer, reason="嘉宾出差")
    moved = events(parse(staff_ics(client, editor, interview)))[uid]

    assert [str(e["STATUS"]) for e in (tentative, confirmed, moved)] == ["TENTATIVE", "CONFIRMED", "CONFIRMED"]
    assert [int(e["SEQUENCE"]) for e in (tentative, confirmed, moved)] == [1, 2, 3]
    assert moved.decoded("DTSTART") == LATER_R


def test_without_r_the_staff_file_is_an_empty_calendar(client, interview, editor):
    calendar = parse(staff_ics(client, editor, interview))

    assert events(calendar) == {}


def test_an_outsider_gets_no_staff_file(client, interview, outsider):
    assert staff_ics(client, outsider, interview).status_code == 404


# --- The public file -------------------------------------------------------------------------------


@pytest.fixture
def published(units, editor, operator, producer):
    interview = InterviewFactory(title="体育赛事赋能旅游消费", lead_unit=units["lead"], steps=["preview"])
    agree_on(interview, R, editor=editor, operator=operator, producer=producer)
    return interview


def test_the_public_file_has_only_the_recordings_time_title_place_and_page(client, published, settings):
    settings.PORTAL_PUBLIC_URL = "https://www.pukou.example"

    calendar = parse(client.get(reverse("website:interview-ics", args=[published.pk])))

    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"interview-{published.pk}-recording@ft.pukou.example"
    assert event.decoded("DTSTART") == R
    assert str(event["SUMMARY"]) == "在线访谈：体育赛事赋能旅游消费"
    assert str(event["LOCATION"]) == "区融媒体中心演播室"
    assert str(event["URL"]) == f"https://www.pukou.example/interviews/{published.pk}/"
    assert "DESCRIPTION" not in event
    assert "加入日历" in client.get(reverse("website:interview-detail", args=[published.pk])).text


def test_no_public_file_for_an_unpublished_a_cancelled_or_an_undated_interview(client, units, published):
    unpublished = InterviewFactory(lead_unit=units["lead"], recording_at=R)
    undated = InterviewFactory(lead_unit=units["lead"], steps=["preview"])
    published.state = InterviewState.CANCELLED
    type(published).objects.filter(pk=published.pk).update(state=InterviewState.CANCELLED)

    for interview in (unpublished, undated, published):
        assert client.get(reverse("website:interview-ics", args=[interview.pk])).status_code == 404


# --- The subscription feed ---------------------------------------------------------------------------


def feed_url(token: str, year: int = 2025) -> str:
    return reverse("calendar-plan-feed", kwargs={"token": token, "year": year})


def test_the_feed_shows_confirmed_recordings_and_deadlines_of_what_the_user_sees(
    client, units, interview, editor, operator, producer, outsider
):
    agree_on(interview, R, editor=editor, operator=operator, producer=producer)
    tentative = InterviewFactory(lead_unit=units["lead"], recording_at=LATER_R)
    InterviewFactory(lead_unit=units["lead"], recording_at=LATER_R, confirmed=True, state=InterviewState.CANCELLED)
    own = InterviewFactory(lead_unit=units["outsider"], recording_at=at(2025, 11, 20), confirmed=True)
    InterviewFactory(lead_unit=units["lead"], year=2026, recording_at=at(2026, 5, 20), confirmed=True)

    editor_events = events(parse(client.get(feed_url(regenerate_feed_token(actor=editor).token))))
    outsider_events = events(parse(client.get(feed_url(regenerate_feed_token(actor=outsider).token))))

    recordings = sorted(uid for uid in editor_events if "-step-" not in uid)
    assert recordings == [f"interview-{interview.pk}-recording@ft.pukou.example"]
    assert f"interview-{tentative.pk}-step-final@ft.pukou.example" in editor_events
    assert len(editor_events) == 1 + 12 + 12  # one confirmed recording, the deadlines of two interviews
    assert sorted(outsider_events) == sorted(
        [f"interview-{own.pk}-recording@ft.pukou.example"]
        + [f"interview-{own.pk}-step-{step.kind}@ft.pukou.example" for step in own.steps.all()]
    )
    assert "城镇燃气" not in client.get(feed_url(CalendarFeedToken.objects.get(user=outsider).token)).text


def test_an_unknown_token_or_an_inactive_users_token_is_not_found(client, editor):
    token = regenerate_feed_token(actor=editor).token

    unknown = client.get(feed_url("x" * 43))
    editor.is_active = False
    editor.save()

    assert unknown.status_code == 404
    assert client.get(feed_url(token)).status_code == 404


def test_regenerating_retires_the_old_address(client, editor):
    old = regenerate_feed_token(actor=editor).token

    new = regenerate_feed_token(actor=editor).token

    assert new != old
    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "interviews.calendar_feed.created",
        "interviews.calendar_feed.regenerated",
    ]


def test_the_subscription_page_makes_and_shows_the_address(client, editor):
    client.force_login(editor)
    page = reverse("backoffice:calendar-feed")

    before = client.get(page).text
    response = client.post(page)
    after = client.get(page).text

    token = CalendarFeedToken.objects.get(user=editor).token
    assert "您还没有订阅地址。" in before
    assert response.status_code == 302
    assert f"http://testserver/calendar/{token}/plan-2025.ics" in after
    assert "重新生成订阅地址（原地址失效）" in after
