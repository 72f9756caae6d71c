"""Who reaches which back-office page: anonymous → login, outsiders → 404 for objects they may not see."""

import pytest
from django.urls import reverse

from portal.interviews.models import Interview, RecordingProposal
from portal.workcalendar.models import CalendarDay, DayKind
from tests.factories import GuestFactory, InterviewFactory, UserFactory, at

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def targets(interview, draft_plan, units):
    guest = GuestFactory(interview=interview)
    step = interview.steps.first()
    row = draft_plan.rows.get()
    day = CalendarDay.objects.create(date="2027-01-01", kind=DayKind.HOLIDAY, name="元旦")
    proposal = RecordingProposal.objects.create(
        interview=interview, start=at(2031, 5, 20), minutes=120, place=interview.place
    )
    i, p = interview.pk, draft_plan.pk
    return {
        "get": [
            ("dashboard", []),
            ("inbox", []),
            ("interview-list", []),
            ("interview-detail", [i]),
            ("interview-edit", [i]),
            ("guest-edit", [i, guest.pk]),
            ("oversight", []),
            ("contacts", []),
            ("unit-edit", [units["lead"].pk]),
            ("plan-list", []),
            ("plan-create", []),
            ("plan-detail", [p]),
            ("plan-edit", [p]),
            ("row-edit", [p, row.pk]),
            ("plan-docx", [p]),
            ("calendar", []),
            ("interview-ics", [i]),
            ("calendar-feed", []),
        ],
        "post": [
            ("interview-transition", [i]),
            ("recording-set", [i]),
            ("proposal-create", [i]),
            ("proposal-answer", [i, proposal.pk]),
            ("proposal-withdraw", [i, proposal.pk]),
            ("host-set", [i]),
            ("guest-add", [i]),
            ("guest-remove", [i, guest.pk]),
            ("step-status", [i, step.pk]),
            ("plan-approve", [p]),
            ("row-add", [p]),
            ("row-remove", [p, row.pk]),
            ("calendar-remove", [day.pk]),
        ],
    }


def test_every_page_sends_anonymous_visitors_to_login(client, targets):
    for name, args in targets["get"]:
        url = reverse(f"backoffice:{name}", args=args)
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"] == f"{reverse('backoffice:login')}?next={url}", name
    for name, args in targets["post"]:
        response = client.post(reverse(f"backoffice:{name}", args=args))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("backoffice:login")), name


def test_signed_in_person_without_a_unit_is_refused(client):
    client.force_login(UserFactory(username="nobody"))

    assert client.get(reverse("backoffice:dashboard")).status_code == 403


def test_outsider_gets_404_for_another_units_interview_and_a_draft_plan(client, outsider, targets, interview):
    client.force_login(outsider)
    object_pages = {"interview-detail", "interview-edit", "guest-edit", "plan-detail", "plan-edit", "row-edit"}
    object_pages |= {"plan-docx", "interview-ics"}

    for name, args in targets["get"]:
        if name in object_pages:
            assert client.get(reverse(f"backoffice:{name}", args=args)).status_code == 404, name
    for name, args in targets["post"]:
        if name != "calendar-remove":
            assert client.post(reverse(f"backoffice:{name}", args=args)).status_code == 404, name

    interview.refresh_from_db()
    assert interview.guests.count() == 1
    assert interview.state == "planned"
    assert RecordingProposal.objects.get().status == "open"


def test_outsiders_lists_do_not_name_other_units_interviews_or_drafts(client, outsider, interview, draft_plan, units):
    own = InterviewFactory(title="体育赛事赋能旅游消费", lead_unit=units["outsider"])
    client.force_login(outsider)

    for name in ("dashboard", "interview-list", "plan-list"):
        text = client.get(reverse(f"backoffice:{name}")).text
        assert interview.title not in text, name
        assert draft_plan.title not in text, name
    assert own.title in client.get(reverse("backoffice:interview-list")).text
    assert Interview.objects.count() == 2


def test_co_unit_editor_sees_the_interview(client, co_editor, interview):
    client.force_login(co_editor)

    response = client.get(reverse("backoffice:interview-detail", args=[interview.pk]))

    assert response.status_code == 200
    assert "城镇燃气“安心用气工程”" in response.text


@pytest.mark.parametrize("name", ["oversight", "plan-create"])
def test_pages_for_the_district_office_refuse_a_responsible_units_editor(client, editor, name):
    client.force_login(editor)

    assert client.get(reverse(f"backoffice:{name}")).status_code == 403


def test_calendar_entries_cannot_be_removed_by_an_editor(client, editor, targets):
    client.force_login(editor)
    day_pk = dict(targets["post"])["calendar-remove"][0]

    response = client.post(reverse("backoffice:calendar-remove", args=[day_pk]))

    assert response.status_code == 403
    assert CalendarDay.objects.filter(pk=day_pk).exists()
