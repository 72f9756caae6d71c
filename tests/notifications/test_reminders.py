"""Reminder rows follow the deadlines (product.md §10): written when R is set, moved with it, dropped when done."""

import pytest
from django.core.exceptions import PermissionDenied

from portal.interviews.enums import InterviewState, StepKind, StepStatus
from portal.interviews.lifecycle import transition_interview
from portal.interviews.models import InterviewStep
from portal.interviews.scheduling import set_recording_date
from portal.interviews.services import set_step_status
from portal.notifications.models import Reminder, ReminderKind, ReminderStatus
from portal.notifications.reminders import cancel_wait, schedule_wait, sync_deadline_reminders
from portal.questions.enums import QuestionState
from portal.questions.services.supervision import acknowledge_supervision_notice, send_supervision_notice
from tests.dates import agree_on
from tests.factories import InterviewFactory, at
from tests.notifications.conftest import LATER_R, NOW
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

K = ReminderKind
P = ReminderStatus.PENDING


def rows(step, status=P) -> set[tuple[str, str, str]]:
    return {
        (row.kind, row.unit.name, row.due_at.astimezone(at(2025, 1, 1).tzinfo).strftime("%m-%d %H:%M"))
        for row in Reminder.objects.filter(step=step, status=status).select_related("unit")
    }


def test_setting_r_reminds_each_owner_unit_7_days_and_1_day_before_and_the_day_after(draft):
    assert rows(draft) == {
        (K.DEADLINE_BEFORE, "城建局", "10-06 09:00"),
        (K.DEADLINE_BEFORE, "城建局", "10-12 09:00"),
        (K.DEADLINE_OVERDUE, "城建局", "10-14 09:00"),
        (K.DEADLINE_BEFORE, "桥林街道", "10-06 09:00"),
        (K.DEADLINE_BEFORE, "桥林街道", "10-12 09:00"),
        (K.DEADLINE_OVERDUE, "桥林街道", "10-14 09:00"),
    }
    reminder = Reminder.objects.get(step=draft, unit__name="城建局", kind=K.DEADLINE_BEFORE, due_at__day=6)
    assert reminder.title == "截止提醒：访谈“城镇燃气“安心用气工程””的“起草访谈稿”将于2025-10-13截止（还有7天）"
    assert reminder.key == f"step:{draft.pk}"
    assert reminder.url == f"/backoffice/interviews/{draft.interview_id}/#step-{draft.pk}"


def test_the_step_of_a_center_reminds_that_center(scheduled, digital_center):
    preview = scheduled.steps.get(kind=StepKind.PREVIEW)

    assert {name for _, name, _ in rows(preview)} == {"区城市数字治理中心"}


def test_days_and_hour_are_settings(interview, coordinator, settings):
    settings.PORTAL_REMINDER_DAYS_BEFORE = (3,)
    settings.PORTAL_REMINDER_HOUR = 8

    set_recording_date(interview, at(2025, 10, 20, 14, 30), actor=coordinator)

    draft = interview.steps.get(kind=StepKind.DRAFT)
    assert {due for _, unit, due in rows(draft) if unit == "城建局"} == {"10-10 08:00", "10-14 08:00"}


def test_syncing_again_writes_nothing_new(draft, scheduled):
    before = Reminder.objects.count()

    sync_deadline_reminders(scheduled)
    sync_deadline_reminders(scheduled)

    assert Reminder.objects.count() == before


def test_moving_r_cancels_the_old_pending_reminders_and_writes_new_ones(draft, scheduled, coordinator):
    old = rows(draft)

    set_recording_date(scheduled, LATER_R, actor=coordinator)

    assert rows(draft, ReminderStatus.CANCELLED) == old
    assert {due for _, unit, due in rows(draft) if unit == "城建局"} == {"10-20 09:00", "10-26 09:00", "10-28 09:00"}


def test_moving_r_back_writes_the_cancelled_reminders_again(draft, scheduled, coordinator):
    old = rows(draft)
    set_recording_date(scheduled, LATER_R, actor=coordinator)

    set_recording_date(scheduled, at(2025, 10, 20, 14, 30), actor=coordinator)

    assert rows(draft) == old


def test_sent_reminders_are_never_changed(draft, scheduled, coordinator):
    sent = Reminder.objects.filter(step=draft).first()
    Reminder.objects.filter(pk=sent.pk).update(status=ReminderStatus.SENT)

    set_recording_date(scheduled, LATER_R, actor=coordinator)

    sent.refresh_from_db()
    assert sent.status == ReminderStatus.SENT


def test_a_done_step_has_no_pending_reminders_until_reopened(draft, editor):
    written = rows(draft)

    set_step_status(draft, StepStatus.DONE, actor=editor)
    assert rows(draft) == set()

    set_step_status(draft, StepStatus.IN_PROGRESS, actor=editor)
    assert rows(draft) == written


def test_an_event_settled_step_drops_its_reminders(scheduled, editor, operator, producer):
    """The three parties agreeing on R settles 确定录制日期 (done), which was waiting on them."""
    date_step = scheduled.steps.get(kind=StepKind.DATE)
    assert rows(date_step)

    agree_on(scheduled, scheduled.recording_at, editor=editor, operator=operator, producer=producer)

    assert rows(date_step) == set()


def test_postponing_stops_every_pending_reminder_and_resuming_writes_them_again(draft, scheduled, coordinator):
    transition_interview(scheduled, InterviewState.POSTPONED, actor=coordinator, reason="主要领导公务冲突")

    assert not Reminder.objects.filter(interview=scheduled, status=P).exists()

    set_recording_date(scheduled, LATER_R, actor=coordinator)
    transition_interview(scheduled, InterviewState.PLANNED, actor=coordinator, reason="已重新商定")

    assert {due for _, unit, due in rows(draft) if unit == "城建局"} == {"10-20 09:00", "10-26 09:00", "10-28 09:00"}


def test_cancelling_stops_every_pending_reminder(scheduled, coordinator):
    transition_interview(scheduled, InterviewState.CANCELLED, actor=coordinator, reason="计划调整")

    assert not Reminder.objects.filter(interview=scheduled, status=P).exists()


def test_an_interview_already_late_gets_one_overdue_reminder_now_not_a_backlog(units):
    late = InterviewFactory(lead_unit=units["lead"], recording_at=at(2025, 8, 22, 9, 30), steps=["topic"])
    draft = late.steps.get(kind=StepKind.DRAFT)  # due 2025-08-15, 17 days ago

    assert rows(draft) == {(K.DEADLINE_OVERDUE, "城建局", "09-01 10:00")}
    assert not Reminder.objects.filter(interview=late, step__kind=StepKind.TOPIC).exists()  # done


def test_reminders_already_past_are_not_written(units):
    soon = InterviewFactory(lead_unit=units["lead"], recording_at=at(2025, 9, 10, 9, 30))
    draft = soon.steps.get(kind=StepKind.DRAFT)  # due 2025-09-03: the 7-day reminder would be 08-27

    assert rows(draft) == {(K.DEADLINE_BEFORE, "城建局", "09-02 09:00"), (K.DEADLINE_OVERDUE, "城建局", "09-04 09:00")}


def test_a_step_without_deadline_has_no_reminders(interview):
    assert not Reminder.objects.filter(interview=interview).exists()
    assert InterviewStep.objects.filter(interview=interview, due_date__isnull=True).count() == 12


# --- Waits ----------------------------------------------------------------------------------------


def test_a_wait_reminds_each_unit_from_its_start(interview, units):
    schedule_wait(
        key="script-review:1:digital",
        interview=interview,
        unit_ids=[units["digital"].pk, units["media"].pk, None],
        title="访谈稿待审核",
        url="/backoffice/",
    )

    waiting = Reminder.objects.filter(key="script-review:1:digital", status=P)
    assert sorted(row.unit.name for row in waiting) == ["区城市数字治理中心", "区融媒体中心"]
    assert {row.kind for row in waiting} == {K.WAITING}
    assert {row.due_at for row in waiting} == {NOW}


def test_scheduling_a_wait_again_replaces_its_pending_reminders(interview, units):
    schedule_wait(key="date:7", interview=interview, unit_ids=[units["lead"].pk], title="录制日期待确认")
    schedule_wait(
        key="date:7", interview=interview, unit_ids=[units["co"].pk], title="录制日期待确认", start=at(2025, 9, 2)
    )

    assert [row.unit.name for row in Reminder.objects.filter(key="date:7", status=P)] == ["桥林街道"]
    assert Reminder.objects.filter(key="date:7", status=ReminderStatus.CANCELLED).count() == 1


def test_cancelling_a_wait_drops_pending_rows_and_stops_a_claimed_one(units):
    schedule_wait(key="k", interview=None, unit_ids=[units["lead"].pk, units["co"].pk], title="待办")
    claimed = Reminder.objects.filter(key="k").first()
    Reminder.objects.filter(pk=claimed.pk).update(status=ReminderStatus.CLAIMED)
    schedule_wait(key="other", interview=None, unit_ids=[units["lead"].pk], title="另一件待办")

    cancel_wait("k")

    assert Reminder.objects.filter(key="k", status=ReminderStatus.CANCELLED).count() == 1
    claimed.refresh_from_db()
    assert (claimed.status, claimed.continues) == (ReminderStatus.CLAIMED, False)
    assert Reminder.objects.filter(key="other", status=P).count() == 1


# --- 督办 -----------------------------------------------------------------------------------------


@pytest.fixture
def notice(interview, coordinator, units):
    question = QuestionFactory(interview=interview, state=QuestionState.PUBLISHED)
    return send_supervision_notice(
        interview=interview, unit=units["lead"], questions=[question], message="请于三日内答复", actor=coordinator
    )


def test_a_supervision_notice_reminds_the_unit_daily_from_tomorrow(notice):
    reminder = Reminder.objects.get(key=f"supervision:{notice.pk}")

    assert (reminder.unit.name, reminder.status, reminder.due_at) == ("城建局", P, at(2025, 9, 2, 9, 0))
    assert reminder.url == "/backoffice/supervision/"


def test_acknowledging_the_notice_ends_its_reminders(notice, editor):
    acknowledge_supervision_notice(notice, actor=editor, note="已安排专人答复")

    assert Reminder.objects.get(key=f"supervision:{notice.pk}").status == ReminderStatus.CANCELLED


def test_an_outsider_cannot_acknowledge_and_the_reminders_go_on(notice, outsider):
    with pytest.raises(PermissionDenied):
        acknowledge_supervision_notice(notice, actor=outsider, note="")

    assert Reminder.objects.get(key=f"supervision:{notice.pk}").status == P
