import pytest
from django.contrib.auth.models import AnonymousUser

from portal.accounts.enums import Role
from portal.accounts.models import singleton_unit_ids
from portal.interviews.enums import InterviewState, Owner, StepKind
from portal.interviews.models import Interview
from portal.interviews.queries import (
    open_steps_for_user,
    oversight_rows,
    with_details,
    years_with_interviews,
)
from portal.interviews.steps import kinds_owned_by
from tests.factories import (
    GuestFactory,
    InterviewFactory,
    PlanFactory,
    PlanRowFactory,
    UnitFactory,
    UserFactory,
    at,
    staff,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

S = InterviewState
K = StepKind
NOW = at(2025, 9, 20, 10, 0)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def other_unit(db):
    return UnitFactory(name="教育局")


@pytest.fixture
def interviews(units, other_unit):
    """燃气 (城建局★ 桥林街道, R 10-09), 农田 (城建局★, R 11-20), 体育 (教育局★, R 10-30), 未定 (城建局★, no R);
    and two of 城建局 whose deadlines do not run: one cancelled, one postponed."""
    lead, co = units["lead"], units["co"]
    return {
        "燃气": InterviewFactory(
            title="燃气", lead_unit=lead, co_units=[co], recording_at=at(2025, 10, 9), steps=[K.TOPIC]
        ),
        "农田": InterviewFactory(title="农田", lead_unit=lead, recording_at=at(2025, 11, 20)),
        "体育": InterviewFactory(title="体育", lead_unit=other_unit, recording_at=at(2025, 10, 30)),
        "未定": InterviewFactory(title="未定", lead_unit=lead),
        "取消": InterviewFactory(title="取消", lead_unit=lead, state=S.CANCELLED, recording_at=at(2025, 10, 9)),
        "延期": InterviewFactory(
            title="延期", lead_unit=lead, co_units=[co], state=S.POSTPONED, recording_at=at(2025, 10, 9)
        ),
    }


def todo(user) -> list[tuple[str, str]]:
    return [(step.interview.title, step.kind) for step in open_steps_for_user(user)]


# --- visible_to ----------------------------------------------------------------------------------


def titles(queryset) -> list[str]:
    return sorted(queryset.values_list("title", flat=True))


ALL = sorted(["燃气", "农田", "体育", "未定", "取消", "延期"])


def test_an_outsider_sees_nothing_of_other_units_interviews(interviews, outsider):
    assert titles(Interview.objects.visible_to(outsider)) == []


def test_the_lead_unit_sees_its_own_interviews(interviews, editor):
    assert titles(Interview.objects.visible_to(editor)) == sorted(["燃气", "农田", "未定", "取消", "延期"])


def test_a_co_unit_member_sees_the_interviews_it_works_on(interviews, co_editor):
    assert titles(Interview.objects.visible_to(co_editor)) == sorted(["燃气", "延期"])


def test_a_co_unit_admin_sees_them_too(interviews, co_unit):
    admin = staff(co_unit, Role.UNIT_ADMIN)

    assert titles(Interview.objects.visible_to(admin)) == sorted(["燃气", "延期"])


@pytest.mark.parametrize("actor", ["coordinator", "auditor", "operator", "producer"])
def test_centers_and_gov_office_see_every_interview(request, interviews, actor):
    assert titles(Interview.objects.visible_to(request.getfixturevalue(actor))) == ALL


def test_a_member_of_two_units_sees_the_interviews_of_both(interviews, outsider, other_unit):
    staff_both = staff(other_unit, Role.EDITOR)
    staff_both.memberships.create(unit=outsider.memberships.get().unit, role=Role.EDITOR)

    assert titles(Interview.objects.visible_to(staff_both)) == ["体育"]


def test_anonymous_and_inactive_users_see_nothing(interviews, coordinator, editor):
    coordinator.is_active = False
    coordinator.save()
    root = UserFactory(username="root", is_superuser=True, is_active=False)

    seen = [titles(Interview.objects.visible_to(user)) for user in (AnonymousUser(), coordinator, root)]

    assert seen == [[], [], []]


# --- 我的待办 ------------------------------------------------------------------------------------


def test_open_steps_of_the_lead_unit_overdue_first_then_by_deadline(interviews, editor):
    assert todo(editor) == [
        ("燃气", K.INTRODUCTION),  # 09-09, overdue
        ("燃气", K.DRAFT),  # 09-30
        ("燃气", K.FINAL),  # 09-30
        ("燃气", K.DATE),  # 09-30
        ("燃气", K.ANSWERS),  # 10-15
        ("农田", K.TOPIC),  # 10-20
        ("农田", K.INTRODUCTION),  # 10-20
        ("燃气", K.SUMMARY),  # 10-22
        ("农田", K.DRAFT),  # 11-13
        ("农田", K.FINAL),  # 11-17
        ("农田", K.DATE),  # 11-17
        ("农田", K.ANSWERS),  # 11-27
        ("农田", K.SUMMARY),  # 12-04
        *[("未定", kind) for kind in kinds_owned_by(Owner.LEAD)],  # no R, no deadline: last
    ]


def test_overdue_steps_come_first(interviews, editor, time_machine):
    time_machine.move_to(at(2025, 10, 21), tick=False)

    steps = open_steps_for_user(editor)

    assert [(s.interview.title, s.kind, s.is_overdue()) for s in steps[:7]] == [
        ("燃气", K.INTRODUCTION, True),
        ("燃气", K.DRAFT, True),
        ("燃气", K.FINAL, True),
        ("燃气", K.DATE, True),
        ("燃气", K.ANSWERS, True),
        ("农田", K.TOPIC, True),
        ("农田", K.INTRODUCTION, True),
    ]
    assert (steps[7].interview.title, steps[7].kind, steps[7].is_overdue()) == ("燃气", K.SUMMARY, False)


def test_open_steps_of_a_co_unit(interviews, co_editor):
    assert todo(co_editor) == [("燃气", K.DRAFT), ("燃气", K.ANSWERS)]  # 确定主题 is done


def test_the_digital_center_sees_preview_steps_of_every_interview(interviews, operator):
    steps = todo(operator)

    assert [title for title, kind in steps if kind == K.PREVIEW] == ["燃气", "体育", "农田", "未定"]
    assert {kind for _title, kind in steps} == set(kinds_owned_by(Owner.DIGITAL))


def test_the_media_center_sees_its_steps_of_every_interview(interviews, producer):
    steps = todo(producer)

    assert [title for title, kind in steps if kind == K.VIDEO] == ["燃气", "体育", "农田", "未定"]
    assert {kind for _title, kind in steps} == set(kinds_owned_by(Owner.MEDIA))


@pytest.mark.parametrize("actor", ["outsider", "coordinator", "auditor"])
def test_units_owning_no_step_have_nothing_to_do(request, interviews, actor):
    assert todo(request.getfixturevalue(actor)) == []


def test_nothing_to_do_without_a_unit(interviews):
    assert todo(AnonymousUser()) == []


# --- Oversight -----------------------------------------------------------------------------------


@pytest.fixture
def year_2025(units, other_unit):
    plan = PlanFactory(year=2025)
    rows = [
        PlanRowFactory(plan=plan, seq=3, month=6, lead_unit=units["lead"]),
        PlanRowFactory(plan=plan, seq=1, month=4, lead_unit=other_unit),
        PlanRowFactory(plan=plan, seq=2, month=5, lead_unit=units["outsider"]),
    ]
    rows[1].co_units.set([units["lead"]])
    for title, row, co in [("三", rows[0], []), ("一", rows[1], [units["lead"]]), ("二", rows[2], [units["co"]])]:
        InterviewFactory(title=title, plan_row=row, lead_unit=row.lead_unit, co_units=co, year=2025)
    InterviewFactory(title="2024年", year=2024, lead_unit=units["lead"])


def test_oversight_rows_of_a_year_in_plan_order(year_2025):
    assert [i.title for i in oversight_rows(2025)] == ["一", "二", "三"]


def test_oversight_rows_of_one_unit_include_those_it_co_leads(year_2025, units):
    result = {key: [i.title for i in oversight_rows(2025, units[key])] for key in ("lead", "co", "outsider")}

    assert result == {"lead": ["一", "三"], "co": ["二"], "outsider": ["二"]}


def test_oversight_rows_of_a_center_are_every_row(year_2025, units):
    assert [i.title for i in oversight_rows(2025, units["digital"])] == ["一", "二", "三"]


def test_oversight_rows_list_interviews_outside_the_plan_after_its_rows(year_2025, units):
    InterviewFactory(title="计划外", year=2025, lead_unit=units["lead"], recording_at=at(2025, 3, 1))

    assert [i.title for i in oversight_rows(2025)] == ["一", "二", "三", "计划外"]


def test_years_with_interviews_newest_first(year_2025):
    assert years_with_interviews() == [2025, 2024]


# --- Query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_with_details_reads_a_list_in_a_fixed_number_of_queries(units, count, django_assert_num_queries):
    plan = PlanFactory(year=2025)
    for n in range(count):
        row = PlanRowFactory(plan=plan, seq=n + 1, lead_unit=units["lead"])
        interview = InterviewFactory(
            plan_row=row,
            lead_unit=units["lead"],
            co_units=[units["co"], units["outsider"]],
            recording_at=at(2025, 10, 9 + n),
            steps=[K.INTRODUCTION, K.PREVIEW],
        )
        GuestFactory(interview=interview)
        GuestFactory(interview=interview, name="李四")
    singleton_unit_ids()  # cached once per process, not per list

    with django_assert_num_queries(4):  # interviews with units and plan, co-units, guests, steps
        shown = [
            (
                interview.lead_unit.name,
                interview.plan_row.plan.year,
                sorted(interview.co_unit_ids),
                [str(guest) for guest in interview.guests.all()],
                interview.public_phase(),
                [(step.display_status(), sorted(step.owner_unit_ids)) for step in interview.steps.all()],
            )
            for interview in with_details(Interview.objects.all())
        ]

    assert len(shown) == count
