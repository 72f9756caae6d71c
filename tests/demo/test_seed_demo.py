"""``manage.py seed_demo``: the notice's units and plan, the 2024 archive, demo accounts, the demo phases.

Expected values are written out here from the notice and product.md §2, not imported from the
seeder's data, so a slip in the data is caught.
"""

import datetime as dt
import io
import re
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from portal.accounts.enums import Role, UnitKind
from portal.accounts.models import Membership, Unit, User
from portal.audit.models import AuditEntry
from portal.core.models import SiteSettings
from portal.interviews.enums import InterviewState, PublicPhase, StepKind, StepStatus
from portal.interviews.models import Guest, Interview, InterviewStep, RecordingDateChange
from portal.notifications.models import Reminder, ReminderKind, ReminderStatus
from portal.planning.models import Plan, PlanRevision, PlanRow, PlanStatus
from portal.questions.models import Answer, Introduction, Question, QuestionEvent, SupervisionNotice, Support
from tests.notice_2025 import ROWS_2025

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

SHANGHAI = ZoneInfo("Asia/Shanghai")

RESPONSIBLE = [
    "国资办", "商务局", "文旅局", "教育局", "卫健委", "社保中心", "人社局", "综合行政执法局",
    "汤泉街道", "农业农村局", "永宁街道", "开发区", "城建局", "桥林街道",
]  # fmt: skip


ACCOUNTS = {
    "demo-coordinator": ("Tongchou-2025", "区政府办", {Role.COORDINATOR}),
    "demo-auditor": ("Shenji-2025!", "区政府办", {Role.AUDITOR}),
    "demo-operator": ("Yunying-2025", "区城市数字治理中心", {Role.OPERATOR, Role.REVIEWER}),
    "demo-producer": ("Zhizuo-2025!", "区融媒体中心", {Role.PRODUCER, Role.REVIEWER}),
    "demo-editor": ("Jingban-2025", "城建局", {Role.EDITOR}),
    "demo-unit-admin": ("Danwei-2025!", "城建局", {Role.UNIT_ADMIN}),
}

ALL_PHASES = Counter([None, PublicPhase.PREVIEW, PublicPhase.UPCOMING, PublicPhase.LIVE, PublicPhase.REVIEW])


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def demo_interviews() -> dict[PublicPhase | None, Interview]:
    interviews = Interview.objects.filter(is_demo=True).prefetch_related("steps", "guests")
    return {interview.public_phase(): interview for interview in interviews}


def phases() -> Counter:
    return Counter(interview.public_phase() for interview in Interview.objects.filter(is_demo=True))


def step(interview: Interview, kind: str) -> InterviewStep:
    return interview.steps_by_kind[kind]


def local_r(interview: Interview) -> dt.datetime:
    return timezone.localtime(interview.recording_at)


def overdue_steps(interview: Interview) -> list[str]:
    return [s.kind for s in interview.steps.all() if s.is_overdue()]


# --- Units ------------------------------------------------------------------------------------


def test_every_unit_of_the_notice_exists_with_its_kind():
    seed()
    gov = Unit.objects.get(short_name="区政府办")
    assert (gov.name, gov.kind) == ("南京市浦口区人民政府办公室", UnitKind.GOV_OFFICE)
    assert (gov.contact_name, gov.contact_phone) == ("杨慧", "025-58311686")
    assert Unit.objects.get(kind=UnitKind.DIGITAL_CENTER).short_name == "区城市数字治理中心"
    assert Unit.objects.get(kind=UnitKind.MEDIA_CENTER).short_name == "区融媒体中心"
    for name in RESPONSIBLE:
        assert Unit.objects.get(name=name).kind == UnitKind.RESPONSIBLE
    assert Unit.objects.count() == 3 + len(RESPONSIBLE)
    kinds_in_order = [unit.kind for unit in Unit.objects.all()]
    assert kinds_in_order[:3] == [UnitKind.GOV_OFFICE, UnitKind.DIGITAL_CENTER, UnitKind.MEDIA_CENTER]


def test_no_leader_or_contact_is_invented_for_real_units():
    seed()
    for unit in Unit.objects.exclude(kind=UnitKind.GOV_OFFICE):
        assert (unit.leader_name, unit.leader_post, unit.section) == ("", "", "")
        assert (unit.contact_name, unit.contact_phone, unit.contact_email) == ("", "", "")
    settings = SiteSettings.current()
    assert (settings.site_id_code, settings.icp_number, settings.police_number) == ("", "", "")


# --- The 2025 plan ----------------------------------------------------------------------------


def test_the_2025_plan_has_the_eight_rows_of_the_notice():
    seed()
    plan = Plan.objects.get(year=2025)
    rows = [
        (row.seq, row.month, row.topic, row.lead_unit.name, [unit.name for unit in row.co_units.all()])
        for row in plan.rows.select_related("lead_unit").prefetch_related("co_units")
    ]
    assert rows == ROWS_2025
    assert plan.rows.get(seq=8).units_text == "城建局★ 桥林街道"


def test_the_2025_plan_carries_the_notice_and_was_approved_by_the_coordinator():
    seed()
    plan = Plan.objects.get(year=2025)
    assert plan.title == "2025年浦口区政府门户网站在线访谈活动实施方案"
    assert plan.doc_number == "浦政办发〔2025〕2号"
    assert plan.notice_title == "关于印发《2025年浦口区政府门户网站在线访谈活动实施方案》的通知"
    assert plan.addressee == "区各相关单位"
    assert (plan.issued_on, plan.printed_on) == (dt.date(2025, 4, 7), dt.date(2025, 4, 8))
    assert (plan.cc, plan.disclosure) == ("区融媒体中心", "此件公开发布")
    assert (plan.contact_name, plan.contact_phone) == ("杨慧", "025-58311686")
    assert plan.status == PlanStatus.APPROVED
    assert not plan.is_demo
    assert plan.approved_by.username == "demo-coordinator"
    assert list(plan.revisions.values_list("number", flat=True)) == [1]


def test_the_2025_notice_text_is_clean_of_pdf_artefacts():
    seed()
    plan = Plan.objects.get(year=2025)
    assert plan.notice_body == (
        "《2025年浦口区政府门户网站在线访谈活动实施方案》已经区政府同意，现印发给你们，请结合实际认真贯彻执行。"
    )
    assert plan.preamble.startswith("为贯彻落实上级有关文件精神")
    assert "一、活动目标" in plan.preamble
    assert "二、参与范围及活动时间" in plan.preamble
    assert plan.preamble.endswith("具体参与单位、时间见下表。")
    assert "“地方（非遗）文化的旅游价值”等7期" in plan.preamble
    assert plan.body.startswith("三、活动步骤")
    for heading in ("四、组织实施", "五、工作要求", "（六）实施访谈。", "（四）抓好总结提高。"):
        assert heading in plan.body
    assert "开通为期20天的网友提问征集通道" in plan.body
    for text in (plan.preamble, plan.body):
        assert not re.search(r"[,:;()\"!?]", text), "half-width punctuation left over"
        assert not re.search(r"(?<=[\u3000-\u9fff\uff00-\uffef]) +|[ \t]+(?=[\u3000-\u9fff\uff00-\uffef])", text)
        assert "杨" not in text  # the contact is a field of its own


def test_the_2025_interviews_are_held_with_nothing_invented_and_nothing_overdue():
    seed()
    interviews = list(Interview.objects.filter(year=2025).select_related("plan_row").prefetch_related("steps"))
    assert [i.title for i in sorted(interviews, key=lambda i: i.plan_row.seq)] == [row[2] for row in ROWS_2025]
    for interview in interviews:
        assert interview.state == InterviewState.ENDED
        assert interview.lead_unit_id == interview.plan_row.lead_unit_id
        assert interview.co_unit_ids == {unit.pk for unit in interview.plan_row.co_units.all()}
        assert interview.recording_at is None
        assert interview.host_name == ""
        assert not interview.guests.exists()
        assert interview.month == interview.plan_row.month
        statuses = {s.kind: s.status for s in interview.steps.all()}
        assert statuses.pop(StepKind.FILING) == StepStatus.NOT_STARTED
        assert set(statuses.values()) == {StepStatus.DONE}
        assert overdue_steps(interview) == []
        assert interview.public_phase() == PublicPhase.REVIEW
        assert not interview.is_demo


def test_the_three_2024_interviews_of_the_notice_are_in_the_archive():
    seed()
    past = Interview.objects.filter(year=2024)
    assert sorted(past.values_list("title", flat=True)) == sorted(
        ["全民消防安全宣传教育", "发展数字农业，助推乡村产业振兴", "地方（非遗）文化的旅游价值"]
    )
    for interview in past:
        # The first is filed so that the 备案 screen has something to show (portal/demo/filing.py).
        filed = interview.title == "全民消防安全宣传教育"
        assert interview.state == (InterviewState.FILED if filed else InterviewState.ENDED)
        assert hasattr(interview, "filing_record") == filed
        assert interview.plan_row is None
        assert interview.lead_unit is None
        assert not interview.steps.exists()
        assert interview.public_phase() == PublicPhase.REVIEW


# --- Idempotence ------------------------------------------------------------------------------

COUNTED = (
    Unit, User, Membership, Plan, PlanRow, PlanRevision, Interview, InterviewStep, Guest, RecordingDateChange,
    AuditEntry, Question, QuestionEvent, Support, Answer, Introduction, SupervisionNotice, Reminder,
)  # fmt: skip


def snapshot() -> dict:
    return {
        "counts": {model.__name__: model.objects.count() for model in COUNTED},
        "interviews": list(
            Interview.objects.order_by("pk").values_list("pk", "state", "recording_at", "recording_confirmed_at")
        ),
        "steps": list(InterviewStep.objects.order_by("pk").values_list("pk", "status", "due_date", "completed_at")),
        "passwords": list(User.objects.order_by("pk").values_list("password", flat=True)),
    }


def test_running_twice_changes_nothing():
    seed()
    first = snapshot()
    assert "无改动" in seed()
    assert snapshot() == first


def test_running_again_later_the_same_day_changes_nothing():
    with time_machine.travel(dt.datetime(2026, 11, 26, 8, 0, tzinfo=SHANGHAI), tick=False):
        seed()
        first = snapshot()
    with time_machine.travel(dt.datetime(2026, 11, 26, 23, 59, tzinfo=SHANGHAI), tick=False):
        assert "无改动" in seed()
    assert snapshot() == first


def test_reseeding_a_later_day_realigns_the_demo_without_duplicates():
    with time_machine.travel(dt.datetime(2026, 3, 10, 8, 0, tzinfo=SHANGHAI), tick=False):
        seed()
        counts = snapshot()["counts"]
    with time_machine.travel(dt.datetime(2026, 5, 6, 14, 0, tzinfo=SHANGHAI), tick=False):
        seed()
        assert phases() == ALL_PHASES
        assert Interview.objects.filter(is_demo=True).count() == 5
    after = snapshot()["counts"]
    for model in ("Unit", "User", "Membership", "Plan", "PlanRow", "Interview", "InterviewStep", "Guest", "Question"):
        assert after[model] == counts[model], model


# --- The demonstration ------------------------------------------------------------------------


def assert_demo_phases(today: dt.date) -> None:
    plan = Plan.objects.get(is_demo=True)
    assert plan.year == today.year
    assert plan.is_approved
    assert "演示" in plan.title
    assert plan.doc_number == f"演示〔{today.year}〕1号"
    assert plan.rows.count() == 5

    assert phases() == ALL_PHASES
    by_phase = demo_interviews()
    for interview in by_phase.values():
        assert interview.is_demo
        assert interview.plan_row.plan_id == plan.pk
        assert interview.title.startswith("演示：")
        assert interview.lead_unit.name == "城建局"
        assert interview.host_name == "演示主持人"
        assert interview.guests.exists()
        assert all("演示" in guest.name for guest in interview.guests.all())
        assert interview.plan_row.month == local_r(interview).month

    preparing = by_phase[None]
    assert preparing.state == InterviewState.PLANNED
    assert not preparing.recording_confirmed
    assert 40 <= (local_r(preparing).date() - today).days <= 60
    assert step(preparing, StepKind.TOPIC).status == StepStatus.IN_PROGRESS

    collecting = by_phase[PublicPhase.PREVIEW]
    assert collecting.recording_confirmed
    assert collecting.question_window_open()
    assert 20 <= (local_r(collecting).date() - today).days <= 40
    assert step(collecting, StepKind.INTRODUCTION).status == StepStatus.DONE
    assert step(collecting, StepKind.TOPIC).status == StepStatus.DONE

    scripting = by_phase[PublicPhase.UPCOMING]
    assert scripting.recording_confirmed
    assert not scripting.question_window_open()
    assert 5 <= (local_r(scripting).date() - today).days <= 25
    assert step(scripting, StepKind.DRAFT).status == StepStatus.IN_PROGRESS

    live = by_phase[PublicPhase.LIVE]
    assert live.state == InterviewState.LIVE
    assert live.recording_confirmed
    assert local_r(live).date() == today
    assert local_r(live).time() == dt.time(9, 30)
    assert step(live, StepKind.RECORDING).status == StepStatus.IN_PROGRESS

    finished = by_phase[PublicPhase.REVIEW]
    assert finished.state == InterviewState.ENDED
    assert 10 <= (today - local_r(finished).date()).days <= 20
    assert step(finished, StepKind.VIDEO).status == StepStatus.DONE
    assert step(finished, StepKind.SUMMARY).status == StepStatus.DONE
    assert step(finished, StepKind.FILING).status == StepStatus.NOT_STARTED

    for interview in by_phase.values():
        assert set(overdue_steps(interview)) <= {StepKind.SUMMARY}, interview
        for s in interview.steps.all():
            assert (s.due_date is not None) == (interview.recording_at is not None)
            assert (s.completed_at is not None) == (s.status == StepStatus.DONE)
            if s.completed_at:
                assert s.completed_at <= timezone.now()


def test_one_demo_interview_in_each_phase_today():
    seed()
    assert_demo_phases(timezone.localdate())


def test_the_demo_interviews_have_their_reminders():
    with time_machine.travel(dt.datetime(2026, 3, 10, 8, 0, tzinfo=SHANGHAI), tick=False):
        seed()
    by_phase = demo_interviews()
    pending = Reminder.objects.filter(status=ReminderStatus.PENDING)

    preparing = pending.filter(interview=by_phase[None])
    assert preparing.filter(kind=ReminderKind.DEADLINE_BEFORE, step__kind=StepKind.DRAFT).exists()
    assert not pending.filter(step__status=StepStatus.DONE).exists()
    finished = by_phase[PublicPhase.REVIEW]
    overdue = pending.filter(interview=finished, kind=ReminderKind.DEADLINE_OVERDUE)
    assert set(overdue.values_list("step__kind", flat=True)) == set(overdue_steps(finished))
    notice = SupervisionNotice.objects.get(interview__is_demo=True)
    assert pending.filter(key=f"supervision:{notice.pk}").exists() != notice.is_acknowledged


def test_the_demo_phases_hold_late_in_december_with_r_in_the_next_year():
    with time_machine.travel(dt.datetime(2026, 12, 24, 15, 0, tzinfo=SHANGHAI), tick=False):
        seed()
        assert_demo_phases(dt.date(2026, 12, 24))
        years = {local_r(interview).year for interview in Interview.objects.filter(is_demo=True)}
        assert years == {2026, 2027}


def test_a_demo_plan_of_an_earlier_year_moves_to_the_current_year():
    with time_machine.travel(dt.datetime(2026, 12, 30, 9, 0, tzinfo=SHANGHAI), tick=False):
        seed()
    with time_machine.travel(dt.datetime(2027, 1, 4, 8, 0, tzinfo=SHANGHAI), tick=False):
        seed()
        assert list(Plan.objects.filter(is_demo=True).values_list("year", flat=True)) == [2027]
        assert set(Interview.objects.filter(is_demo=True).values_list("year", flat=True)) == {2027}
        assert_demo_phases(dt.date(2027, 1, 4))


def test_the_demo_plan_gives_way_to_a_real_plan_of_the_year():
    with time_machine.travel(dt.datetime(2025, 6, 2, 10, 0, tzinfo=SHANGHAI), tick=False):
        err = io.StringIO()
        call_command("seed_demo", stdout=io.StringIO(), stderr=err)
    assert not Plan.objects.filter(is_demo=True).exists()
    assert "2025年已有正式计划" in err.getvalue()


# --- Accounts ---------------------------------------------------------------------------------


def test_every_demo_account_logs_in_and_has_its_roles(client):
    seed()
    for username, (password, unit_name, roles) in ACCOUNTS.items():
        request = RequestFactory().post("/backoffice/login/")
        assert client.login(request=request, username=username, password=password), username
        user = User.objects.get(username=username)
        assert user.full_name.startswith("演示-")
        assert user.is_active
        assert not user.is_superuser
        assert {(str(m.unit), m.role) for m in user.memberships.select_related("unit")} == {
            (unit_name, role) for role in roles
        }
        validate_password(password, user)
        client.logout()
    assert set(Role) == set().union(*(roles for _p, _u, roles in ACCOUNTS.values()))
    assert not User.objects.filter(is_superuser=True).exists()


def test_a_changed_demo_password_is_reset_to_the_documented_one():
    seed()
    user = User.objects.get(username="demo-editor")
    user.set_password("something-else-entirely")
    user.save()
    seed()
    user.refresh_from_db()
    assert user.check_password("Jingban-2025")


def test_demo_logins_prints_the_table():
    seed()
    out = io.StringIO()
    call_command("demo_logins", stdout=out, stderr=io.StringIO())
    text = out.getvalue()
    for username, (password, unit_name, _roles) in ACCOUNTS.items():
        line = next(line for line in text.splitlines() if username in line)
        assert password in line
        assert unit_name in line


def test_seed_demo_refuses_production(settings):
    settings.PORTAL_ENV = "production"
    with pytest.raises(CommandError, match="生产环境"):
        seed()
    assert not User.objects.exists()
