"""The current year's demonstration plan: one interview in each phase, relative to the day of seeding.

The plan is drafted and approved through the planning services, so its interviews are created (and
marked is_demo) by the real code path. Each run then puts every demo interview back into its phase
relative to today: R, confirmations, steps and their completion times move with the calendar, so
seeding again on a later day re-aligns the demo, and seeding again on the same day changes nothing.

Services are used where they fit (R in the future, step statuses, host, guests). They refuse R in the
past and stamp "now" on what they record, so the seeder writes directly: the state and R of the
interview that is live today and of the one that has ended, and the completion times of steps, which
belong to a past the seeder loads rather than lives through.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from portal.accounts.models import Unit, User
from portal.demo.data import (
    DEMO_HOST,
    DEMO_INTERVIEWS,
    DEMO_LEAD_UNIT,
    DEMO_REALIGN_NOTE,
    DemoInterviewSpec,
    Done,
    demo_plan_fields,
)
from portal.interviews.deadlines import due_date_for, set_deadlines
from portal.interviews.enums import (
    DateParty,
    InterviewState,
    Owner,
    ProposalDecision,
    ProposalStatus,
    StepKind,
    StepStatus,
)
from portal.interviews.models import Interview, InterviewStep, ProposalResponse, RecordingProposal
from portal.interviews.proposals import answer_proposal, answers_of, propose_recording_date
from portal.interviews.scheduling import SchedulingRefused, set_recording_date
from portal.interviews.services import EVENT_SETTLED_STEPS, add_guest, set_host, set_step_status, settle_step
from portal.interviews.steps import STEPS
from portal.planning.models import Plan
from portal.planning.services import add_row, approve_plan, create_plan, update_row
from portal.workcalendar import workdays

if TYPE_CHECKING:
    from portal.demo.seeding import SeedReport

RECORDING_TIME = dt.time(9, 30)
COMPLETION_TIME = dt.time(16, 0)
MAX_SHIFT_DAYS = 14

# Which demo account acts for a step's first owner.
ACCOUNT_FOR_OWNER = {
    Owner.LEAD: "demo-editor",
    Owner.CO: "demo-editor",
    Owner.DIGITAL: "demo-operator",
    Owner.MEDIA: "demo-producer",
}


def _local(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=timezone.get_current_timezone())


def _target_status(spec: DemoInterviewSpec, kind: str) -> str:
    if kind in spec.done:
        return StepStatus.DONE
    if kind in spec.in_progress:
        return StepStatus.IN_PROGRESS
    return StepStatus.NOT_STARTED


def _fits(spec: DemoInterviewSpec, recording_at: dt.datetime, today: dt.date) -> bool:
    """R is a working day and no step that is not done would be overdue (beyond those allowed)."""
    if not workdays.is_workday(recording_at.date()):
        return False
    for step in STEPS:
        if step.kind in spec.done or step.kind in spec.may_be_overdue:
            continue
        due = due_date_for(step.kind, recording_at)
        if due is not None and due < today:
            return False
    return True


def recording_time(spec: DemoInterviewSpec, today: dt.date) -> dt.datetime:
    """R for ``spec`` seen from ``today``: ``r_days`` away at 09:30, moved later until it fits."""
    candidate = _local(today + dt.timedelta(days=spec.r_days), RECORDING_TIME)
    if spec.fixed_r:
        return candidate
    for shift in range(MAX_SHIFT_DAYS + 1):
        moved = candidate + dt.timedelta(days=shift)
        if _fits(spec, moved, today):
            return moved
    return candidate


def completed_at(spec: DemoInterviewSpec, kind: str, recording_at: dt.datetime, today: dt.date) -> dt.datetime:
    """When step ``kind`` was done: as ``spec`` says, but on time and on a working day.

    R + n days (anchor "R") is two hours after the recording began; today + n days (anchor "T") is
    16:00. A date after the step's deadline moves back to the deadline, and a day off back to the
    working day before it, so the demo's finished steps read as done on time by people at work.
    """
    done: Done = spec.done[kind]
    if done.anchor == "R":
        when = recording_at + dt.timedelta(days=done.days, hours=2)
    else:
        when = _local(today + dt.timedelta(days=done.days), COMPLETION_TIME)
    day = timezone.localtime(when).date()
    due = due_date_for(kind, recording_at)
    if due is not None and day > due:
        day = due
    day = workdays.previous_workday_or_same(day)
    return dt.datetime.combine(day, timezone.localtime(when).time(), tzinfo=timezone.get_current_timezone())


# --- The plan ---------------------------------------------------------------------------------


def seed_demo_plan(units: dict[str, Unit], accounts: dict[str, User], report: "SeedReport") -> Plan | None:
    today = timezone.localdate()
    year = today.year
    coordinator = accounts["demo-coordinator"]
    if Plan.objects.filter(year=year, is_demo=False).exists():
        # Plans are unique per year, and a real plan always wins over the demonstration.
        report.warnings.append(f"{year}年已有正式计划，未载入演示计划。")
        return None
    timings = {spec.topic: recording_time(spec, today) for spec in DEMO_INTERVIEWS}

    plan = Plan.objects.filter(is_demo=True).order_by("-year").first()
    if plan is not None and plan.year != year:
        _move_to_year(plan, year, today)
        report.updated.append(f"演示计划移至{year}年")
    if plan is None:
        plan = create_plan(actor=coordinator, is_demo=True, **demo_plan_fields(year, today))
        report.created.append(f"演示计划 {plan.doc_number}")

    rows = {row.topic: row for row in plan.rows.select_related("lead_unit").prefetch_related("co_units")}
    note = DEMO_REALIGN_NOTE if plan.is_approved else ""
    for seq, spec in enumerate(DEMO_INTERVIEWS, start=1):
        month = timezone.localtime(timings[spec.topic]).month
        row = rows.get(spec.topic)
        if row is None:
            free_seq = seq if not plan.rows.filter(seq=seq).exists() else None
            add_row(
                plan,
                actor=coordinator,
                seq=free_seq,
                month=month,
                topic=spec.topic,
                lead_unit=units[DEMO_LEAD_UNIT],
                co_units=[units[name] for name in spec.co],
                note=note,
            )
        elif row.month != month:
            update_row(
                row,
                actor=coordinator,
                seq=row.seq,
                month=month,
                topic=row.topic,
                lead_unit=row.lead_unit,
                co_units=list(row.co_units.all()),
                note=note,
            )
            report.updated.append(f"演示计划条目 {row.topic}：{month}月")
    if not plan.is_approved:
        plan = approve_plan(plan, actor=coordinator)

    for spec in DEMO_INTERVIEWS:
        interview = Interview.objects.filter(plan_row__plan=plan, plan_row__topic=spec.topic).first()
        if interview is not None and align_interview(interview, spec, timings[spec.topic], today, accounts):
            report.updated.append(f"演示访谈 {interview}")
    return plan


def _move_to_year(plan: Plan, year: int, today: dt.date) -> None:
    """Carry last year's demo plan over to this year, so there is one demonstration, always current.

    Written directly: update_plan() rightly refuses to change the year of an approved plan, but a
    demonstration has no history worth keeping under its old year.
    """
    fields = demo_plan_fields(year, today)
    keep = ("year", "title", "doc_number", "notice_title", "issued_on", "printed_on")
    Plan.objects.filter(pk=plan.pk).update(**{key: fields[key] for key in keep}, updated_at=timezone.now())
    Interview.objects.filter(plan_row__plan=plan).update(year=year)
    plan.refresh_from_db()


# --- One interview ----------------------------------------------------------------------------


def align_interview(
    interview: Interview, spec: DemoInterviewSpec, recording_at: dt.datetime, today: dt.date, accounts
) -> bool:
    """Put ``interview`` into the phase ``spec`` describes; True when anything had to change."""
    before = _fingerprint(interview)
    if spec.state == InterviewState.PLANNED:
        _schedule(interview, spec, recording_at, accounts)
    else:
        _set_held_or_live(interview, spec, recording_at, today)
    interview.refresh_from_db()
    if interview.recording_confirmed:
        _ensure_confirmed_proposal(interview, accounts)
    set_deadlines(interview)
    _align_steps(interview, spec, recording_at, today, accounts)
    if interview.host_name != DEMO_HOST:
        set_host(interview, actor=accounts["demo-producer"], host_name=DEMO_HOST)
    present = set(interview.guests.values_list("name", flat=True))
    for name, post, unit_name in spec.guests:
        if name not in present:
            add_guest(interview, actor=accounts["demo-editor"], name=name, post=post, unit_name=unit_name)
    return _fingerprint(interview) != before


def _fingerprint(interview: Interview) -> tuple:
    fresh = Interview.objects.get(pk=interview.pk)
    steps = tuple(InterviewStep.objects.filter(interview=interview).order_by("kind").values_list())
    guests = tuple(fresh.guests.order_by("id").values_list("name", "post", "unit_name"))
    proposals = tuple(fresh.recording_proposals.order_by("id").values_list("status", "start"))
    return (
        fresh.state,
        fresh.recording_at,
        fresh.recording_confirmed_at is None,
        fresh.host_name,
        steps,
        guests,
        proposals,
    )


def _schedule(interview: Interview, spec: DemoInterviewSpec, recording_at: dt.datetime, accounts) -> None:
    """A future R: tentative through set_recording_date, confirmed through a proposal the three parties confirm."""
    if interview.state != InterviewState.PLANNED:
        # Someone moved the demo on (or cancelled it); a demonstration is put back, not argued with.
        Interview.objects.filter(pk=interview.pk).update(
            state=InterviewState.PLANNED, state_changed_at=timezone.now(), updated_at=timezone.now()
        )
        interview.refresh_from_db()
    if spec.confirmed:
        # (align_interview() then checks that the confirmed proposal is on record.)
        if not (interview.recording_confirmed and interview.recording_at == recording_at):
            reason = DEMO_REALIGN_NOTE if interview.recording_confirmed else ""
            _agree(interview, recording_at, accounts, reason=reason, parties=list(DateParty.values))
        return
    if interview.recording_confirmed:
        # There is no service to withdraw a confirmation without moving R; the demo needs a tentative R.
        Interview.objects.filter(pk=interview.pk).update(recording_confirmed_at=None, updated_at=timezone.now())
        interview.refresh_from_db()
    if interview.recording_at != recording_at:
        interview = set_recording_date(interview, recording_at, actor=accounts["demo-coordinator"])
    if spec.open_proposal:
        start = recording_at + dt.timedelta(hours=4, minutes=30)
        current = interview.recording_proposals.filter(status=ProposalStatus.OPEN).first()
        wanted = {DateParty.LEAD, DateParty.DIGITAL}
        if current is None or current.start != start or set(answers_of(current)) != wanted:
            _agree(interview, start, accounts, reason="", parties=[DateParty.LEAD, DateParty.DIGITAL])


# Which demo account answers for each party.
ACCOUNT_FOR_PARTY = {
    DateParty.LEAD: "demo-editor",
    DateParty.DIGITAL: "demo-operator",
    DateParty.MEDIA: "demo-producer",
}


def _agree(interview: Interview, start: dt.datetime, accounts, *, reason: str, parties: list[str]) -> None:
    """The lead unit proposes ``start`` and the other ``parties`` confirm it, through the services."""
    try:
        proposal = propose_recording_date(interview, start, actor=accounts["demo-editor"], reason=reason)
        for party in parties:
            if party != DateParty.LEAD:
                answer_proposal(
                    proposal, party=party, decision=ProposalDecision.CONFIRM, actor=accounts[ACCOUNT_FOR_PARTY[party]]
                )
    except SchedulingRefused:
        # The studio is taken at that time by a real interview; the demo keeps what it has.
        return


def _ensure_confirmed_proposal(interview: Interview, accounts) -> None:
    """A confirmed R without its proposal (seeded before proposals existed): write the record it lacks."""
    confirmed = interview.recording_proposals.filter(status=ProposalStatus.CONFIRMED)
    if confirmed.filter(start=interview.recording_at).exists():
        return
    # A held demo interview's R moves with the day of seeding; its earlier record gives way.
    confirmed.update(status=ProposalStatus.SUPERSEDED)
    proposal = RecordingProposal.objects.create(
        interview=interview,
        start=interview.recording_at,
        minutes=int(interview.recording_duration.total_seconds() // 60),
        place=interview.place,
        proposed_by=accounts["demo-editor"],
        proposer_party=DateParty.LEAD,
        status=ProposalStatus.CONFIRMED,
        closed_at=interview.recording_confirmed_at,
    )
    ProposalResponse.objects.bulk_create(
        [
            ProposalResponse(
                proposal=proposal,
                party=party,
                decision=ProposalDecision.CONFIRM,
                user=accounts[ACCOUNT_FOR_PARTY[party]],
            )
            for party in DateParty.values
        ]
    )


def _set_held_or_live(interview: Interview, spec: DemoInterviewSpec, recording_at: dt.datetime, today) -> None:
    """R today (live) or in the past (ended), written directly: the services refuse an R in the past.

    The confirmation is dated when step 5 was done; the state change when the recording began (live)
    or ended (ended). Both follow from R alone, so a second run on the same day finds nothing to do.
    """
    if spec.state == InterviewState.LIVE:
        changed_at = recording_at
    else:
        changed_at = completed_at(spec, StepKind.RECORDING, recording_at, today)
    wanted = {
        "recording_at": recording_at,
        "recording_confirmed_at": completed_at(spec, StepKind.DATE, recording_at, today),
        "state": spec.state,
        "state_changed_at": changed_at,
    }
    if any(getattr(interview, key) != value for key, value in wanted.items()):
        Interview.objects.filter(pk=interview.pk).update(**wanted, updated_at=timezone.now())


def _align_steps(interview: Interview, spec: DemoInterviewSpec, recording_at, today, accounts) -> None:
    """Step statuses through set_step_status() (as each step's owner), in order; completion times backdated."""
    steps = {step.kind: step for step in interview.steps.all()}
    for definition in STEPS:
        step = steps.get(definition.kind)
        if step is None:
            continue
        target = _target_status(spec, step.kind)
        if step.status != target and step.kind in EVENT_SETTLED_STEPS:
            # The seeder wrote the event (R's confirmation, the live) itself, so it settles the step too.
            settle_step(interview, step.kind, target)
        elif step.status != target:
            actor = accounts[ACCOUNT_FOR_OWNER[definition.owners[0]]]
            set_step_status(step, target, actor=actor, note="演示数据")
        if target == StepStatus.DONE:
            when = completed_at(spec, step.kind, recording_at, today)
            InterviewStep.objects.filter(pk=step.pk).exclude(completed_at=when).update(completed_at=when)
