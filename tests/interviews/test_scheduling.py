import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from portal.audit.models import AuditEntry
from portal.interviews.deadlines import due_date_for
from portal.interviews.enums import InterviewState, StepKind
from portal.interviews.lifecycle import transition_interview
from portal.interviews.models import Interview, RecordingDateChange
from portal.interviews.scheduling import SchedulingRefused, confirm_recording_date, set_recording_date
from portal.notifications.models import Notification
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


# --- Confirming R --------------------------------------------------------------------------------


def test_confirm_recording_date_by_coordinator(
    interview, editor, coordinator, everyone, django_capture_on_commit_callbacks
):
    set_recording_date(interview, R, actor=editor)

    with django_capture_on_commit_callbacks(execute=True):
        confirm_recording_date(interview, actor=coordinator)

    interview.refresh_from_db()
    assert interview.recording_confirmed_at == NOW
    change = interview.date_changes.last()
    assert (change.old_at, change.new_at, change.confirmed, change.actor) == (R, R, True, coordinator)
    entry = AuditEntry.objects.for_object(interview).first()
    assert (entry.action, entry.data) == ("interviews.interview.recording_confirmed", {"at": R.isoformat()})
    title = "访谈“城镇燃气“安心用气工程””录制时间已确认：2025-10-09 14:30"
    assert inbox() == [
        (name, title) for name in ["auditor", "co_editor", "coordinator", "editor", "operator", "producer"]
    ]


@pytest.mark.parametrize("actor", ["editor", "co_editor", "operator", "producer", "auditor", "outsider"])
def test_confirm_recording_date_refused_to_anyone_but_the_coordinator(request, interview, editor, actor):
    set_recording_date(interview, R, actor=editor)
    user = request.getfixturevalue(actor)

    with pytest.raises(PermissionDenied):
        confirm_recording_date(interview, actor=user)

    interview.refresh_from_db()
    assert interview.recording_confirmed is False


def test_confirm_recording_date_needs_a_date(interview, coordinator):
    with pytest.raises(SchedulingRefused, match="请先设定录制时间"):
        confirm_recording_date(interview, actor=coordinator)


def test_confirm_recording_date_twice_is_refused(confirmed, coordinator):
    with pytest.raises(SchedulingRefused, match="录制日期已经确认"):
        confirm_recording_date(confirmed, actor=coordinator)


def test_confirm_recording_date_refused_once_r_has_passed(interview, editor, coordinator, time_machine):
    set_recording_date(interview, R, actor=editor)
    time_machine.move_to(R + dt.timedelta(minutes=1), tick=False)

    with pytest.raises(SchedulingRefused, match="录制时间已过"):
        confirm_recording_date(interview, actor=coordinator)

    interview.refresh_from_db()
    assert interview.recording_confirmed is False


def test_confirm_recording_date_refused_while_postponed(units, coordinator):
    interview = InterviewFactory(lead_unit=units["lead"], state=InterviewState.POSTPONED, recording_at=R)

    with pytest.raises(SchedulingRefused, match="只有筹备中的访谈可以确认录制日期"):
        confirm_recording_date(interview, actor=coordinator)


# --- Moving a confirmed R ------------------------------------------------------------------------


def test_moving_a_confirmed_date_needs_a_reason(confirmed, coordinator):
    with pytest.raises(SchedulingRefused, match="调整须填写原因"):
        set_recording_date(confirmed, LATER_R, actor=coordinator, reason="  ")

    confirmed.refresh_from_db()
    assert (confirmed.recording_at, confirmed.recording_confirmed_at) == (R, NOW)
    assert list(confirmed.date_changes.all()) == []


@pytest.mark.parametrize("actor", ["editor", "co_editor", "operator", "producer", "outsider"])
def test_only_the_coordinator_moves_a_confirmed_date(request, confirmed, actor):
    user = request.getfixturevalue(actor)

    with pytest.raises(PermissionDenied):
        set_recording_date(confirmed, LATER_R, actor=user, reason="嘉宾出差")

    confirmed.refresh_from_db()
    assert (confirmed.recording_at, confirmed.recording_confirmed_at) == (R, NOW)


def test_moving_a_confirmed_date_recomputes_withdraws_records_and_notifies(
    confirmed, coordinator, everyone, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        set_recording_date(confirmed, LATER_R, actor=coordinator, reason="嘉宾出差")

    confirmed.refresh_from_db()
    assert (confirmed.recording_at, confirmed.recording_confirmed_at) == (LATER_R, None)
    assert due_dates(confirmed) == {kind: due_date_for(kind, LATER_R) for kind in due_dates(confirmed)}
    assert due_dates(confirmed)[StepKind.FINAL] == dt.date(2025, 10, 13)
    change = confirmed.date_changes.get()
    assert (change.old_at, change.new_at, change.confirmed, change.reason, change.actor) == (
        R,
        LATER_R,
        False,
        "嘉宾出差",
        coordinator,
    )
    entry = AuditEntry.objects.for_object(confirmed).get()
    assert (entry.action, entry.data) == (
        "interviews.interview.recording_moved",
        {"from": R.isoformat(), "to": LATER_R.isoformat(), "reason": "嘉宾出差"},
    )
    title = (
        "访谈“城镇燃气“安心用气工程””录制时间由2025-10-09 14:30调整为2025-10-16 14:30，"
        "待三方重新确认；各步骤截止日期已重新计算"
    )
    assert inbox() == [
        (name, title) for name in ["auditor", "co_editor", "coordinator", "editor", "operator", "producer"]
    ]
    assert set(Notification.objects.values_list("body", "url")) == {("嘉宾出差", confirmed.get_backoffice_url())}


def test_inactive_members_are_not_notified(confirmed, coordinator, editor, django_capture_on_commit_callbacks):
    editor.is_active = False
    editor.save()

    with django_capture_on_commit_callbacks(execute=True):
        set_recording_date(confirmed, LATER_R, actor=coordinator, reason="嘉宾出差")

    assert [name for name, _title in inbox()] == ["coordinator"]


def test_nobody_is_notified_when_the_move_is_refused(confirmed, editor, everyone, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        set_recording_date(confirmed, LATER_R, actor=editor, reason="嘉宾出差")

    assert inbox() == []


def test_a_moved_date_is_confirmed_again(confirmed, coordinator, time_machine):
    set_recording_date(confirmed, LATER_R, actor=coordinator, reason="嘉宾出差")
    time_machine.move_to(NOW + dt.timedelta(days=1), tick=False)

    confirm_recording_date(confirmed, actor=coordinator)

    confirmed.refresh_from_db()
    assert (confirmed.recording_at, confirmed.recording_confirmed_at) == (LATER_R, NOW + dt.timedelta(days=1))
    assert list(confirmed.date_changes.values_list("new_at", "confirmed")) == [(LATER_R, False), (LATER_R, True)]


def test_recording_date_change_lists_every_move_in_order(interview, editor, coordinator):
    set_recording_date(interview, R, actor=editor)
    confirm_recording_date(interview, actor=coordinator)
    set_recording_date(interview, LATER_R, actor=coordinator, reason="嘉宾出差")

    changes = list(RecordingDateChange.objects.filter(interview=interview))

    assert [(c.old_at, c.new_at, c.confirmed, c.actor.username) for c in changes] == [
        (None, R, False, "editor"),
        (R, R, True, "coordinator"),
        (R, LATER_R, False, "coordinator"),
    ]


# --- The 确定录制日期 step follows R -----------------------------------------------------------------


def date_step_status(interview) -> str:
    return interview.steps.get(kind=StepKind.DATE).status


def test_proposing_a_date_tells_the_parties_and_puts_the_date_step_in_progress(
    interview, everyone, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        set_recording_date(interview, R, actor=editor)

    title = "访谈“城镇燃气“安心用气工程””拟定录制时间：2025-10-09 14:30（暂定，待三方确认）"
    assert inbox() == [
        (name, title) for name in ["auditor", "co_editor", "coordinator", "editor", "operator", "producer"]
    ]
    assert date_step_status(interview) == "in_progress"


def test_confirming_completes_the_date_step_and_moving_reopens_it(interview, coordinator):
    set_recording_date(interview, R, actor=coordinator)

    confirm_recording_date(interview, actor=coordinator)
    after_confirm = date_step_status(interview)
    set_recording_date(interview, LATER_R, actor=coordinator, reason="嘉宾出差")

    assert (after_confirm, date_step_status(interview)) == ("done", "in_progress")


def test_postponing_reopens_the_date_step(interview, coordinator):
    set_recording_date(interview, R, actor=coordinator)
    confirm_recording_date(interview, actor=coordinator)

    transition_interview(interview, InterviewState.POSTPONED, actor=coordinator, reason="防汛")

    interview.refresh_from_db()
    assert (interview.recording_confirmed, date_step_status(interview)) == (False, "in_progress")
