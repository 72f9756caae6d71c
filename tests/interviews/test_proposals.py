"""Agreeing on the recording date: proposals, the three parties' answers, the studio, notices and waits."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from portal.audit.models import AuditEntry
from portal.interviews.deadlines import due_date_for
from portal.interviews.enums import InterviewState, ProposalStatus, StepKind
from portal.interviews.lifecycle import transition_interview
from portal.interviews.models import Interview, RecordingProposal
from portal.interviews.proposals import answer_proposal, propose_recording_date, withdraw_proposal
from portal.interviews.scheduling import SchedulingRefused, set_recording_date
from portal.notifications.models import Notification, Reminder, ReminderKind, ReminderStatus
from tests.dates import agree_on
from tests.factories import InterviewFactory, at

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

NOW = at(2025, 9, 1, 10, 0)
R = at(2025, 10, 9, 14, 30)
LATER_R = at(2025, 10, 16, 14, 30)
TITLE = "城镇燃气“安心用气工程”"


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def everyone(coordinator, auditor, operator, producer, editor, co_editor, outsider):
    """The whole cast, so that notifications can be checked against who should not get them."""


class Waits:
    """The waiting reminders the proposals wrote (portal/notifications/reminders.py), read from the database."""

    def __getitem__(self, name: str) -> list:
        rows = Reminder.objects.filter(kind=ReminderKind.WAITING, key__startswith="date-proposal:").order_by("pk")
        if name == "scheduled":
            units: dict[str, set[int]] = {}
            for row in rows:
                units.setdefault(row.key, set()).add(row.unit_id)
            return [(key, sorted(ids)) for key, ids in units.items()]
        cancelled = rows.filter(status=ReminderStatus.CANCELLED).values_list("key", flat=True)
        return list(dict.fromkeys(cancelled))


@pytest.fixture
def waits():
    return Waits()


def inbox() -> list[tuple[str, str]]:
    return sorted(Notification.objects.values_list("recipient__username", "title"))


def answer(proposal, party, user, decision="confirm", reason=""):
    return answer_proposal(proposal, party=party, decision=decision, actor=user, reason=reason)


def answers(proposal) -> dict[str, tuple[str, str]]:
    return {r.party: (r.decision, r.user.username) for r in proposal.responses.select_related("user")}


# --- The happy path ------------------------------------------------------------------------------


def test_the_lead_unit_proposes_and_its_own_party_counts_as_confirming(
    interview, editor, everyone, units, waits, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = propose_recording_date(interview, R, actor=editor, reason="嘉宾本周有空")

    proposal.refresh_from_db()
    assert (proposal.status, proposal.start, proposal.minutes, proposal.place) == ("open", R, 120, "区融媒体中心演播室")
    assert (proposal.proposed_by, proposal.proposer_party) == (editor, "lead")
    assert answers(proposal) == {"lead": ("confirm", "editor")}
    interview.refresh_from_db()
    assert (interview.recording_at, interview.recording_confirmed) == (None, False)
    title = f"访谈“{TITLE}”建议录制时间：2025-10-09 14:30至16:30，请确认"
    assert inbox() == [("operator", title), ("producer", title)]
    assert waits["scheduled"] == [
        (f"date-proposal:{proposal.pk}:digital", [units["digital"].pk]),
        (f"date-proposal:{proposal.pk}:media", [units["media"].pk]),
    ]
    entry = AuditEntry.objects.for_object(interview).get()
    assert (entry.action, entry.data["at"], entry.data["party"]) == ("interviews.proposal.made", R.isoformat(), "lead")


def test_the_third_confirmation_makes_the_proposal_r(
    interview, editor, operator, producer, everyone, waits, django_capture_on_commit_callbacks
):
    proposal = propose_recording_date(interview, R, actor=editor, minutes=90)
    answer(proposal, "digital", operator)
    after_two = RecordingProposal.objects.get().status

    with django_capture_on_commit_callbacks(execute=True):
        answer(proposal, "media", producer)

    assert after_two == "open"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CONFIRMED
    assert proposal.closed_at == NOW
    interview.refresh_from_db()
    assert (interview.recording_at, interview.recording_confirmed_at, interview.recording_minutes) == (R, NOW, 90)
    assert interview.recording_ends_at == R + dt.timedelta(minutes=90)
    assert {s.kind: s.due_date for s in interview.steps.all()} == {
        s.kind: due_date_for(s.kind, R) for s in interview.steps.all()
    }
    assert interview.steps.get(kind=StepKind.DATE).status == "done"
    change = interview.date_changes.get()
    assert (change.old_at, change.new_at, change.confirmed, change.actor) == (None, R, True, producer)
    assert [e.action for e in AuditEntry.objects.for_object(interview).order_by("id")] == [
        "interviews.proposal.made",
        "interviews.proposal.confirmed",
        "interviews.proposal.confirmed",
        "interviews.interview.recording_confirmed",
    ]
    title = f"访谈“{TITLE}”录制时间已确认：2025-10-09 14:30"
    assert inbox() == [
        (name, title) for name in ["auditor", "co_editor", "coordinator", "editor", "operator", "producer"]
    ]
    assert waits["cancelled"] == [f"date-proposal:{proposal.pk}:digital", f"date-proposal:{proposal.pk}:media"]


def test_a_center_may_propose_and_the_lead_unit_confirms(interview, editor, operator, producer):
    proposal = propose_recording_date(interview, R, actor=producer)
    answer(proposal, "lead", editor)
    answer(proposal, "digital", operator)

    interview.refresh_from_db()
    assert (interview.recording_at, interview.recording_confirmed) == (R, True)


def test_the_coordinator_proposes_on_behalf_and_all_three_confirm(
    interview, coordinator, editor, operator, producer, waits
):
    proposal = propose_recording_date(interview, R, actor=coordinator)

    assert (proposal.proposer_party, answers(proposal)) == ("", {})
    assert [key.rsplit(":", 1)[1] for key, _units in waits["scheduled"]] == ["lead", "digital", "media"]
    answer(proposal, "lead", editor)
    answer(proposal, "digital", operator)
    interview.refresh_from_db()
    assert interview.recording_confirmed is False
    answer(proposal, "media", producer)
    interview.refresh_from_db()
    assert interview.recording_confirmed is True


def test_a_tentative_r_stays_until_a_proposal_is_confirmed(interview, editor, operator, producer):
    set_recording_date(interview, R, actor=editor)

    proposal = propose_recording_date(interview, LATER_R, actor=operator)
    interview.refresh_from_db()
    tentative = (interview.recording_at, interview.recording_confirmed)
    answer(proposal, "lead", editor)
    answer(proposal, "media", producer)

    interview.refresh_from_db()
    assert tentative == (R, False)
    assert (interview.recording_at, interview.recording_confirmed) == (LATER_R, True)


# --- Declining, re-proposing, superseding, withdrawing ---------------------------------------------


def test_declining_needs_a_reason(interview, editor, operator):
    proposal = propose_recording_date(interview, R, actor=editor)

    with pytest.raises(SchedulingRefused, match="拒绝须填写原因"):
        answer(proposal, "digital", operator, decision="decline", reason="  ")

    proposal.refresh_from_db()
    assert (proposal.status, answers(proposal)) == ("open", {"lead": ("confirm", "editor")})


def test_a_decline_closes_the_proposal_and_tells_the_three_parties(
    interview, editor, producer, everyone, waits, django_capture_on_commit_callbacks
):
    proposal = propose_recording_date(interview, R, actor=editor)

    with django_capture_on_commit_callbacks(execute=True):
        answer(proposal, "media", producer, decision="decline", reason="演播室当天检修")

    proposal.refresh_from_db()
    assert (proposal.status, proposal.closed_at) == ("declined", NOW)
    assert proposal.responses.get(party="media").reason == "演播室当天检修"
    interview.refresh_from_db()
    assert interview.recording_at is None
    title = f"访谈“{TITLE}”建议的录制时间2025-10-09 14:30被区融媒体中心拒绝"
    assert inbox() == [(name, title) for name in ["editor", "operator", "producer"]]
    assert Notification.objects.filter(body="演播室当天检修").count() == 3
    assert sorted(waits["cancelled"]) == [f"date-proposal:{proposal.pk}:{p}" for p in ("digital", "media")]
    entry = AuditEntry.objects.for_object(interview).first()
    assert (entry.action, entry.data["reason"]) == ("interviews.proposal.declined", "演播室当天检修")


def test_after_a_decline_a_new_proposal_is_confirmed(interview, editor, operator, producer):
    first = propose_recording_date(interview, R, actor=editor)
    answer(first, "media", producer, decision="decline", reason="演播室当天检修")

    second = agree_on(interview, LATER_R, editor=editor, operator=operator, producer=producer)

    assert list(RecordingProposal.objects.order_by("id").values_list("status", flat=True)) == ["declined", "confirmed"]
    assert second.start == LATER_R
    interview.refresh_from_db()
    assert (interview.recording_at, interview.recording_confirmed) == (LATER_R, True)


def test_a_new_proposal_supersedes_the_open_one(interview, editor, operator, waits):
    first = propose_recording_date(interview, R, actor=editor)

    second = propose_recording_date(interview, LATER_R, actor=operator)

    first.refresh_from_db()
    assert (first.status, second.status) == ("superseded", "open")
    assert f"date-proposal:{first.pk}:digital" in waits["cancelled"]
    assert f"date-proposal:{first.pk}:media" in waits["cancelled"]
    assert RecordingProposal.objects.filter(status="open").count() == 1
    with pytest.raises(SchedulingRefused, match="该录制时间建议已被新建议取代，不能再操作"):
        answer(first, "digital", operator)


def test_the_proposer_withdraws_but_another_party_may_not(interview, editor, operator):
    proposal = propose_recording_date(interview, R, actor=editor)

    with pytest.raises(PermissionDenied):
        withdraw_proposal(proposal, actor=operator)
    withdraw_proposal(proposal, actor=editor)

    proposal.refresh_from_db()
    assert proposal.status == "withdrawn"


@pytest.mark.parametrize("state", [InterviewState.POSTPONED, InterviewState.CANCELLED])
def test_postponing_or_cancelling_withdraws_the_open_proposal(interview, editor, coordinator, state):
    proposal = propose_recording_date(interview, R, actor=editor)

    transition_interview(interview, state, actor=coordinator, reason="防汛")

    proposal.refresh_from_db()
    assert proposal.status == "withdrawn"


# --- Refusals --------------------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["co_editor", "auditor", "outsider"])
def test_others_may_not_propose(request, interview, actor):
    with pytest.raises(PermissionDenied):
        propose_recording_date(interview, R, actor=request.getfixturevalue(actor))

    assert not RecordingProposal.objects.exists()


@pytest.mark.parametrize(
    ("actor", "party"),
    [
        ("editor", "media"),  # a party answers for itself only
        ("operator", "lead"),
        ("co_editor", "lead"),
        ("coordinator", "media"),  # proposes on behalf, never answers
        ("auditor", "digital"),
        ("outsider", "lead"),
    ],
)
def test_the_wrong_party_may_not_answer(request, interview, producer, actor, party):
    proposal = propose_recording_date(interview, R, actor=producer)

    with pytest.raises(PermissionDenied):
        answer(proposal, party, request.getfixturevalue(actor))

    assert answers(proposal) == {"media": ("confirm", "producer")}


def test_a_party_answers_once(interview, editor, operator):
    proposal = propose_recording_date(interview, R, actor=editor)
    answer(proposal, "digital", operator)

    with pytest.raises(SchedulingRefused, match="区城市数字治理中心已经答复过这条建议"):
        answer(proposal, "digital", operator, decision="decline", reason="改主意了")


@pytest.mark.parametrize("when", [NOW, NOW - dt.timedelta(minutes=1), at(2025, 8, 1)])
def test_a_time_not_in_the_future_is_refused(interview, editor, when):
    with pytest.raises(SchedulingRefused, match="录制时间须晚于当前时间"):
        propose_recording_date(interview, when, actor=editor)


@pytest.mark.parametrize("minutes", [10, 481])
def test_a_length_out_of_bounds_is_refused(interview, editor, minutes):
    with pytest.raises(SchedulingRefused, match="录制时长须在15至480分钟之间"):
        propose_recording_date(interview, R, actor=editor, minutes=minutes)


def test_confirming_once_the_proposed_time_has_passed_is_refused(interview, editor, operator, time_machine):
    proposal = propose_recording_date(interview, R, actor=editor)
    time_machine.move_to(R + dt.timedelta(minutes=1), tick=False)

    with pytest.raises(SchedulingRefused, match="建议的录制时间已过"):
        answer(proposal, "digital", operator)


@pytest.mark.parametrize(
    "state", [InterviewState.CANCELLED, InterviewState.FILED, InterviewState.POSTPONED, InterviewState.ENDED]
)
def test_no_proposal_for_an_interview_that_is_not_being_planned(units, editor, state):
    interview = InterviewFactory(lead_unit=units["lead"], state=state)

    with pytest.raises(SchedulingRefused, match=r"的访谈不能商定录制日期"):
        propose_recording_date(interview, R, actor=editor)


def test_no_answer_once_the_interview_is_postponed(interview, editor, operator):
    proposal = propose_recording_date(interview, R, actor=editor)
    Interview.objects.filter(pk=interview.pk).update(state=InterviewState.POSTPONED)

    with pytest.raises(SchedulingRefused, match="“已延期”的访谈不能商定录制日期"):
        answer(proposal, "digital", operator)


# --- Moving a confirmed R ----------------------------------------------------------------------------


@pytest.fixture
def confirmed(interview, editor, operator, producer):
    agree_on(interview, R, editor=editor, operator=operator, producer=producer)
    interview.refresh_from_db()
    return interview


def test_moving_a_confirmed_date_needs_a_reason(confirmed, operator):
    with pytest.raises(SchedulingRefused, match="录制日期已经三方确认，调整须填写原因"):
        propose_recording_date(confirmed, LATER_R, actor=operator, reason=" ")


def test_proposing_the_confirmed_time_again_is_refused(confirmed, operator):
    with pytest.raises(SchedulingRefused, match="建议的录制时间与已确认的时间相同"):
        propose_recording_date(confirmed, R, actor=operator, reason="再确认一次")


def test_a_confirmed_date_moves_only_once_the_three_confirm_the_new_one(
    confirmed, editor, operator, producer, everyone, django_capture_on_commit_callbacks
):
    proposal = propose_recording_date(confirmed, LATER_R, actor=operator, reason="嘉宾出差")
    answer(proposal, "lead", editor)
    confirmed.refresh_from_db()
    meanwhile = (confirmed.recording_at, confirmed.recording_confirmed, confirmed.steps.get(kind="date").status)

    with django_capture_on_commit_callbacks(execute=True):
        answer(proposal, "media", producer)

    assert meanwhile == (R, True, "done")
    confirmed.refresh_from_db()
    assert (confirmed.recording_at, confirmed.recording_confirmed) == (LATER_R, True)
    assert confirmed.steps.get(kind=StepKind.FINAL).due_date == dt.date(2025, 10, 13)
    assert list(confirmed.date_changes.values_list("old_at", "new_at", "confirmed", "reason")) == [
        (None, R, True, ""),
        (R, LATER_R, True, "嘉宾出差"),
    ]
    title = f"访谈“{TITLE}”录制时间由2025-10-09 14:30调整为2025-10-16 14:30，已经三方确认；各步骤截止日期已重新计算"
    assert inbox() == [
        (name, title) for name in ["auditor", "co_editor", "coordinator", "editor", "operator", "producer"]
    ]


def test_a_declined_move_keeps_the_confirmed_date(confirmed, operator, producer):
    proposal = propose_recording_date(confirmed, LATER_R, actor=operator, reason="嘉宾出差")

    answer(proposal, "media", producer, decision="decline", reason="演播室已排满")

    confirmed.refresh_from_db()
    assert (confirmed.recording_at, confirmed.recording_confirmed) == (R, True)


# --- The studio --------------------------------------------------------------------------------------


@pytest.fixture
def booked(units):
    """Another interview recording in the studio on R from 14:30 to 16:30."""
    return InterviewFactory(title="另一期访谈", lead_unit=units["outsider"], recording_at=R, confirmed=True)


@pytest.mark.parametrize(
    ("start", "minutes"),
    [
        (R, 120),  # the same slot
        (R + dt.timedelta(minutes=119), 30),  # starts before the other ends
        (R - dt.timedelta(minutes=60), 61),  # ends after the other starts
        (R - dt.timedelta(hours=1), 480),  # covers it
        (R + dt.timedelta(minutes=30), 15),  # inside it
    ],
)
def test_an_overlapping_recording_is_refused(interview, editor, booked, start, minutes):
    with pytest.raises(SchedulingRefused, match="演播室在2025-10-09 14:30至2025-10-09 16:30已有其他访谈的录制安排"):
        propose_recording_date(interview, start, actor=editor, minutes=minutes)

    assert not RecordingProposal.objects.exists()


@pytest.mark.parametrize(
    ("start", "minutes"),
    [
        (R + dt.timedelta(minutes=120), 120),  # [16:30, 18:30) touches [14:30, 16:30)
        (R - dt.timedelta(minutes=120), 120),  # [12:30, 14:30) touches it
    ],
)
def test_touching_recordings_do_not_overlap(interview, editor, operator, producer, booked, start, minutes):
    agree_on(interview, start, editor=editor, operator=operator, producer=producer, minutes=minutes)

    interview.refresh_from_db()
    assert (interview.recording_at, interview.recording_confirmed) == (start, True)


def test_the_other_recordings_own_length_counts(interview, editor, booked):
    Interview.objects.filter(pk=booked.pk).update(recording_minutes=240)

    with pytest.raises(SchedulingRefused, match="至2025-10-09 18:30已有"):
        propose_recording_date(interview, R + dt.timedelta(hours=3), actor=editor)


def test_tentative_and_cancelled_recordings_do_not_hold_the_studio(interview, editor, units):
    InterviewFactory(lead_unit=units["outsider"], recording_at=R)
    InterviewFactory(lead_unit=units["outsider"], recording_at=R, confirmed=True, state=InterviewState.CANCELLED)

    assert propose_recording_date(interview, R, actor=editor).status == "open"


def test_the_studio_is_checked_again_at_the_last_confirmation(interview, units, editor, operator, producer):
    other = InterviewFactory(lead_unit=units["lead"])
    mine = propose_recording_date(interview, R, actor=editor)
    theirs = propose_recording_date(other, R + dt.timedelta(hours=1), actor=editor)
    answer(mine, "digital", operator)
    answer(theirs, "digital", operator)
    answer(theirs, "media", producer)

    with pytest.raises(SchedulingRefused, match="演播室在2025-10-09 15:30至2025-10-09 17:30已有其他访谈的录制安排"):
        answer(mine, "media", producer)

    mine.refresh_from_db()
    interview.refresh_from_db()
    assert (mine.status, sorted(answers(mine))) == ("open", ["digital", "lead"])
    assert interview.recording_at is None


@pytest.mark.django_db(transaction=True)
def test_two_racing_confirmations_book_the_studio_once(units, editor, operator, producer):
    if connection.vendor != "postgresql":
        pytest.skip("row and advisory locks are PostgreSQL's; SQLite serialises writers by itself")
    proposals = []
    for offset in (0, 1):
        interview = InterviewFactory(lead_unit=units["lead"])
        proposal = propose_recording_date(interview, R + dt.timedelta(hours=offset), actor=editor)
        answer(proposal, "digital", operator)
        proposals.append(proposal)
    barrier = threading.Barrier(2)
    outcomes = []

    def confirm(proposal):
        from django.db import connection as thread_connection  # noqa: PLC0415 -- one connection per thread

        try:
            barrier.wait()
            answer(proposal, "media", producer)
            outcomes.append("confirmed")
        except SchedulingRefused:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=confirm, args=(proposal,)) for proposal in proposals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["confirmed", "refused"]
    assert Interview.objects.filter(recording_confirmed_at__isnull=False).count() == 1
    assert RecordingProposal.objects.filter(status="confirmed").count() == 1
