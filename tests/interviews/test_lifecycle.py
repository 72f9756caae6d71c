import datetime as dt
import itertools

import pytest
from django.core.exceptions import PermissionDenied

from portal.accounts.enums import Role
from portal.audit.models import AuditEntry
from portal.interviews.enums import InterviewState, StepKind, StepStatus
from portal.interviews.lifecycle import (
    ALLOWED_TRANSITIONS,
    TransitionRefused,
    available_transitions,
    transition_interview,
)
from portal.interviews.models import InterviewStep
from portal.interviews.scheduling import set_recording_date
from portal.interviews.steps import STEPS
from portal.notifications.models import Notification
from tests.dates import agree_on
from tests.factories import InterviewFactory, UserFactory, at, staff

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

S = InterviewState
NOW = at(2025, 10, 9, 9, 0)
R = at(2025, 10, 9, 14, 30)  # today, this afternoon
NON_FILING = [step.kind for step in STEPS if step.kind != StepKind.FILING]

ALLOWED = sorted((from_state, to_state) for from_state, targets in ALLOWED_TRANSITIONS.items() for to_state in targets)
REFUSED = sorted(set(itertools.product(S.values, S.values)) - set(ALLOWED))
RIGHT_ACTORS = {
    S.LIVE: {"operator", "producer"},
    S.ENDED: {"operator", "producer"},
    S.POSTPONED: {"coordinator"},
    S.PLANNED: {"coordinator"},
    S.CANCELLED: {"coordinator"},
    S.FILED: {"operator"},
}
CAST = [
    "coordinator",
    "auditor",
    "operator",
    "reviewer",
    "producer",
    "editor",
    "co_editor",
    "outsider",
    "inactive_operator",
]


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def reviewer(digital_center):
    return staff(digital_center, Role.REVIEWER, username="reviewer")


@pytest.fixture
def inactive_operator(digital_center):
    return staff(digital_center, Role.OPERATOR, username="inactive_operator", is_active=False)


def make_interview(units, state, **kwargs):
    """An interview in ``state`` with R confirmed for this afternoon; held ones have every working step done."""
    defaults = {
        "lead_unit": units["lead"],
        "co_units": [units["co"]],
        "state": state,
        "recording_at": R,
        "confirmed": state in {S.PLANNED, S.LIVE, S.ENDED, S.FILED},
        "steps": NON_FILING if state in {S.ENDED, S.FILED} else [],
    }
    return InterviewFactory(**{**defaults, **kwargs})


def step_status(interview, kind) -> tuple[str, dt.datetime | None]:
    step = InterviewStep.objects.get(interview=interview, kind=kind)
    return step.status, step.completed_at


def assert_unchanged(interview, state) -> None:
    interview.refresh_from_db()
    assert (interview.state, interview.state_changed_at) == (state, None)
    assert list(interview.state_changes.all()) == []
    assert list(AuditEntry.objects.for_object(interview)) == []


# --- The transition table ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("from_state", "to_state", "actor"),
    [(f, t, actor) for f, t in ALLOWED for actor in sorted(RIGHT_ACTORS[t])],
)
def test_every_allowed_transition_succeeds_with_the_right_actor(request, units, from_state, to_state, actor):
    user = request.getfixturevalue(actor)
    interview = make_interview(units, from_state)

    result = transition_interview(interview, to_state, actor=user, reason="工作安排调整")

    interview.refresh_from_db()
    assert (result.state, interview.state, interview.state_changed_at) == (to_state, to_state, NOW)
    assert [(c.from_state, c.to_state, c.actor, c.reason) for c in interview.state_changes.all()] == [
        (from_state, to_state, user, "工作安排调整")
    ]
    entry = AuditEntry.objects.for_object(interview).get()
    assert (entry.action, entry.actor, entry.data) == (
        "interviews.interview.state_changed",
        user,
        {"from": from_state, "to": to_state, "reason": "工作安排调整"},
    )


@pytest.mark.parametrize(("from_state", "to_state"), REFUSED)
def test_every_transition_outside_the_table_is_refused(units, from_state, to_state):
    superuser = UserFactory(username="root", is_superuser=True)
    interview = make_interview(units, from_state)

    with pytest.raises(TransitionRefused) as refused:
        transition_interview(interview, to_state, actor=superuser, reason="工作安排调整")

    assert str(refused.value) == f"“{S(from_state).label}”的访谈不能变为“{S(to_state).label}”。"
    assert_unchanged(interview, from_state)


def test_the_table_covers_every_state():
    assert set(ALLOWED_TRANSITIONS) == set(S.values)
    assert len(ALLOWED) + len(REFUSED) == len(S.values) ** 2


@pytest.mark.parametrize(
    ("from_state", "to_state", "actor"),
    [(f, t, actor) for f, t in ALLOWED for actor in CAST if actor not in RIGHT_ACTORS[t]],
)
def test_every_allowed_transition_is_refused_to_the_wrong_actor(request, units, from_state, to_state, actor):
    user = request.getfixturevalue(actor)
    interview = make_interview(units, from_state)

    with pytest.raises(PermissionDenied):
        transition_interview(interview, to_state, actor=user, reason="工作安排调整")

    assert_unchanged(interview, from_state)


# --- Preconditions -------------------------------------------------------------------------------


def test_live_needs_a_confirmed_date(units, operator):
    interview = make_interview(units, S.PLANNED, confirmed=False)

    with pytest.raises(TransitionRefused, match=r"^录制日期尚未确认，不能开始直播。$"):
        transition_interview(interview, S.LIVE, actor=operator)

    assert_unchanged(interview, S.PLANNED)


def test_live_needs_a_date_in_the_first_place(units, operator):
    interview = make_interview(units, S.PLANNED, recording_at=None)

    with pytest.raises(TransitionRefused, match="录制日期尚未确认"):
        transition_interview(interview, S.LIVE, actor=operator)


@pytest.mark.parametrize("now", [at(2025, 10, 8, 23, 59), at(2025, 10, 10, 0, 1), at(2025, 9, 30)])
def test_live_only_on_the_day_of_r(units, operator, time_machine, now):
    interview = make_interview(units, S.PLANNED)
    time_machine.move_to(now, tick=False)

    with pytest.raises(TransitionRefused, match=r"^录制日期是2025-10-09，只能在当天开始直播。$"):
        transition_interview(interview, S.LIVE, actor=operator)

    assert_unchanged(interview, S.PLANNED)


def test_live_counts_the_day_in_local_time(units, producer, time_machine):
    # 00:30 in Shanghai on R's day is still the day before in UTC.
    interview = make_interview(units, S.PLANNED)
    time_machine.move_to(at(2025, 10, 9, 0, 30), tick=False)

    result = transition_interview(interview, S.LIVE, actor=producer)

    assert result.state == S.LIVE


def test_resuming_a_postponed_interview_needs_a_future_date(units, coordinator, time_machine):
    interview = make_interview(units, S.POSTPONED)
    time_machine.move_to(R, tick=False)

    with pytest.raises(TransitionRefused, match=r"^恢复筹备前请先设定新的录制时间（须晚于当前时间）。$"):
        transition_interview(interview, S.PLANNED, actor=coordinator, reason="嘉宾已回")

    assert_unchanged(interview, S.POSTPONED)


def test_resuming_a_postponed_interview_without_a_date_is_refused(units, coordinator):
    interview = make_interview(units, S.POSTPONED, recording_at=None)

    with pytest.raises(TransitionRefused, match="恢复筹备前请先设定新的录制时间"):
        transition_interview(interview, S.PLANNED, actor=coordinator, reason="嘉宾已回")


def test_filing_needs_every_other_step_done(units, operator):
    interview = make_interview(units, S.ENDED, steps=[k for k in NON_FILING if k != StepKind.SUMMARY])

    with pytest.raises(TransitionRefused, match=r"^以下步骤尚未完成，不能备案：总结提高。$"):
        transition_interview(interview, S.FILED, actor=operator)

    assert_unchanged(interview, S.ENDED)
    assert step_status(interview, StepKind.FILING) == (StepStatus.NOT_STARTED, None)


def test_filing_lists_every_undone_step(units, operator):
    interview = make_interview(
        units, S.ENDED, steps=[k for k in NON_FILING if k not in {StepKind.VIDEO, StepKind.TOPIC}]
    )

    with pytest.raises(TransitionRefused, match=r"^以下步骤尚未完成，不能备案：确定主题、发布访谈视频。$"):
        transition_interview(interview, S.FILED, actor=operator)


@pytest.mark.parametrize(
    ("from_state", "to_state"),
    [(S.PLANNED, S.POSTPONED), (S.PLANNED, S.CANCELLED), (S.POSTPONED, S.PLANNED), (S.POSTPONED, S.CANCELLED)],
)
@pytest.mark.parametrize("reason", ["", "   \n"])
def test_postponing_cancelling_and_resuming_need_a_reason(units, coordinator, from_state, to_state, reason):
    interview = make_interview(units, from_state)

    with pytest.raises(TransitionRefused, match=r"^请填写原因。$"):
        transition_interview(interview, to_state, actor=coordinator, reason=reason)

    assert_unchanged(interview, from_state)


@pytest.mark.parametrize(
    ("from_state", "to_state", "actor"),
    [(S.PLANNED, S.LIVE, "operator"), (S.LIVE, S.ENDED, "producer"), (S.ENDED, S.FILED, "operator")],
)
def test_going_live_ending_and_filing_need_no_reason(request, units, from_state, to_state, actor):
    interview = make_interview(units, from_state)

    result = transition_interview(interview, to_state, actor=request.getfixturevalue(actor))

    assert (result.state, result.state_changes.get().reason) == (to_state, "")


# --- Effects -------------------------------------------------------------------------------------


def test_going_live_starts_the_recording_step(units, operator):
    interview = make_interview(units, S.PLANNED)

    transition_interview(interview, S.LIVE, actor=operator)

    assert step_status(interview, StepKind.RECORDING) == (StepStatus.IN_PROGRESS, None)


def test_ending_completes_the_recording_step(units, producer):
    interview = make_interview(units, S.LIVE)
    InterviewStep.objects.filter(interview=interview, kind=StepKind.RECORDING).update(status=StepStatus.IN_PROGRESS)

    transition_interview(interview, S.ENDED, actor=producer)

    assert step_status(interview, StepKind.RECORDING) == (StepStatus.DONE, NOW)


def test_filing_completes_the_filing_step(units, operator):
    interview = make_interview(units, S.ENDED)

    transition_interview(interview, S.FILED, actor=operator)

    assert step_status(interview, StepKind.FILING) == (StepStatus.DONE, NOW)


def test_postponing_withdraws_the_confirmation_of_r(units, coordinator):
    interview = make_interview(units, S.PLANNED)
    assert interview.recording_confirmed is True

    transition_interview(interview, S.POSTPONED, actor=coordinator, reason="嘉宾出差")

    interview.refresh_from_db()
    assert (interview.state, interview.recording_at, interview.recording_confirmed_at) == (S.POSTPONED, R, None)


def test_cancelling_keeps_the_record(units, coordinator):
    interview = make_interview(units, S.PLANNED)

    transition_interview(interview, S.CANCELLED, actor=coordinator, reason="主题并入下期")

    interview.refresh_from_db()
    assert (interview.state, interview.recording_at, interview.recording_confirmed) == (S.CANCELLED, R, True)
    assert interview.steps.count() == 12


def test_a_transition_tells_every_unit_concerned(
    units, coordinator, auditor, operator, producer, editor, co_editor, outsider, django_capture_on_commit_callbacks
):
    interview = make_interview(units, S.PLANNED)

    with django_capture_on_commit_callbacks(execute=True):
        transition_interview(interview, S.POSTPONED, actor=coordinator, reason="嘉宾出差")

    inbox = sorted(Notification.objects.values_list("recipient__username", "title", "body"))
    title = f"访谈“{interview.title}”状态变为：已延期"
    assert inbox == [
        (name, title, "嘉宾出差") for name in ["auditor", "co_editor", "coordinator", "editor", "operator", "producer"]
    ]


def test_a_refused_transition_tells_nobody(units, editor, coordinator, django_capture_on_commit_callbacks):
    interview = make_interview(units, S.PLANNED)

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(PermissionDenied):
        transition_interview(interview, S.POSTPONED, actor=editor, reason="嘉宾出差")

    assert (callbacks, list(Notification.objects.all())) == ([], [])


def test_a_postponed_interview_resumes_and_runs_to_filing(units, coordinator, editor, operator, producer, time_machine):
    interview = make_interview(units, S.PLANNED)
    transition_interview(interview, S.POSTPONED, actor=coordinator, reason="嘉宾出差")
    set_recording_date(interview, R + dt.timedelta(days=7), actor=coordinator)
    transition_interview(interview, S.PLANNED, actor=coordinator, reason="嘉宾已回")
    agree_on(interview, R + dt.timedelta(days=7), editor=editor, operator=operator, producer=producer)
    time_machine.move_to(R + dt.timedelta(days=7, hours=-1), tick=False)
    transition_interview(interview, S.LIVE, actor=producer)
    transition_interview(interview, S.ENDED, actor=producer)
    InterviewStep.objects.filter(interview=interview).exclude(kind=StepKind.FILING).update(status=StepStatus.DONE)

    transition_interview(interview, S.FILED, actor=operator)

    history = [(c.from_state, c.to_state, c.actor.username) for c in interview.state_changes.all()]
    assert history == [
        (S.PLANNED, S.POSTPONED, "coordinator"),
        (S.POSTPONED, S.PLANNED, "coordinator"),
        (S.PLANNED, S.LIVE, "producer"),
        (S.LIVE, S.ENDED, "producer"),
        (S.ENDED, S.FILED, "operator"),
    ]


# --- What to offer -------------------------------------------------------------------------------


def test_available_transitions_for_the_coordinator_of_a_planned_interview(units, coordinator):
    interview = make_interview(units, S.PLANNED)

    offers = available_transitions(interview, coordinator)

    assert offers == [
        {"state": S.CANCELLED, "label": "已取消", "needs_reason": True, "problems": []},
        {"state": S.POSTPONED, "label": "已延期", "needs_reason": True, "problems": []},
    ]


def test_available_transitions_list_problems_for_the_operator(units, operator):
    interview = make_interview(units, S.PLANNED, confirmed=False)

    offers = available_transitions(interview, operator)

    assert offers == [
        {"state": S.LIVE, "label": "直播中", "needs_reason": False, "problems": ["录制日期尚未确认，不能开始直播。"]}
    ]


def test_available_transitions_offer_live_without_problems_on_the_day(units, producer):
    interview = make_interview(units, S.PLANNED)

    offers = available_transitions(interview, producer)

    assert offers == [{"state": S.LIVE, "label": "直播中", "needs_reason": False, "problems": []}]


def test_available_transitions_for_filing_list_undone_steps(units, operator, producer):
    interview = make_interview(units, S.ENDED, steps=[k for k in NON_FILING if k != StepKind.ANSWERS])

    offers = {user.username: available_transitions(interview, user) for user in (operator, producer)}

    assert offers == {
        "operator": [
            {
                "state": S.FILED,
                "label": "已备案",
                "needs_reason": False,
                "problems": ["以下步骤尚未完成，不能备案：书面答复网友提问。"],
            }
        ],
        "producer": [],
    }


@pytest.mark.parametrize("actor", ["editor", "co_editor", "outsider", "auditor", "inactive_operator"])
def test_available_transitions_offer_nothing_to_those_who_may_not(request, units, actor):
    user = request.getfixturevalue(actor)
    offers = {state: available_transitions(make_interview(units, state), user) for state in S.values}

    assert offers == {state: [] for state in S.values}


@pytest.mark.parametrize("state", [S.CANCELLED, S.FILED])
def test_available_transitions_of_a_closed_interview_are_none(units, coordinator, operator, state):
    interview = make_interview(units, state)

    assert [available_transitions(interview, user) for user in (coordinator, operator)] == [[], []]
