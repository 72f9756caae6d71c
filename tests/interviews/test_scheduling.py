import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from portal.audit.models import AuditEntry
from portal.interviews.deadlines import due_date_for
from portal.interviews.enums import InterviewState, StepKind
from portal.interviews.lifecycle import transition_interview
from portal.interviews.models import Interview, RecordingDateChange
from portal.interviews.scheduling import SchedulingRefused, set_recording_date
from portal.notifications.models import Notification
from tests.dates import agree_on
from tests.factories import InterviewFactory, at

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

NOW = at(2025, 9, 1, 10, 0)
R = at(2025, 10, 9, 14, 30)
LATER_R = at(2025, 10, 16, 14, 30)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def everyone(coordinator, auditor, operator, producer, editor, co_editor, outsider):
    """The whole cast, so that notifications can be checked against who should not get them."""


@pytest.fixture
def confirmed(interview):
    Interview.objects.filter(pk=interview.pk).update(recording_at=R, recording_confirmed_at=NOW)
    interview.refresh_from_db()
    return interview


def due_dates(interview) -> dict[str, dt.date | None]:
    return {step.kind: step.due_date for step in interview.steps.order_by("id")}


def inbox() -> list[tuple[str, str]]:
    return sorted(Notification.objects.values_list("recipient__username", "title"))


# --- Tentative R ---------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["editor", "coordinator"])
def test_set_recording_date_tentative_by_lead_unit_or_coordinator(request, interview, actor):
    user = request.getfixturevalue(actor)

    result = set_recording_date(interview, R, actor=user)

    interview.refresh_from_db()
    assert (interview.recording_at, interview.recording_confirmed) == (R, False)
    assert result.recording_at == R
    assert due_dates(interview)[StepKind.FINAL] == dt.date(2025, 9, 30)
    change = interview.date_changes.get()
    assert (change.old_at, change.new_at, change.confirmed, change.reason, change.actor) == (None, R, False, "", user)
    entry = AuditEntry.objects.for_object(interview).get()
    assert (entry.action, entry.actor, entry.data) == (
        "interviews.interview.recording_set",
        user,
        {"from": None, "to": R.isoformat(), "reason": ""},
    )


def test_set_recording_date_computes_every_deadline(interview, editor):
    set_recording_date(interview, R, actor=editor)

    assert due_dates(interview) == {step: due_date_for(step, R) for step in due_dates(interview)}
    assert None not in due_dates(interview).values()


def test_tentative_recording_date_changes_freely_without_a_reason(interview, editor):
    set_recording_date(interview, R, actor=editor)

    set_recording_date(interview, LATER_R, actor=editor)

    interview.refresh_from_db()
    assert interview.recording_at == LATER_R
    assert list(interview.date_changes.values_list("old_at", "new_at")) == [(None, R), (R, LATER_R)]
    assert due_dates(interview)[StepKind.RECORD] == dt.date(2025, 10, 17)


@pytest.mark.parametrize("actor", ["co_editor", "outsider", "operator", "producer", "auditor"])
def test_set_recording_date_refused_to_others(request, interview, actor):
    user = request.getfixturevalue(actor)

    with pytest.raises(PermissionDenied):
        set_recording_date(interview, R, actor=user)

    interview.refresh_from_db()
    assert interview.recording_at is None
    assert list(interview.date_changes.all()) == []
    assert set(due_dates(interview).values()) == {None}


@pytest.mark.parametrize("when", [NOW, NOW - dt.timedelta(minutes=1), at(2025, 8, 1)])
def test_set_recording_date_refuses_a_time_not_in_the_future(interview, editor, when):
    with pytest.raises(SchedulingRefused, match="录制时间须晚于当前时间"):
        set_recording_date(interview, when, actor=editor)

    interview.refresh_from_db()
    assert interview.recording_at is None


def test_set_recording_date_refuses_the_same_time(interview, editor):
    set_recording_date(interview, R, actor=editor)

    with pytest.raises(SchedulingRefused, match="新的录制时间与原时间相同"):
        set_recording_date(interview, R, actor=editor)

    assert interview.date_changes.count() == 1


@pytest.mark.parametrize(
    "state", [InterviewState.CANCELLED, InterviewState.FILED, InterviewState.LIVE, InterviewState.ENDED]
)
def test_set_recording_date_refused_once_held_or_closed(units, coordinator, state):
    interview = InterviewFactory(lead_unit=units["lead"], state=state, recording_at=R)

    with pytest.raises(SchedulingRefused, match="的访谈不能再调整录制日期"):
        set_recording_date(interview, LATER_R, actor=coordinator, reason="改期")

    interview.refresh_from_db()
    assert interview.recording_at == R
    assert list(interview.date_changes.all()) == []


def test_a_postponed_interview_gets_a_new_date(units, coordinator):
    interview = InterviewFactory(lead_unit=units["lead"], state=InterviewState.POSTPONED, recording_at=R)

    set_recording_date(interview, LATER_R, actor=coordinator)

    interview.refresh_from_db()
    assert (interview.recording_at, interview.state) == (LATER_R, InterviewState.POSTPONED)


# --- A confirmed R is moved by a new proposal, not here (tests/interviews/test_proposals.py) -------


@pytest.mark.parametrize("actor", ["editor", "coordinator"])
def test_a_confirmed_date_is_not_moved_as_a_tentative_one(request, confirmed, actor):
    user = request.getfixturevalue(actor)

    with pytest.raises(SchedulingRefused, match="请提出新的录制时间建议并写明原因，经三方重新确认"):
        set_recording_date(confirmed, LATER_R, actor=user, reason="嘉宾出差")

    confirmed.refresh_from_db()
    assert (confirmed.recording_at, confirmed.recording_confirmed_at) == (R, NOW)
    assert list(confirmed.date_changes.all()) == []


def test_inactive_members_are_not_notified(interview, coordinator, editor, django_capture_on_commit_callbacks):
    editor.is_active = False
    editor.save()

    with django_capture_on_commit_callbacks(execute=True):
        set_recording_date(interview, LATER_R, actor=coordinator)

    assert [name for name, _title in inbox()] == ["coordinator"]


def test_nobody_is_notified_when_setting_the_date_is_refused(
    interview, co_editor, everyone, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        set_recording_date(interview, LATER_R, actor=co_editor)

    assert inbox() == []


def test_recording_date_change_lists_every_setting_and_confirmation_in_order(
    interview, editor, operator, producer, coordinator
):
    set_recording_date(interview, R, actor=editor)
    agree_on(interview, R, editor=editor, operator=operator, producer=producer)
    agree_on(interview, LATER_R, editor=editor, operator=operator, producer=producer, reason="嘉宾出差")

    changes = list(RecordingDateChange.objects.filter(interview=interview))

    assert [(c.old_at, c.new_at, c.confirmed, c.reason, c.actor.username) for c in changes] == [
        (None, R, False, "", "editor"),
        (R, R, True, "", "producer"),
        (R, LATER_R, True, "嘉宾出差", "producer"),
    ]


# --- The 确定录制日期 step follows R -----------------------------------------------------------------


def date_step_status(interview) -> str:
    return interview.steps.get(kind=StepKind.DATE).status


def test_a_tentative_date_tells_everyone_and_puts_the_date_step_in_progress(
    interview, everyone, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        set_recording_date(interview, R, actor=editor)

    title = "访谈“城镇燃气“安心用气工程””拟定录制时间：2025-10-09 14:30（暂定，待三方确认）"
    assert inbox() == [
        (name, title) for name in ["auditor", "co_editor", "coordinator", "editor", "operator", "producer"]
    ]
    assert date_step_status(interview) == "in_progress"


def test_agreeing_completes_the_date_step_and_postponing_reopens_it(interview, coordinator, editor, operator, producer):
    agree_on(interview, R, editor=editor, operator=operator, producer=producer)
    after_confirm = date_step_status(interview)

    transition_interview(interview, InterviewState.POSTPONED, actor=coordinator, reason="防汛")

    interview.refresh_from_db()
    assert after_confirm == "done"
    assert (interview.recording_confirmed, date_step_status(interview)) == (False, "in_progress")
