"""Webhooks: signed pushes of every live event, retried with backoff, in order, to active endpoints only."""

from datetime import timedelta

import pytest
import requests
from django.utils import timezone
from django_tasks import default_task_backend

from portal.live import services
from portal.live.enums import Speaker
from portal.live.models import LiveEvent
from portal.live.webhooks import delivery as hooks
from portal.live.webhooks.models import DeliveryStatus, WebhookDelivery
from portal.live.webhooks.services import create_endpoint
from tests.live.webhook_support import HOOK_URL, OTHER_URL, SECRET, calls_to, publish, verified

pytestmark = pytest.mark.unit


@pytest.fixture
def frozen(time_machine):
    start = timezone.now().replace(microsecond=0)
    time_machine.move_to(start, tick=False)
    return start


@pytest.fixture
def deferring(settings):
    """A backend that keeps jobs (with their run_after) instead of running them: the production DB backend's shape."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield default_task_backend
    default_task_backend.clear()


def test_a_published_entry_is_pushed_signed_with_its_fields(
    live_interview, operator, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.add("POST", HOOK_URL, status=200)
    entry = publish(live_interview, operator, django_capture_on_commit_callbacks, text="燃气管道改造今年完成。")
    [call] = calls_to(receiver)
    body = verified(call)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert call.request.headers["X-Portal-Event"] == "live.published"
    assert call.request.headers["X-Portal-Delivery"] == str(delivery.pk)
    assert call.request.headers["Content-Type"].startswith("application/json")
    assert body["seq"] == 2
    assert body["interview"] == live_interview.pk
    assert body["op"] == "add"
    assert body["kind"] == "published"
    assert body["at"]
    assert body["entry"]["id"] == entry.pk
    assert body["entry"]["text"] == "燃气管道改造今年完成。"
    assert body["entry"]["state"] == "published"
    assert body["entry"]["speaker"] == "host"
    assert "燃气管道改造今年完成" in body["html"]
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.attempts == 1
    assert delivery.last_status_code == 200
    assert delivery.delivered_at


def test_a_wrong_secret_does_not_verify(
    live_interview, operator, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.add("POST", HOOK_URL, status=204)
    publish(live_interview, operator, django_capture_on_commit_callbacks)
    [call] = calls_to(receiver)
    with pytest.raises(AssertionError):
        verified(call, secret="another-secret-of-some-length")


def test_corrections_and_withdrawals_are_pushed_and_a_withdrawal_carries_no_text(
    live_interview, operator, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.add("POST", HOOK_URL, status=200)
    entry = publish(live_interview, operator, django_capture_on_commit_callbacks, text="初稿内容")
    with django_capture_on_commit_callbacks(execute=True):
        services.correct_entry(entry, actor=operator, speaker=Speaker.HOST, text="更正后的内容")
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_entry(entry, actor=operator, reason="重复")
    bodies = [verified(call) for call in calls_to(receiver)]
    assert [(b["seq"], b["op"]) for b in bodies] == [(2, "add"), (3, "edit"), (4, "delete")]
    assert bodies[1]["entry"]["state"] == "corrected"
    assert bodies[1]["entry"]["text"] == "更正后的内容"
    assert bodies[1]["entry"]["corrected_at"]
    assert bodies[2]["entry"]["state"] == "withdrawn"
    assert bodies[2]["entry"]["text"] == ""
    assert bodies[2]["entry"]["withdrawn_at"]
    assert "更正后的" not in bodies[2]["html"]


def test_drafts_are_never_pushed(live_interview, operator, endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.add("POST", HOOK_URL, status=200)
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.save_entry(live_interview, actor=operator, speaker=Speaker.HOST, text="草稿：尚未发布")
    assert calls_to(receiver) == []
    assert not WebhookDelivery.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_draft(draft, actor=operator)
    [call] = calls_to(receiver)
    assert verified(call)["entry"]["text"] == "草稿：尚未发布"


def test_an_inactive_endpoint_gets_nothing(live_interview, operator, receiver, django_capture_on_commit_callbacks):
    receiver.add("POST", OTHER_URL, status=200)
    create_endpoint(actor=operator, name="停用的", url=OTHER_URL, secret=SECRET, is_active=False, event_filter="all")
    publish(live_interview, operator, django_capture_on_commit_callbacks)
    assert len(receiver.calls) == 0
    assert not WebhookDelivery.objects.exists()


def test_an_entries_only_endpoint_gets_no_status_or_highlight_events(
    live_interview, operator, receiver, django_capture_on_commit_callbacks
):
    receiver.add("POST", OTHER_URL, status=200)
    create_endpoint(
        actor=operator, name="只要条目", url=OTHER_URL, secret=SECRET, is_active=True, event_filter="entries"
    )
    entry = publish(live_interview, operator, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.set_highlight(entry, actor=operator, on=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.end_live(live_interview, actor=operator)
    assert [verified(call)["kind"] for call in receiver.calls] == ["published"]


def test_a_failing_receiver_is_retried_with_backoff_until_it_answers(
    live_interview, operator, endpoint, receiver, deferring, frozen, time_machine, django_capture_on_commit_callbacks
):
    receiver.add("POST", HOOK_URL, status=500)
    receiver.add("POST", HOOK_URL, status=200)
    publish(live_interview, operator, django_capture_on_commit_callbacks)
    [job] = deferring.results
    assert job.task.run_after is None
    assert hooks.attempt(**job.kwargs) == DeliveryStatus.PENDING
    delivery = WebhookDelivery.objects.get()
    assert (delivery.attempts, delivery.last_status_code) == (1, 500)
    assert "500" in delivery.last_error
    assert delivery.next_attempt_at == frozen + timedelta(seconds=10)
    retry = deferring.results[-1]
    assert retry.task.run_after == frozen + timedelta(seconds=10)
    assert hooks.attempt(**retry.kwargs) == "not due"  # a job run early changes nothing
    time_machine.move_to(frozen + timedelta(seconds=10), tick=False)
    assert hooks.attempt(**retry.kwargs) == DeliveryStatus.DELIVERED
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code, delivery.last_error) == (
        DeliveryStatus.DELIVERED,
        2,
        200,
        "",
    )
    assert len(calls_to(receiver)) == 2
    bodies = [verified(call) for call in calls_to(receiver)]
    assert bodies[0]["seq"] == bodies[1]["seq"] == 2
    headers = [call.request.headers["X-Portal-Delivery"] for call in calls_to(receiver)]
    assert headers[0] == headers[1]  # the same delivery id on every attempt: receivers can drop repeats


def test_the_backoff_schedule_and_the_24_hour_cap(
    live_interview, operator, endpoint, receiver, frozen, time_machine, django_capture_on_commit_callbacks
):
    receiver.add("POST", HOOK_URL, body=requests.ConnectionError("refused"))
    publish(live_interview, operator, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    waits = []
    while delivery.status == DeliveryStatus.PENDING:
        waits.append(delivery.next_attempt_at - timezone.now())
        time_machine.move_to(delivery.next_attempt_at, tick=False)
        assert hooks.send_due_deliveries() == 1  # the sweep: the immediate backend cannot defer jobs
        delivery.refresh_from_db()
    assert [w.total_seconds() for w in waits[:7]] == [10, 30, 120, 600, 1800, 3600, 3600]
    assert delivery.status == DeliveryStatus.FAILED
    assert "ConnectionError" in delivery.last_error
    assert delivery.last_status_code is None
    assert delivery.attempts == len(waits) + 1
    assert timezone.now() - frozen <= timedelta(hours=24)
    assert timezone.now() + timedelta(hours=1) - frozen > timedelta(hours=24)


def test_deliveries_to_an_endpoint_keep_the_order_of_the_events(
    live_interview, operator, endpoint, receiver, frozen, time_machine, django_capture_on_commit_callbacks
):
    receiver.add("POST", HOOK_URL, status=503)
    receiver.add("POST", HOOK_URL, status=200)
    publish(live_interview, operator, django_capture_on_commit_callbacks, text="第一条")
    publish(live_interview, operator, django_capture_on_commit_callbacks, text="第二条")
    first, second = WebhookDelivery.objects.order_by("event__seq")
    assert len(calls_to(receiver)) == 1  # the second waits for the first
    assert second.attempts == 0
    assert second.status == DeliveryStatus.PENDING
    assert second.next_attempt_at > first.next_attempt_at
    time_machine.move_to(first.next_attempt_at, tick=False)
    hooks.send_due_deliveries()
    assert [verified(call)["seq"] for call in calls_to(receiver)] == [2, 2, 3]
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {DeliveryStatus.DELIVERED}


def test_a_failed_delivery_does_not_hold_the_later_ones_for_ever(
    live_interview, operator, endpoint, receiver, frozen, time_machine, django_capture_on_commit_callbacks
):
    receiver.add("POST", HOOK_URL, status=500)
    publish(live_interview, operator, django_capture_on_commit_callbacks, text="第一条")
    publish(live_interview, operator, django_capture_on_commit_callbacks, text="第二条")
    first = WebhookDelivery.objects.order_by("event__seq").first()
    WebhookDelivery.objects.filter(pk=first.pk).update(retry_until=frozen + timedelta(seconds=5))
    time_machine.move_to(first.next_attempt_at, tick=False)
    hooks.send_due_deliveries()
    first.refresh_from_db()
    assert first.status == DeliveryStatus.FAILED
    second = WebhookDelivery.objects.exclude(pk=first.pk).get()
    assert second.attempts == 1  # started as soon as the first one gave up


def test_a_deactivated_endpoint_stops_and_its_pending_deliveries_fail(
    live_interview, operator, endpoint, receiver, frozen, time_machine, django_capture_on_commit_callbacks
):
    receiver.add("POST", HOOK_URL, status=500)
    publish(live_interview, operator, django_capture_on_commit_callbacks)
    endpoint.is_active = False
    endpoint.save()
    time_machine.move_to(frozen + timedelta(seconds=10), tick=False)
    hooks.send_due_deliveries()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_error == "接收端已停用"
    assert len(calls_to(receiver)) == 1


def test_the_secret_is_encrypted_at_rest(endpoint):
    assert endpoint.secret_encrypted.startswith("sm4gcm$")
    assert SECRET not in endpoint.secret_encrypted
    endpoint.refresh_from_db()
    assert endpoint.secret == SECRET


def test_a_broken_webhook_path_never_breaks_the_staff_action(
    live_interview, operator, endpoint, monkeypatch, django_capture_on_commit_callbacks
):
    def explode(event):
        raise RuntimeError("queue down")

    monkeypatch.setattr(hooks, "dispatch", explode)
    publish(live_interview, operator, django_capture_on_commit_callbacks)
    assert LiveEvent.objects.filter(interview=live_interview).count() == 2
