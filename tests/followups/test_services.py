"""The summary's flow (step 7 settled), opinion points, and rectification: askers told, owners reminded."""

import pytest
from django.core.exceptions import PermissionDenied

from portal.audit.models import AuditEntry
from portal.followups.enums import RectificationStatus as RS
from portal.followups.enums import SummaryState
from portal.followups.exceptions import FollowupRefused
from portal.followups.models import ProgressNote, RectificationMessage
from portal.followups.services.rectification import add_note, change_status, create_item, update_item
from portal.followups.services.summary import (
    move_point,
    publish_summary,
    remove_point,
    return_summary,
    save_point,
    save_summary,
)
from portal.interviews.enums import InterviewState, StepKind, StepStatus
from portal.interviews.models import Interview, InterviewStep
from portal.notifications.models import Reminder, ReminderStatus
from portal.notifications.reminders import first_overdue_at
from portal.questions.models import AskerContact
from tests.followups.conftest import days

pytestmark = [pytest.mark.django_db]


def step_status(interview) -> str:
    return InterviewStep.objects.get(interview=interview, kind=StepKind.SUMMARY).status


# --- Summary -------------------------------------------------------------------------------------


def test_the_lead_unit_writes_and_submits_and_the_digital_center_publishes(held, editor, operator):
    summary = save_summary(held, actor=editor, body="<p>本期访谈<script>x</script>收到问题。</p>")
    assert (summary.state, summary.body) == (SummaryState.DRAFT, "<p>本期访谈收到问题。</p>")
    assert step_status(held) == StepStatus.IN_PROGRESS

    save_summary(held, actor=editor, body="<p>总结</p>", submit=True)
    assert step_status(held) == StepStatus.DONE
    with pytest.raises(FollowupRefused, match="已提交"):
        save_summary(held, actor=editor, body="<p>改</p>")

    summary = publish_summary(held, actor=operator)
    assert (summary.state, summary.published_by) == (SummaryState.PUBLISHED, operator)
    actions = list(AuditEntry.objects.for_object(held).values_list("action", flat=True))
    assert {"followups.summary.saved", "followups.summary.submitted", "followups.summary.published"} <= set(actions)


def test_returning_reopens_step_seven(held, editor, operator):
    save_summary(held, actor=editor, body="<p>总结</p>", submit=True)
    with pytest.raises(FollowupRefused, match="修改意见"):
        return_summary(held, actor=operator, note=" ")
    summary = return_summary(held, actor=operator, note="请补充整改安排")
    assert (summary.state, summary.return_note) == (SummaryState.DRAFT, "请补充整改安排")
    assert step_status(held) == StepStatus.IN_PROGRESS


def test_summary_refusals(held, editor, co_editor, outsider, operator, interview):
    with pytest.raises(FollowupRefused, match="正文"):
        save_summary(held, actor=editor, body="<p> </p>", submit=True)
    with pytest.raises(FollowupRefused, match="只有第一责任单位已提交"):
        publish_summary(held, actor=operator)
    for actor in (co_editor, outsider, operator):
        with pytest.raises(PermissionDenied):
            save_summary(held, actor=actor, body="<p>x</p>")
    with pytest.raises(PermissionDenied):
        publish_summary(held, actor=editor)
    with pytest.raises(FollowupRefused, match="访谈结束后"):
        save_summary(interview, actor=editor, body="<p>x</p>")  # not held yet
    Interview.objects.filter(pk=held.pk).update(state=InterviewState.FILED)
    held.refresh_from_db()
    with pytest.raises(FollowupRefused, match="已备案"):
        save_summary(held, actor=editor, body="<p>x</p>")


def test_opinion_points_cite_published_questions_only(held, questions, editor):
    point = save_point(held, actor=editor, text="加快老旧小区改造", question_ids=[questions["a1"].pk])
    assert list(point.questions.all()) == [questions["a1"]]
    with pytest.raises(FollowupRefused, match="至少选择"):
        save_point(held, actor=editor, text="x", question_ids=[])
    with pytest.raises(FollowupRefused, match="已发布"):
        save_point(held, actor=editor, text="x", question_ids=[questions["r1"].pk])
    with pytest.raises(FollowupRefused, match="请填写"):
        save_point(held, actor=editor, text=" ", question_ids=[questions["a1"].pk])

    second = save_point(held, actor=editor, text="第二条", question_ids=[questions["c1"].pk, questions["c2"].pk])
    move_point(held, actor=editor, point=second, up=True)
    assert [p.text for p in held.summary.points.all()] == ["第二条", "加快老旧小区改造"]
    with pytest.raises(FollowupRefused, match="最前面"):
        move_point(held, actor=editor, point=second, up=True)
    remove_point(held, actor=editor, point=point)
    assert held.summary.points.count() == 1


# --- Rectification -------------------------------------------------------------------------------


@pytest.fixture
def item(held, questions, editor, units, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return create_item(
            held,
            actor=editor,
            what="年底前完成桥林街道老旧小区燃气管道改造",
            owner_unit=units["co"],
            due_date=days(30),
            question_ids=[questions["a1"].pk, questions["c1"].pk],
        )


def test_creating_an_item_tells_the_askers_behind_it(item, mailoutbox, smsoutbox, questions):
    # a1 by e-mail and m1 (merged into a1) by e-mail; c1 left no contact; a2 is not cited.
    assert sorted(m.to[0] for m in mailoutbox) == ["a1@example.com", "m1@example.com"]
    assert "未开始" in mailoutbox[0].subject
    assert "年底前完成桥林街道老旧小区燃气管道改造" in mailoutbox[0].body
    assert smsoutbox == []
    assert RectificationMessage.objects.filter(item=item, status=RS.PLANNED).count() == 2


def test_each_status_change_tells_the_askers_once(
    item, co_editor, mailoutbox, smsoutbox, questions, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change_status(item, actor=co_editor, status=RS.IN_PROGRESS, note="已进场施工")
    assert len(mailoutbox) == 2
    assert "整改中" in mailoutbox[0].subject
    assert ProgressNote.objects.get(item=item).text == "已进场施工"

    from portal.followups.askers import deliver  # noqa: PLC0415

    assert deliver(item.pk, RS.IN_PROGRESS) == 0  # run again: nothing twice
    with django_capture_on_commit_callbacks(execute=True):
        change_status(item, actor=co_editor, status=RS.DONE)
    assert len(mailoutbox) == 4
    assert "已完成" in mailoutbox[-1].subject


def test_sms_askers_and_purged_contacts(held, questions, editor, units, smsoutbox, mailoutbox,
                                         django_capture_on_commit_callbacks):  # fmt: skip
    AskerContact.objects.filter(question=questions["a1"]).update(contact_ciphertext="", purged_at="2025-10-01T00:00Z")
    with django_capture_on_commit_callbacks(execute=True):
        create_item(held, actor=editor, what="改造", owner_unit=units["lead"], due_date=days(10),
                    question_ids=[questions["a1"].pk, questions["a2"].pk])  # fmt: skip
    assert [m.number for m in smsoutbox] == ["13812345678"]
    assert [m.to for m in mailoutbox] == [["m1@example.com"]]  # merged into a1, own contact kept


def test_overdue_reminders_from_the_due_date_until_done(item, co_editor, units):
    reminder = Reminder.objects.get(key=f"rectification:{item.pk}", status=ReminderStatus.PENDING)
    assert (reminder.unit, reminder.due_at) == (units["co"], first_overdue_at(item.due_date))

    change_status(item, actor=co_editor, status=RS.DONE)

    assert not Reminder.objects.filter(key=f"rectification:{item.pk}", status=ReminderStatus.PENDING).exists()


def test_moving_the_due_date_moves_the_reminder(item, editor, units, questions):
    update_item(item, actor=editor, what=item.what, owner_unit=units["lead"], due_date=days(60),
                question_ids=[questions["a1"].pk])  # fmt: skip
    reminder = Reminder.objects.get(key=f"rectification:{item.pk}", status=ReminderStatus.PENDING)
    assert (reminder.unit, reminder.due_at) == (units["lead"], first_overdue_at(days(60)))


def test_rectification_refusals(item, held, editor, co_editor, outsider, coordinator, units, questions):
    with pytest.raises(PermissionDenied):
        change_status(item, actor=editor, status=RS.IN_PROGRESS)  # the owner unit (桥林街道) updates
    with pytest.raises(PermissionDenied):
        change_status(item, actor=outsider, status=RS.IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        create_item(held, actor=co_editor, what="x", owner_unit=units["co"], due_date=days(5), question_ids=[1])
    with pytest.raises(FollowupRefused, match="第一责任单位或配合单位"):
        create_item(held, actor=coordinator, what="x", owner_unit=units["outsider"], due_date=days(5),
                    question_ids=[questions["a1"].pk])  # fmt: skip
    with pytest.raises(FollowupRefused, match="早于今天"):
        create_item(held, actor=editor, what="x", owner_unit=units["co"], due_date=days(-1),
                    question_ids=[questions["a1"].pk])  # fmt: skip
    with pytest.raises(FollowupRefused, match="说明原因"):
        change_status(item, actor=co_editor, status=RS.CANCELLED)
    with pytest.raises(FollowupRefused, match="晚于今天"):
        add_note(item, actor=co_editor, date=days(1), text="明天的进展")
    with pytest.raises(FollowupRefused, match="请填写"):
        add_note(item, actor=co_editor, date=days(0), text=" ")
    change_status(item, actor=co_editor, status=RS.DONE)
    with pytest.raises(FollowupRefused, match="不能改为"):
        change_status(item, actor=co_editor, status=RS.IN_PROGRESS)
    with pytest.raises(FollowupRefused, match="不能再修改"):
        update_item(item, actor=editor, what="x", owner_unit=units["co"], due_date=days(5),
                    question_ids=[questions["a1"].pk])  # fmt: skip


def test_notes_are_dated_and_audited(item, co_editor):
    note = add_note(item, actor=co_editor, date=days(0), text="完成设计招标")
    assert (note.date, note.author) == (days(0), co_editor)
    assert AuditEntry.objects.for_object(item).filter(action="followups.rectification.note_added").exists()
