"""Load the notice's units and plan, the 2024 archive and the demo accounts; idempotent.

Every function finds what is already there and only writes what is missing or different, so a
second run changes nothing. The 2025 plan is drafted and approved through the planning services,
acting as the demo coordinator, so its interviews come from the real code path. History that was
never lived through the platform (the 2025 and 2024 interviews) is then written directly: the
lifecycle services refuse dates in the past, and they would stamp today's date on events whose
dates are unknown.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from portal.accounts.models import Membership, Unit, User
from portal.core.models import SiteSettings
from portal.demo.data import DEMO_ACCOUNTS, PAST_2024_TITLES, PLAN_2025, PLAN_2025_ROWS, UNITS
from portal.demo.filing import seed_demo_filing
from portal.demo.followups import seed_demo_followups
from portal.demo.live import seed_demo_live
from portal.demo.phases import seed_demo_plan
from portal.demo.questions import seed_demo_questions
from portal.demo.scripts import seed_demo_scripts
from portal.demo.video import seed_demo_video
from portal.interviews.deadlines import set_deadlines
from portal.interviews.enums import InterviewState, StepKind, StepStatus
from portal.interviews.models import Interview, InterviewStep
from portal.notifications.reminders import sync_deadline_reminders
from portal.planning.models import Plan, PlanStatus
from portal.planning.services import add_row, approve_plan, create_plan


@dataclass
class SeedReport:
    """What a run did, for the command's output; ``warnings`` name what it deliberately left alone."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


# --- Units ------------------------------------------------------------------------------------


def seed_units(report: SeedReport) -> dict[str, Unit]:
    """Every unit of the notice, keyed by the name the data uses (the table's name for responsible units).

    Kind, short name and order are the notice's and are kept in line; contact details are only filled
    in on creation, so what a unit administrator entered later is never overwritten.
    """
    units: dict[str, Unit] = {}
    for spec in UNITS:
        unit, created = Unit.objects.get_or_create(
            name=spec.name,
            defaults={
                "short_name": spec.short_name,
                "kind": spec.kind,
                "sort_order": spec.sort_order,
                "contact_name": spec.contact_name,
                "contact_phone": spec.contact_phone,
            },
        )
        if created:
            report.created.append(f"单位 {unit}")
        else:
            wanted = {"short_name": spec.short_name, "kind": spec.kind, "sort_order": spec.sort_order}
            changed = [key for key, value in wanted.items() if getattr(unit, key) != value]
            if changed:
                for key in changed:
                    setattr(unit, key, wanted[key])
                unit.save(update_fields=changed)
                report.updated.append(f"单位 {unit}")
        units[spec.name] = unit
    return units


# --- Accounts ---------------------------------------------------------------------------------


def seed_accounts(units: dict[str, Unit], report: SeedReport) -> dict[str, User]:
    """One active account per role, with its documented password (reset to it if it was changed)."""
    accounts: dict[str, User] = {}
    for spec in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=spec.username, defaults={"full_name": spec.full_name})
        fields = []
        if user.full_name != spec.full_name:
            user.full_name = spec.full_name
            fields.append("full_name")
        if not user.is_active:
            user.is_active = True
            fields.append("is_active")
        if created or not user.has_usable_password() or not user.check_password(spec.password):
            validate_password(spec.password, user)  # the documented password must pass the site's own rules
            user.set_password(spec.password)
            fields.append("password")
        if fields:
            user.save(update_fields=fields)
            if not created:
                report.updated.append(f"账号 {user.username}")
        if created:
            report.created.append(f"账号 {user.username}")
        unit = units[spec.unit]
        for role in spec.roles:
            if not Membership.objects.filter(user=user, unit=unit, role=role).exists():
                membership = Membership(user=user, unit=unit, role=role)
                membership.full_clean()  # ROLES_BY_KIND: the role must exist in a unit of that kind
                membership.save()
                if not created:
                    report.updated.append(f"账号 {user.username} 岗位 {membership.get_role_display()}")
        accounts[spec.username] = user
    return accounts


# --- The 2025 plan and its interviews, held -------------------------------------------------


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def seed_plan_2025(units: dict[str, Unit], coordinator: User, report: SeedReport) -> Plan | None:
    """Draft, fill and approve the notice's plan as 区政府办 would, then record its interviews as held."""
    plan = Plan.objects.filter(year=PLAN_2025["year"]).first()
    if plan is not None and plan.is_demo:
        report.warnings.append("2025年已有演示计划，未载入浦政办发〔2025〕2号；请删除演示计划后重新运行。")
        return None
    if plan is None:
        plan = create_plan(actor=coordinator, **PLAN_2025)
        for seq, row in enumerate(PLAN_2025_ROWS, start=1):
            add_row(
                plan,
                actor=coordinator,
                seq=seq,
                month=row.month,
                topic=row.topic,
                lead_unit=units[row.lead],
                co_units=[units[name] for name in row.co],
            )
        plan = approve_plan(plan, actor=coordinator)
        # The plan was approved before the notice was signed on 2025-04-07 (the hour is unknown),
        # not on the day the data was loaded; the audit log keeps the loading itself.
        approved_at = _start_of(PLAN_2025["issued_on"])
        Plan.objects.filter(pk=plan.pk).update(approved_at=approved_at)
        plan.revisions.filter(number=1).update(created_at=approved_at)
        report.created.append(f"计划 {plan.doc_number}（{len(PLAN_2025_ROWS)}期）")
    elif plan.status != PlanStatus.APPROVED:
        report.warnings.append("2025年计划是未审定的草稿，未作改动。")
        return plan

    for interview in Interview.objects.filter(plan_row__plan=plan).prefetch_related("steps"):
        if _mark_held(interview):
            report.updated.append(f"访谈 {interview}（已举办）")
    return plan


def _mark_held(interview: Interview) -> bool:
    """Record a 2025 interview as held: ENDED, every step but 备案 done, and no date invented.

    History is loaded, not lived through the lifecycle: transition_interview() only goes live on
    the confirmed recording day, and set_step_status() would stamp today as the completion time.
    R, the state change's time and the steps' completion times stay empty because they are
    unknown (only the plan month is); with no R there are no deadlines, so nothing is overdue.
    Only an interview still as approval created it is touched, so later work on it is kept.
    """
    if interview.state != InterviewState.PLANNED:
        return False
    Interview.objects.filter(pk=interview.pk).update(state=InterviewState.ENDED, updated_at=timezone.now())
    InterviewStep.objects.filter(interview=interview).exclude(kind=StepKind.FILING).update(
        status=StepStatus.DONE, completed_at=None
    )
    interview.state = InterviewState.ENDED
    set_deadlines(interview)
    return True


# --- 2024: known by title only ----------------------------------------------------------------


def seed_2024(report: SeedReport) -> None:
    """The three 2024 interviews the notice names, for 往期回顾: held, with nothing else known."""
    for title in PAST_2024_TITLES:
        interview, created = Interview.objects.get_or_create(
            year=2024, title=title, plan_row=None, defaults={"state": InterviewState.ENDED}
        )
        if created:
            report.created.append(f"2024年访谈 {interview}")


# --- Everything -------------------------------------------------------------------------------


@transaction.atomic
def seed_all() -> SeedReport:
    """Load everything ``manage.py seed_demo`` promises, in one transaction."""
    report = SeedReport()
    SiteSettings.current()  # the row exists with its defaults; 网站标识码 and 备案号 are left for staff to enter
    units = seed_units(report)
    accounts = seed_accounts(units, report)
    seed_plan_2025(units, accounts["demo-coordinator"], report)
    seed_2024(report)
    seed_demo_plan(units, accounts, report)
    seed_demo_questions(accounts, report)
    seed_demo_scripts(accounts, report)
    seed_demo_video(accounts, report)
    seed_demo_live(accounts, report)
    seed_demo_followups(accounts, report)
    seed_demo_filing(accounts, report)
    for interview in Interview.objects.filter(is_demo=True):
        sync_deadline_reminders(interview)  # already in step after the services above; makes sure of it
    return report
