import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from portal.audit.models import AuditEntry
from portal.interviews.enums import InterviewState, StepStatus
from portal.interviews.lifecycle import transition_interview
from portal.interviews.models import Interview
from portal.interviews.steps import STEPS
from portal.planning.models import Plan, PlanRevision, PlanRow, PlanStatus
from portal.planning.queries import describe_changes, plan_with_rows, revision_history
from portal.planning.services import (
    PlanChangeRefused,
    add_row,
    approve_plan,
    create_plan,
    remove_row,
    update_plan,
    update_row,
)
from tests.factories import PlanFactory, UnitFactory, at
from tests.planning.conftest import ROWS_2025

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

NOW = at(2025, 4, 10, 9, 0)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def approved_2025(plan_2025, coordinator):
    return approve_plan(plan_2025, actor=coordinator)


def unit(name):
    return UnitFactory(name=name)


def table(plan) -> list[tuple[int, int, str, str]]:
    return [(row.seq, row.month, row.topic, row.units_text) for row in PlanRow.objects.filter(plan=plan)]


def row_of(plan, seq) -> PlanRow:
    return PlanRow.objects.get(plan=plan, seq=seq)


# --- Drafting ------------------------------------------------------------------------------------


def test_create_plan_as_a_draft(coordinator):
    plan = create_plan(
        actor=coordinator, year=2026, title="2026年在线访谈活动实施方案", doc_number="浦政办发〔2026〕3号"
    )

    plan.refresh_from_db()
    assert (plan.year, plan.title, plan.doc_number, plan.status) == (
        2026,
        "2026年在线访谈活动实施方案",
        "浦政办发〔2026〕3号",
        PlanStatus.DRAFT,
    )
    entry = AuditEntry.objects.for_object(plan).get()
    assert (entry.action, entry.actor, entry.data) == ("planning.plan.created", coordinator, {"year": 2026})


def test_create_plan_ignores_fields_that_are_not_the_notice(coordinator, editor):
    plan = create_plan(actor=coordinator, year=2026, title="方案", status=PlanStatus.APPROVED, approved_by=editor)

    plan.refresh_from_db()
    assert (plan.status, plan.approved_by) == (PlanStatus.DRAFT, None)


def test_a_second_plan_for_the_same_year_is_refused(plan_2025, coordinator):
    with pytest.raises(PlanChangeRefused, match=r"^2025年的访谈计划已经存在。$"):
        create_plan(actor=coordinator, year=2025, title="另一个方案")

    assert list(Plan.objects.values_list("title", flat=True)) == ["2025年浦口区政府门户网站在线访谈活动实施方案"]


@pytest.mark.parametrize("actor", ["auditor", "operator", "producer", "editor", "outsider"])
def test_only_the_coordinator_drafts_a_plan(request, actor):
    user = request.getfixturevalue(actor)

    with pytest.raises(PermissionDenied):
        create_plan(actor=user, year=2026, title="方案")

    assert list(Plan.objects.all()) == []


def test_the_2025_draft_has_its_eight_rows_in_order(plan_2025):
    assert table(plan_2025) == [
        (seq, month, topic, " ".join([f"{lead}★", *co])) for seq, month, topic, lead, co in ROWS_2025
    ]
    assert list(Interview.objects.all()) == []
    assert list(plan_2025.revisions.all()) == []


def test_update_a_draft_plan_freely(plan_2025, coordinator):
    update_plan(plan_2025, actor=coordinator, contact_phone="025-58311688")

    plan_2025.refresh_from_db()
    assert plan_2025.contact_phone == "025-58311688"
    assert AuditEntry.objects.for_object(plan_2025).first().data == {
        "contact_phone": {"from": "025-58311686", "to": "025-58311688"}
    }
    assert list(plan_2025.revisions.all()) == []


def test_update_plan_without_a_change_logs_nothing(plan_2025, coordinator):
    before = AuditEntry.objects.count()

    update_plan(plan_2025, actor=coordinator, contact_name="杨慧", unknown="x")

    assert AuditEntry.objects.count() == before


def test_add_row_numbers_rows_in_sequence_or_as_given(coordinator):
    plan = PlanFactory(year=2026)
    first = add_row(plan, actor=coordinator, month=3, topic="一", lead_unit=unit("国资办"))
    fifth = add_row(plan, actor=coordinator, month=4, topic="五", lead_unit=unit("文旅局"), seq=5)
    sixth = add_row(plan, actor=coordinator, month=5, topic="六", lead_unit=unit("教育局"))

    assert [(row.seq, row.topic) for row in (first, fifth, sixth)] == [(1, "一"), (5, "五"), (6, "六")]
    assert list(AuditEntry.objects.filter(action="planning.row.added").values_list("data", flat=True)) == [
        {"seq": 6, "month": 5, "topic": "六", "lead_unit": "教育局", "co_units": []},
        {"seq": 5, "month": 4, "topic": "五", "lead_unit": "文旅局", "co_units": []},
        {"seq": 1, "month": 3, "topic": "一", "lead_unit": "国资办", "co_units": []},
    ]


@pytest.mark.parametrize("month", [0, 13])
def test_add_row_refuses_a_month_out_of_range(plan_2025, coordinator, month):
    with pytest.raises(PlanChangeRefused, match=r"^访谈时间须为1至12月。$"):
        add_row(plan_2025, actor=coordinator, month=month, topic="新增", lead_unit=unit("国资办"))

    assert plan_2025.rows.count() == 8


def test_add_row_refuses_a_lead_unit_that_is_also_a_co_unit(plan_2025, coordinator):
    lead = unit("国资办")

    with pytest.raises(PlanChangeRefused, match=r"^第一责任单位不能同时是配合单位。$"):
        add_row(plan_2025, actor=coordinator, month=12, topic="新增", lead_unit=lead, co_units=[unit("商务局"), lead])

    assert plan_2025.rows.count() == 8


def test_add_row_refuses_a_duplicate_seq(plan_2025, coordinator):
    with pytest.raises(PlanChangeRefused, match=r"^序号3已被使用。$"):
        add_row(plan_2025, actor=coordinator, month=12, topic="新增", lead_unit=unit("国资办"), seq=3)

    assert row_of(plan_2025, 3).topic == "校家社协同育人"


@pytest.mark.parametrize("actor", ["auditor", "operator", "editor"])
def test_rows_are_the_coordinators_alone(request, plan_2025, actor):
    user = request.getfixturevalue(actor)
    row = row_of(plan_2025, 1)

    with pytest.raises(PermissionDenied):
        add_row(plan_2025, actor=user, month=12, topic="新增", lead_unit=unit("国资办"))
    with pytest.raises(PermissionDenied):
        update_row(row, actor=user, month=12, topic="改", lead_unit=row.lead_unit)
    with pytest.raises(PermissionDenied):
        remove_row(row, actor=user)
    with pytest.raises(PermissionDenied):
        update_plan(plan_2025, actor=user, title="改")

    assert table(plan_2025)[0] == (1, 4, "强化基金招商，赋能高质量发展", "国资办★ 商务局")


def test_update_row_of_a_draft(plan_2025, coordinator):
    row = row_of(plan_2025, 2)

    update_row(
        row,
        actor=coordinator,
        month=6,
        topic="体育赛事赋能旅游消费",
        lead_unit=unit("文旅局"),
        co_units=[unit("商务局")],
    )

    assert table(plan_2025)[1] == (2, 6, "体育赛事赋能旅游消费", "文旅局★ 商务局")
    assert list(plan_2025.revisions.all()) == []


def test_update_row_may_keep_its_own_seq_but_not_take_anothers(plan_2025, coordinator):
    row = row_of(plan_2025, 2)
    update_row(row, actor=coordinator, seq=2, month=5, topic="体育赛事", lead_unit=row.lead_unit)

    with pytest.raises(PlanChangeRefused, match=r"^序号1已被使用。$"):
        update_row(row, actor=coordinator, seq=1, month=5, topic="体育赛事", lead_unit=row.lead_unit)

    assert [(r.seq, r.topic) for r in plan_2025.rows.all()[:2]] == [
        (1, "强化基金招商，赋能高质量发展"),
        (2, "体育赛事"),
    ]


def test_remove_row_of_a_draft(plan_2025, coordinator):
    remove_row(row_of(plan_2025, 8), actor=coordinator)

    assert [row[0] for row in table(plan_2025)] == [1, 2, 3, 4, 5, 6, 7]
    assert AuditEntry.objects.for_object(plan_2025).first().action == "planning.row.removed"


# --- Approval ------------------------------------------------------------------------------------


def test_approve_plan_creates_one_interview_per_row_with_every_step(plan_2025, coordinator):
    approve_plan(plan_2025, actor=coordinator)

    plan_2025.refresh_from_db()
    assert (plan_2025.status, plan_2025.approved_at, plan_2025.approved_by) == (PlanStatus.APPROVED, NOW, coordinator)
    interviews = list(Interview.objects.select_related("plan_row", "lead_unit").order_by("plan_row__seq"))
    assert [
        (i.plan_row.seq, i.year, i.title, str(i.lead_unit), sorted(str(u) for u in i.co_units.all()), i.state)
        for i in interviews
    ] == [(seq, 2025, topic, lead, sorted(co), InterviewState.PLANNED) for seq, _m, topic, lead, co in ROWS_2025]
    for interview in interviews:
        assert list(interview.steps.order_by("id").values_list("kind", "status", "due_date")) == [
            (step.kind, StepStatus.NOT_STARTED, None) for step in STEPS
        ]


def test_approve_plan_keeps_the_approved_table_as_revision_1(plan_2025, coordinator):
    approve_plan(plan_2025, actor=coordinator)

    revision = plan_2025.revisions.get()
    assert (revision.number, revision.note, revision.created_by) == (1, "审定发布", coordinator)
    assert revision.rows == [
        {"seq": seq, "month": month, "topic": topic, "lead_unit": lead, "co_units": co}
        for seq, month, topic, lead, co in ROWS_2025
    ]
    assert AuditEntry.objects.for_object(plan_2025).first().data == {"rows": 8}


@pytest.mark.parametrize("actor", ["auditor", "operator", "editor"])
def test_approve_plan_refused_to_others(request, plan_2025, actor):
    with pytest.raises(PermissionDenied):
        approve_plan(plan_2025, actor=request.getfixturevalue(actor))

    plan_2025.refresh_from_db()
    assert (plan_2025.status, Interview.objects.count()) == (PlanStatus.DRAFT, 0)


def test_approve_plan_twice_is_refused(approved_2025, coordinator):
    with pytest.raises(PlanChangeRefused, match=r"^该计划已经审定。$"):
        approve_plan(approved_2025, actor=coordinator)

    assert (Interview.objects.count(), PlanRevision.objects.count()) == (8, 1)


def test_approve_plan_without_rows_is_refused(coordinator):
    plan = PlanFactory(year=2026)

    with pytest.raises(PlanChangeRefused, match="计划中还没有访谈条目"):
        approve_plan(plan, actor=coordinator)

    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_approve_plan_without_a_document_number_is_refused(plan_2025, coordinator):
    update_plan(plan_2025, actor=coordinator, doc_number="  ")

    with pytest.raises(PlanChangeRefused, match=r"^请先填写文号。$"):
        approve_plan(plan_2025, actor=coordinator)

    assert (Interview.objects.count(), PlanRevision.objects.count()) == (0, 0)


# --- Changes after approval ----------------------------------------------------------------------


def test_changing_an_approved_plan_needs_a_note(approved_2025, coordinator):
    with pytest.raises(PlanChangeRefused, match=r"^计划已审定，修改须填写修订说明。$"):
        update_plan(approved_2025, actor=coordinator, contact_phone="025-00000000")

    approved_2025.refresh_from_db()
    assert approved_2025.contact_phone == "025-58311686"
    assert approved_2025.revisions.count() == 1


def test_changing_an_approved_plan_with_a_note_makes_a_revision(approved_2025, coordinator):
    update_plan(approved_2025, actor=coordinator, note="联系电话变更", contact_phone="025-58311688")

    approved_2025.refresh_from_db()
    assert approved_2025.contact_phone == "025-58311688"
    assert list(approved_2025.revisions.values_list("number", "note")) == [(1, "审定发布"), (2, "联系电话变更")]


def test_the_year_of_an_approved_plan_is_fixed(approved_2025, coordinator):
    with pytest.raises(PlanChangeRefused, match=r"^已审定计划的年度不能修改。$"):
        update_plan(approved_2025, actor=coordinator, note="改年度", year=2026)

    assert Plan.objects.get().year == 2025


def test_moving_a_row_after_approval_needs_a_note_and_changes_nothing_without_it(approved_2025, coordinator):
    row = row_of(approved_2025, 2)

    with pytest.raises(PlanChangeRefused, match="修订说明"):
        update_row(row, actor=coordinator, month=6, topic=row.topic, lead_unit=row.lead_unit)

    assert table(approved_2025)[1] == (2, 5, "体育赛事赋能旅游消费", "文旅局★")
    assert approved_2025.revisions.count() == 1


def test_moving_a_row_after_approval_is_a_visible_revision(approved_2025, coordinator):
    row = row_of(approved_2025, 2)

    update_row(row, actor=coordinator, month=6, topic=row.topic, lead_unit=row.lead_unit, note="赛事延期")

    history = revision_history(plan_with_rows().get(pk=approved_2025.pk))
    assert [(view.revision.number, view.revision.note, view.changes) for view in history] == [
        (1, "审定发布", []),
        (2, "赛事延期", ["调整：2. 5月 体育赛事赋能旅游消费（文旅局★） → 2. 6月 体育赛事赋能旅游消费（文旅局★）"]),
    ]
    assert Interview.objects.get(plan_row=row).month == 6


def test_changing_a_rows_units_after_approval_carries_over_to_its_interview(approved_2025, coordinator, units):
    row = row_of(approved_2025, 8)

    update_row(
        row,
        actor=coordinator,
        month=11,
        topic=row.topic,
        lead_unit=units["lead"],
        co_units=[units["co"], unit("永宁街道")],
        note="增加配合单位",
    )

    interview = Interview.objects.get(plan_row=row)
    assert sorted(str(u) for u in interview.co_units.all()) == sorted(["桥林街道", "永宁街道"])
    assert [view.changes for view in revision_history(approved_2025)][1] == [
        "调整：8. 11月 城镇燃气“安心用气工程”（城建局★、桥林街道）"
        " → 8. 11月 城镇燃气“安心用气工程”（城建局★、桥林街道、永宁街道）"
    ]


def test_adding_a_row_after_approval_creates_its_interview(approved_2025, coordinator):
    row = add_row(
        approved_2025, actor=coordinator, month=12, topic="优化营商环境", lead_unit=unit("商务局"), note="增加一期"
    )

    interview = Interview.objects.get(plan_row=row)
    assert (interview.title, interview.year, interview.steps.count()) == ("优化营商环境", 2025, 12)
    assert revision_history(approved_2025)[-1].changes == ["新增：9. 12月 优化营商环境（商务局★）"]


def test_adding_a_row_after_approval_without_a_note_adds_nothing(approved_2025, coordinator):
    with pytest.raises(PlanChangeRefused, match="修订说明"):
        add_row(approved_2025, actor=coordinator, month=12, topic="优化营商环境", lead_unit=unit("商务局"))

    assert (approved_2025.rows.count(), Interview.objects.count(), approved_2025.revisions.count()) == (8, 8, 1)


def test_removing_a_row_whose_interview_is_not_cancelled_is_refused(approved_2025, coordinator):
    row = row_of(approved_2025, 8)

    with pytest.raises(PlanChangeRefused, match="该条目的访谈尚未取消"):
        remove_row(row, actor=coordinator, note="取消本期")

    assert table(approved_2025)[-1] == (8, 11, "城镇燃气“安心用气工程”", "城建局★ 桥林街道")
    assert Interview.objects.get(plan_row=row).state == InterviewState.PLANNED
    assert approved_2025.revisions.count() == 1


def test_removing_a_row_after_its_interview_was_cancelled(approved_2025, coordinator):
    row = row_of(approved_2025, 8)
    interview = Interview.objects.get(plan_row=row)
    transition_interview(interview, InterviewState.CANCELLED, actor=coordinator, reason="主题并入下年度")

    with pytest.raises(PlanChangeRefused, match="修订说明"):
        remove_row(row, actor=coordinator)
    remove_row(row, actor=coordinator, note="取消本期")

    interview.refresh_from_db()
    assert [seq for seq, *_rest in table(approved_2025)] == [1, 2, 3, 4, 5, 6, 7]
    assert (interview.state, interview.plan_row, interview.title) == (
        InterviewState.CANCELLED,
        None,
        "城镇燃气“安心用气工程”",
    )
    assert revision_history(approved_2025)[-1].changes == ["删除：8. 11月 城镇燃气“安心用气工程”（城建局★、桥林街道）"]


# --- Describing revisions ------------------------------------------------------------------------


def snap(seq, month, topic, lead="国资办", co=()):
    return {"seq": seq, "month": month, "topic": topic, "lead_unit": lead, "co_units": list(co)}


def test_describe_changes_matches_rows_by_topic_then_by_seq():
    before = [snap(1, 4, "基金招商", co=["商务局"]), snap(2, 5, "体育赛事", "文旅局")]
    after = [
        snap(1, 4, "基金招商（更名）", co=["商务局"]),
        snap(2, 7, "体育赛事", "文旅局"),
        snap(3, 9, "新增", "教育局"),
    ]

    assert describe_changes(before, after) == [
        "调整：1. 4月 基金招商（国资办★、商务局） → 1. 4月 基金招商（更名）（国资办★、商务局）",
        "调整：2. 5月 体育赛事（文旅局★） → 2. 7月 体育赛事（文旅局★）",
        "新增：3. 9月 新增（教育局★）",
    ]


def test_describe_changes_of_identical_tables_is_empty():
    rows = [snap(1, 4, "基金招商")]

    assert describe_changes(rows, [dict(row) for row in rows]) == []


def test_describe_changes_lists_removed_rows_last():
    before = [snap(1, 4, "基金招商"), snap(2, 5, "体育赛事", "文旅局")]

    assert describe_changes(before, before[:1]) == ["删除：2. 5月 体育赛事（文旅局★）"]


def test_describe_changes_of_renumbered_rows():
    before = [snap(1, 4, "甲"), snap(2, 5, "乙")]
    after = [snap(1, 5, "乙"), snap(2, 4, "甲")]

    assert describe_changes(before, after) == [
        "调整：2. 5月 乙（国资办★） → 1. 5月 乙（国资办★）",
        "调整：1. 4月 甲（国资办★） → 2. 4月 甲（国资办★）",
    ]


# --- Who sees which plan -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actor", "sees_draft"),
    [
        ("outsider", False),
        ("editor", False),
        ("operator", False),
        ("producer", False),
        ("coordinator", True),
        ("auditor", True),
    ],
)
def test_draft_plans_are_the_gov_offices_own(request, plan_2025, actor, sees_draft):
    approved = PlanFactory(year=2024, status=PlanStatus.APPROVED)

    visible = list(Plan.objects.visible_to(request.getfixturevalue(actor)))

    assert visible == ([plan_2025, approved] if sees_draft else [approved])


def test_the_public_sees_approved_plans_only(plan_2025):
    approved = PlanFactory(year=2024, status=PlanStatus.APPROVED)

    assert list(Plan.objects.visible_to(AnonymousUser())) == [approved]


def test_an_approved_plan_is_visible_to_every_member_of_staff(approved_2025, outsider, operator):
    assert [list(Plan.objects.visible_to(user)) for user in (outsider, operator)] == [[approved_2025]] * 2


def test_plan_dates_are_kept(plan_2025):
    plan_2025.refresh_from_db()

    assert (plan_2025.issued_on, plan_2025.printed_on) == (dt.date(2025, 4, 7), dt.date(2025, 4, 8))


def test_describe_changes_with_two_rows_of_the_same_topic():
    before = [snap(1, 4, "待定"), snap(2, 5, "待定", "文旅局")]

    assert describe_changes(before, [dict(row) for row in before]) == []
    assert describe_changes(before, [before[0], snap(2, 6, "待定", "文旅局")]) == [
        "调整：2. 5月 待定（文旅局★） → 2. 6月 待定（文旅局★）"
    ]


def test_describe_changes_when_a_row_takes_the_topic_of_another():
    before = [snap(1, 4, "甲"), snap(2, 5, "乙")]
    after = [snap(1, 4, "乙"), snap(2, 5, "乙")]

    assert describe_changes(before, after) == ["调整：1. 4月 甲（国资办★） → 1. 4月 乙（国资办★）"]


def test_revision_history_of_a_plan_with_repeated_topics_shows_only_real_changes(coordinator):
    plan = create_plan(actor=coordinator, year=2026, title="方案", doc_number="浦政办发〔2026〕2号")
    for month in (3, 6):
        add_row(plan, actor=coordinator, month=month, topic="待定", lead_unit=unit("国资办"))
    plan = approve_plan(plan, actor=coordinator)

    update_plan(plan, actor=coordinator, note="联系人变更", contact_name="杨慧")

    assert [view.changes for view in revision_history(plan)] == [[], []]


def test_update_plan_with_a_copy_read_before_approval_still_needs_a_note(coordinator, units):
    plan = create_plan(actor=coordinator, year=2040, title="2040年计划", doc_number="浦政办发〔2040〕1号")
    add_row(plan, actor=coordinator, month=5, topic="主题", lead_unit=units["lead"])
    stale = Plan.objects.get(pk=plan.pk)
    approve_plan(plan, actor=coordinator)

    with pytest.raises(PlanChangeRefused, match="修订说明"):
        update_plan(stale, actor=coordinator, title="改过的标题")

    plan.refresh_from_db()
    assert (plan.title, plan.status) == ("2040年计划", "approved")
