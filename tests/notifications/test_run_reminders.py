"""The reminder worker: sends what is due to the inbox and by e-mail, once, and keeps daily reminders going."""

import datetime as dt
import io
import threading

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from portal.interviews.enums import StepStatus
from portal.interviews.models import InterviewStep
from portal.interviews.services import set_step_status
from portal.notifications.models import Notification, Reminder, ReminderKind, ReminderStatus
from portal.notifications.reminders import cancel_wait, schedule_wait
from portal.notifications.sending import claim_due, new_worker_id, release_stale_claims, run_once, send_claimed
from tests.factories import UserFactory, at, staff

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

S = ReminderStatus


def run(*args) -> None:
    call_command("run_reminders", "--once", *args, stdout=io.StringIO())


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP 服务器拒绝连接")


def test_nothing_is_sent_before_it_is_due(draft, editor):
    run()

    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_a_due_reminder_goes_to_every_active_member_by_inbox_and_e_mail(draft, editor, co_editor, time_machine):
    UserFactory(roles=[(draft.interview.lead_unit, "editor")], username="left", is_active=False)
    staff(draft.interview.lead_unit, username="no_mail", email="")
    time_machine.move_to(at(2025, 10, 6, 9, 0), tick=False)

    run()

    title = "截止提醒：访谈“城镇燃气“安心用气工程””的“起草访谈稿”将于2025-10-13截止（还有7天）"
    inbox = Notification.objects.filter(title=title).order_by("recipient__username")
    assert [n.recipient.username for n in inbox] == ["co_editor", "editor", "no_mail"]
    assert inbox[0].url == f"/backoffice/interviews/{draft.interview_id}/#step-{draft.pk}"
    draft_mail = [message for message in mail.outbox if message.subject == f"【在线访谈平台】{title}"]
    assert sorted(message.to[0] for message in draft_mail) == ["co_editor@example.org", "editor@example.org"]
    message = next(m for m in draft_mail if m.to == ["editor@example.org"])
    assert "提醒对象：城建局" in message.body
    assert f"http://127.0.0.1:8000/backoffice/interviews/{draft.interview_id}/#step-{draft.pk}" in message.body
    sent = Reminder.objects.get(step=draft, unit__name="城建局", due_at=at(2025, 10, 6, 9, 0))
    assert (sent.status, sent.delivered, sent.attempts) == (S.SENT, 2, 1)
    assert sent.sent_at == at(2025, 10, 6, 9, 0)


def test_running_twice_sends_nothing_twice(draft, editor, time_machine):
    time_machine.move_to(at(2025, 10, 6, 9, 5), tick=False)

    run()
    first = (Notification.objects.count(), len(mail.outbox))
    run()

    assert first[0] > 0
    assert (Notification.objects.count(), len(mail.outbox)) == first


def test_an_overdue_step_is_reminded_daily_until_done(draft, editor, time_machine):
    time_machine.move_to(at(2025, 10, 14, 9, 0), tick=False)
    run()
    time_machine.move_to(at(2025, 10, 15, 9, 0), tick=False)
    run()

    overdue = Reminder.objects.filter(step=draft, unit__name="城建局", kind=ReminderKind.DEADLINE_OVERDUE)
    assert [(row.due_at.day, row.status) for row in overdue.order_by("due_at")] == [
        (14, S.SENT),
        (15, S.SENT),
        (16, S.PENDING),
    ]
    assert editor.notifications.filter(title__contains="已逾期2天").exists()

    set_step_status(draft, StepStatus.DONE, actor=editor)
    time_machine.move_to(at(2025, 10, 16, 9, 0), tick=False)
    run()

    assert not editor.notifications.filter(title__contains="已逾期3天").exists()
    assert not overdue.filter(status=S.PENDING).exists()


def test_a_reminder_that_no_longer_applies_is_cancelled_not_sent(draft, editor, time_machine):
    # The step was marked done behind the sync's back (as a bulk update would).
    InterviewStep.objects.filter(pk=draft.pk).update(status=StepStatus.DONE)
    time_machine.move_to(at(2025, 10, 6, 9, 0), tick=False)

    run()

    assert not Notification.objects.filter(title__contains="起草访谈稿").exists()
    due = Reminder.objects.filter(step=draft, due_at=at(2025, 10, 6, 9, 0))
    assert set(due.values_list("status", "last_error")) == {(S.CANCELLED, "步骤已完成")}


def test_a_wait_is_reminded_daily_until_cancelled(interview, units, operator, time_machine):
    schedule_wait(key="script-review:9", interview=interview, unit_ids=[units["digital"].pk], title="访谈稿待审核")

    run()
    assert operator.notifications.filter(title="访谈稿待审核").count() == 1
    tomorrow = Reminder.objects.get(key="script-review:9", status=S.PENDING)
    assert tomorrow.due_at == at(2025, 9, 2, 9, 0)

    time_machine.move_to(at(2025, 9, 2, 9, 0), tick=False)
    run()
    assert operator.notifications.filter(title="访谈稿待审核").count() == 2

    cancel_wait("script-review:9")
    time_machine.move_to(at(2025, 9, 3, 9, 0), tick=False)
    run()
    assert operator.notifications.filter(title="访谈稿待审核").count() == 2


def test_a_wait_cancelled_while_its_reminder_is_being_sent_stops_after_it(interview, units, operator):
    schedule_wait(key="w", interview=None, unit_ids=[units["digital"].pk], title="待办")
    worker = new_worker_id()
    [pk] = claim_due(worker)

    cancel_wait("w")
    assert send_claimed(pk, worker) == "sent"

    assert not Reminder.objects.filter(key="w", status=S.PENDING).exists()


def test_a_failing_send_is_retried_then_marked_failed_without_inbox_messages(interview, units, operator, settings):
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    schedule_wait(key="w", interview=interview, unit_ids=[units["digital"].pk], title="待办")

    for _ in range(3):
        run()

    reminder = Reminder.objects.get(key="w")
    assert (reminder.status, reminder.attempts) == (S.FAILED, 3)
    assert reminder.last_error == "ConnectionRefusedError: SMTP 服务器拒绝连接"
    assert Notification.objects.count() == 0
    run()
    assert Reminder.objects.get(key="w").attempts == 3


def test_a_claim_of_a_worker_that_died_is_taken_back(interview, units, operator, time_machine):
    schedule_wait(key="w", interview=interview, unit_ids=[units["digital"].pk], title="待办")
    assert claim_due("dead-worker") != []
    time_machine.move_to(at(2025, 9, 1, 10, 20), tick=False)

    report = run_once("live-worker")

    assert (report.released, report.sent) == (1, 1)
    assert operator.notifications.count() == 1


def test_claims_are_not_released_before_the_timeout(interview, units):
    schedule_wait(key="w", interview=interview, unit_ids=[units["digital"].pk], title="待办")
    claim_due("slow-worker")

    assert release_stale_claims() == 0


def test_the_batch_size_is_respected_and_everything_due_is_sent(units, operator):
    for number in range(5):
        schedule_wait(key=f"w{number}", interview=None, unit_ids=[units["digital"].pk], title=f"待办{number}")

    assert len(claim_due("another-worker", batch=2)) == 2
    run("--batch", "2")

    assert operator.notifications.count() == 3
    assert Reminder.objects.filter(status=S.CLAIMED, claimed_by="another-worker").count() == 2


def test_bad_arguments_are_refused():
    from django.core.management.base import CommandError  # noqa: PLC0415

    with pytest.raises(CommandError):
        run("--batch", "0")


# --- Two workers at once ----------------------------------------------------------------------


def _worker(barrier: threading.Barrier, results: dict, name: str) -> None:
    from django.db import connections  # noqa: PLC0415

    try:
        worker = f"{name}-{new_worker_id()}"
        claimed: list[int] = []
        barrier.wait(timeout=30)
        while ids := claim_due(worker, batch=3):
            claimed += ids
            for pk in ids:
                send_claimed(pk, worker)
        results[name] = claimed
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_workers_send_each_reminder_exactly_once():
    if connection.vendor != "postgresql":
        pytest.skip("claiming under concurrent workers is tested on PostgreSQL (SELECT … FOR UPDATE SKIP LOCKED)")
    from tests.factories import UnitFactory  # noqa: PLC0415

    unit = UnitFactory(name="并发测试单位")
    staff(unit, username="receiver")
    past = timezone.now() - dt.timedelta(minutes=1)  # the clock stands still in both threads
    for number in range(40):
        schedule_wait(key=f"race:{number}", interview=None, unit_ids=[unit.pk], title=f"提醒{number}", start=past)

    barrier, results = threading.Barrier(2), {}
    threads = [threading.Thread(target=_worker, args=(barrier, results, name)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert set(results) == {"a", "b"}
    assert not set(results["a"]) & set(results["b"])
    assert len(results["a"]) + len(results["b"]) == 40
    titles = sorted(Notification.objects.values_list("title", flat=True))
    assert titles == sorted(f"提醒{number}" for number in range(40))
    assert sorted(message.subject for message in mail.outbox) == sorted(f"【在线访谈平台】提醒{n}" for n in range(40))
    assert Reminder.objects.filter(key__startswith="race:", status=S.SENT).count() == 40
