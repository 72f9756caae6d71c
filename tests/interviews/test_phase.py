"""What is derived, never stored: an interview's public phase, its question window, a step's 已逾期."""

import datetime as dt

import pytest

from portal.interviews.enums import InterviewState, PublicPhase, StepDisplay, StepKind, StepStatus
from portal.interviews.models import Interview
from portal.interviews.services import settle_step
from portal.planning.models import PlanStatus
from tests.factories import InterviewFactory, PlanFactory, PlanRowFactory, at

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

S = InterviewState
NOW = at(2025, 9, 1, 10, 0)
R = at(2025, 10, 9, 14, 30)
WINDOW_CLOSES = NOW + dt.timedelta(days=20)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def published(interview):
    """The interview with R set and its preview page published now (as portal/questions' services settle it)."""
    Interview.objects.filter(pk=interview.pk).update(recording_at=R, recording_confirmed_at=NOW)
    settle_step(interview, StepKind.INTRODUCTION, StepStatus.DONE)
    settle_step(interview, StepKind.PREVIEW, StepStatus.DONE)
    return Interview.objects.get(pk=interview.pk)


def fresh(interview) -> Interview:
    return Interview.objects.get(pk=interview.pk)


# --- Public phase and the question window --------------------------------------------------------


def test_no_public_phase_before_the_preview_is_published(interview):
    assert (interview.public_phase(), interview.question_window(), interview.question_window_open()) == (
        None,
        None,
        False,
    )


def test_no_public_phase_while_the_preview_is_only_in_progress(interview):
    settle_step(interview, StepKind.INTRODUCTION, StepStatus.DONE)
    settle_step(interview, StepKind.PREVIEW, StepStatus.IN_PROGRESS)

    assert fresh(interview).public_phase() is None


def test_preview_phase_while_the_question_window_is_open(published):
    assert published.public_phase() == PublicPhase.PREVIEW
    assert published.question_window() == (NOW, WINDOW_CLOSES)
    assert published.question_window_open() is True


def test_question_window_stays_open_until_its_last_second(published, time_machine):
    time_machine.move_to(WINDOW_CLOSES - dt.timedelta(seconds=1), tick=False)

    assert (published.public_phase(), published.question_window_open()) == (PublicPhase.PREVIEW, True)


def test_upcoming_once_the_question_window_closes(published, time_machine):
    time_machine.move_to(WINDOW_CLOSES, tick=False)

    assert (published.public_phase(), published.question_window_open()) == (PublicPhase.UPCOMING, False)
    assert str(PublicPhase.UPCOMING.label) == "即将开始"


def test_phase_and_window_accept_an_explicit_time(published):
    later = NOW + dt.timedelta(days=25)

    assert (published.public_phase(later), published.question_window_open(later)) == (PublicPhase.UPCOMING, False)


def test_question_window_length_is_a_setting(published, settings):
    settings.PORTAL_QUESTION_WINDOW_DAYS = 10

    assert published.question_window() == (NOW, NOW + dt.timedelta(days=10))


def test_withdrawing_the_preview_makes_the_interview_private_again(published):
    settle_step(published, StepKind.PREVIEW, StepStatus.IN_PROGRESS)

    assert fresh(published).public_phase() is None


def test_live_phase(units):
    interview = InterviewFactory(lead_unit=units["lead"], state=S.LIVE, recording_at=R, confirmed=True)

    assert (interview.public_phase(), interview.question_window_open()) == (PublicPhase.LIVE, False)


@pytest.mark.parametrize("state", [S.ENDED, S.FILED])
def test_review_phase_once_held_even_without_a_preview(units, state):
    interview = InterviewFactory(lead_unit=units["lead"], state=state, recording_at=R)

    assert interview.public_phase() == PublicPhase.REVIEW
    assert str(PublicPhase.REVIEW.label) == "回顾"


@pytest.mark.parametrize(
    ("state", "phase"), [(S.POSTPONED, PublicPhase.POSTPONED), (S.CANCELLED, PublicPhase.CANCELLED)]
)
def test_postponed_or_cancelled_after_the_preview_was_published(published, state, phase):
    Interview.objects.filter(pk=published.pk).update(state=state)
    interview = fresh(published)

    assert (interview.public_phase(), interview.question_window_open()) == (phase, False)


@pytest.mark.parametrize("state", [S.POSTPONED, S.CANCELLED])
def test_postponed_or_cancelled_before_the_preview_stays_private(units, state):
    interview = InterviewFactory(lead_unit=units["lead"], state=state, recording_at=R)

    assert interview.public_phase() is None


# --- What the public may see ---------------------------------------------------------------------


def test_public_interviews(units):
    approved = PlanFactory(status=PlanStatus.APPROVED)
    draft = PlanFactory(status=PlanStatus.DRAFT)
    published = [StepKind.INTRODUCTION, StepKind.PREVIEW]
    for title, plan, state, done in [
        ("已审定计划·已发布预告", approved, S.PLANNED, published),
        ("已审定计划·未发布预告", approved, S.PLANNED, []),
        ("草稿计划·已发布预告", draft, S.PLANNED, published),
        ("草稿计划·已结束", draft, S.ENDED, []),
        ("已审定计划·直播中", approved, S.LIVE, []),
        ("已审定计划·已取消·已发布预告", approved, S.CANCELLED, published),
        ("已审定计划·已取消·未发布预告", approved, S.CANCELLED, []),
    ]:
        row = PlanRowFactory(plan=plan, lead_unit=units["lead"])
        InterviewFactory(title=title, plan_row=row, state=state, lead_unit=units["lead"], steps=done)
    InterviewFactory(title="计划外·已结束", state=S.ENDED, lead_unit=units["lead"])
    InterviewFactory(title="计划外·已备案", state=S.FILED, lead_unit=units["lead"])
    InterviewFactory(title="计划外·筹备中", state=S.PLANNED, lead_unit=units["lead"])
    InterviewFactory(title="计划外·已延期·已发布预告", state=S.POSTPONED, lead_unit=units["lead"], steps=published)

    titles = sorted(Interview.objects.public().values_list("title", flat=True))

    assert titles == sorted(
        [
            "已审定计划·已发布预告",
            "已审定计划·直播中",
            "已审定计划·已取消·已发布预告",
            "计划外·已结束",
            "计划外·已备案",
            "计划外·已延期·已发布预告",
        ]
    )


def test_public_interviews_appear_once_the_plan_is_approved(units):
    plan = PlanFactory(status=PlanStatus.DRAFT)
    InterviewFactory(plan_row=PlanRowFactory(plan=plan), state=S.ENDED, lead_unit=units["lead"])
    assert list(Interview.objects.public()) == []

    plan.status = PlanStatus.APPROVED
    plan.save()

    assert Interview.objects.public().count() == 1


# --- A step's status as shown --------------------------------------------------------------------


@pytest.fixture
def final_step(units):
    """The 访谈定稿 step of an interview with R = 2025-10-09: due 2025-09-30."""
    interview = InterviewFactory(lead_unit=units["lead"], recording_at=R)
    step = interview.steps.get(kind=StepKind.FINAL)
    assert step.due_date == dt.date(2025, 9, 30)
    return step


@pytest.mark.parametrize(
    ("status", "today", "expected"),
    [
        (StepStatus.NOT_STARTED, dt.date(2025, 9, 29), StepDisplay.NOT_STARTED),
        (StepStatus.NOT_STARTED, dt.date(2025, 9, 30), StepDisplay.NOT_STARTED),  # due today is not late yet
        (StepStatus.NOT_STARTED, dt.date(2025, 10, 1), StepDisplay.OVERDUE),
        (StepStatus.IN_PROGRESS, dt.date(2025, 9, 30), StepDisplay.IN_PROGRESS),
        (StepStatus.IN_PROGRESS, dt.date(2025, 10, 1), StepDisplay.OVERDUE),
        (StepStatus.DONE, dt.date(2025, 10, 1), StepDisplay.DONE),
    ],
)
def test_display_status_derives_overdue_from_the_deadline(final_step, status, today, expected):
    final_step.status = status

    assert (final_step.display_status(today), final_step.is_overdue(today)) == (
        expected,
        expected == StepDisplay.OVERDUE,
    )


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (S.PLANNED, StepDisplay.OVERDUE),
        (S.LIVE, StepDisplay.OVERDUE),
        (S.ENDED, StepDisplay.OVERDUE),
        (S.POSTPONED, StepDisplay.NOT_STARTED),
        (S.CANCELLED, StepDisplay.NOT_STARTED),
        (S.FILED, StepDisplay.NOT_STARTED),
    ],
)
def test_no_overdue_while_deadlines_do_not_run(final_step, state, expected):
    final_step.interview.state = state

    assert final_step.display_status(dt.date(2025, 12, 1)) == expected


def test_no_overdue_without_a_deadline(interview):
    step = interview.steps.get(kind=StepKind.FINAL)

    assert (step.due_date, step.display_status(dt.date(2099, 1, 1))) == (None, StepDisplay.NOT_STARTED)


def test_overdue_turns_at_local_midnight(final_step, time_machine):
    time_machine.move_to(at(2025, 9, 30, 23, 59), tick=False)
    before = final_step.display_status()
    time_machine.move_to(at(2025, 10, 1, 0, 1), tick=False)  # still 09-30 in UTC
    after = final_step.display_status()

    assert (before, after) == (StepDisplay.NOT_STARTED, StepDisplay.OVERDUE)
    assert str(after.label) == "已逾期"
