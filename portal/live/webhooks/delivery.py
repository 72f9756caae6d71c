"""Delivering live events to webhook endpoints: one delivery row per (endpoint, event), one job per attempt.

- ``dispatch(event)`` (from ``publishing.publish_event``, after commit) makes the deliveries of the active
  endpoints that want the event and enqueues their jobs.
- ``attempt(delivery_id)`` (the job) claims the delivery under its row lock, POSTs the signed JSON outside any
  transaction (timeout 5 s) and records the answer: a 2xx is delivered; anything else is retried after
  10 s, 30 s, 2 min, 10 min, 30 min, then hourly, until 24 h after the first attempt, then failed.
  Retries are the same job enqueued again with ``run_after``. A backend without ``run_after`` (the immediate
  backend of the tests) leaves them to ``send_due_deliveries`` (``manage.py send_webhooks``), which is also
  the safety net after a worker was killed mid-attempt (the claim's lease then runs out).
- Order: per endpoint and interview, event N+1 is not sent while the delivery of an earlier event is still
  pending. The later delivery waits (no attempt counted) and is started as soon as the earlier one is
  delivered or finally fails: a failed event does not hold the feed back for ever; the receiver sees the gap in
  ``seq`` and can fill it from the API (or an operator resends it from the delivery log).
"""

import json
import logging
import time
from datetime import timedelta

import requests
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.live.enums import EventKind
from portal.live.models import LiveEvent
from portal.live.plain import absolute, event_data, public_entries_by_id
from portal.live.rendering import entry_html
from portal.live.webhooks.models import DeliveryStatus, EventFilter, WebhookDelivery, WebhookEndpoint
from portal.live.webhooks.signing import sign
from portal.live.webhooks.tasks import deliver_webhook_task

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 5
BACKOFF_SECONDS = (10, 30, 120, 600, 1800)  # after the 1st … 5th failed attempt; hourly afterwards
LATER_BACKOFF_SECONDS = 3600
RETRY_WINDOW = timedelta(hours=24)
LEASE = timedelta(seconds=60)  # a claimed attempt not recorded by then may be taken again
WAIT_SLACK = timedelta(seconds=5)  # a waiting delivery looks again this long after its predecessor's next try
ERROR_MAX = 500
ENTRY_KINDS = frozenset({EventKind.PUBLISHED, EventKind.CORRECTED, EventKind.WITHDRAWN})
USER_AGENT = "PukouPortal-Webhooks/1"


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed attempt."""
    if 1 <= attempts <= len(BACKOFF_SECONDS):
        return timedelta(seconds=BACKOFF_SECONDS[attempts - 1])
    return timedelta(seconds=LATER_BACKOFF_SECONDS)


def wants(endpoint: WebhookEndpoint, event: LiveEvent) -> bool:
    return endpoint.event_filter == EventFilter.ALL or event.kind in ENTRY_KINDS


# --- Enqueueing ----------------------------------------------------------------------------------------


def schedule(delivery: WebhookDelivery) -> None:
    """Enqueue the delivery's job for its ``next_attempt_at`` (now if unset or past)."""
    now = timezone.now()
    try:
        if delivery.next_attempt_at and delivery.next_attempt_at > now:
            if not deliver_webhook_task.get_backend().supports_defer:
                return  # send_due_deliveries() takes it when it is due
            deliver_webhook_task.using(run_after=delivery.next_attempt_at).enqueue(delivery_id=delivery.pk)
        else:
            deliver_webhook_task.enqueue(delivery_id=delivery.pk)
    except Exception:
        logger.warning("webhook delivery %s not enqueued; send_webhooks will take it", delivery.pk, exc_info=True)


def dispatch(event: LiveEvent) -> list[WebhookDelivery]:
    """Make and enqueue the deliveries of a committed event to every active endpoint that wants it."""
    endpoints = [endpoint for endpoint in WebhookEndpoint.objects.filter(is_active=True) if wants(endpoint, event)]
    now = timezone.now()
    deliveries = []
    for endpoint in endpoints:
        delivery, created = WebhookDelivery.objects.get_or_create(
            endpoint=endpoint, event=event, defaults={"next_attempt_at": now}
        )
        if created:
            deliveries.append(delivery)
    for delivery in deliveries:
        schedule(delivery)
    return deliveries


def send_due_deliveries(now=None) -> int:
    """Enqueue every pending delivery that is due (oldest events first); returns how many."""
    now = now or timezone.now()
    due = list(
        WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now).order_by(
            "event__interview_id", "event__seq", "pk"
        )
    )
    for delivery in due:
        schedule(delivery)
    return len(due)


# --- One attempt ---------------------------------------------------------------------------------------


def _pending_in_line(delivery: WebhookDelivery):
    return WebhookDelivery.objects.filter(
        endpoint_id=delivery.endpoint_id,
        event__interview_id=delivery.event.interview_id,
        status=DeliveryStatus.PENDING,
    ).exclude(pk=delivery.pk)


def blocker_of(delivery: WebhookDelivery) -> WebhookDelivery | None:
    """The earliest still pending delivery of an earlier event of the same interview to the same endpoint."""
    return _pending_in_line(delivery).filter(event__seq__lt=delivery.event.seq).order_by("event__seq").first()


def next_in_line(delivery: WebhookDelivery) -> WebhookDelivery | None:
    return _pending_in_line(delivery).filter(event__seq__gt=delivery.event.seq).order_by("event__seq").first()


def _locked(delivery_id: int) -> WebhookDelivery | None:
    queryset = WebhookDelivery.objects.select_for_update(of=("self",)).select_related("event", "endpoint")
    return queryset.filter(pk=delivery_id).first()


def body_of(delivery: WebhookDelivery) -> bytes:
    """The JSON a receiver gets: the event with its entry as plain data and as the page's HTML fragment."""
    event = delivery.event
    interview = event.interview
    entries = public_entries_by_id([event.entry_id])
    data = event_data(event, entries)
    entry = entries.get(event.entry_id)
    data.update(
        {
            "event": f"live.{event.kind}",
            "interview_title": interview.title,
            "interview_url": absolute(reverse("website:interview-detail", args=[interview.pk])),
            "html": entry_html(entry) if entry is not None else None,
        }
    )
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """POST the delivery once: (status code or None, error in words or "")."""
    endpoint = delivery.endpoint
    try:
        secret = endpoint.secret
    except Exception:
        return None, _("密钥无法解密，请重新设置密钥。")
    body = body_of(delivery)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Portal-Event": f"live.{delivery.event.kind}",
        "X-Portal-Delivery": str(delivery.pk),
        "X-Portal-Timestamp": timestamp,
        "X-Portal-Signature": sign(secret, timestamp, body),
    }
    try:
        response = requests.post(
            endpoint.url, data=body, headers=headers, timeout=TIMEOUT_SECONDS, allow_redirects=False
        )
    except requests.Timeout:
        return None, _("超时（%(s)s秒内无响应）") % {"s": TIMEOUT_SECONDS}
    except requests.RequestException as exc:
        return None, _("连接失败：%(error)s") % {"error": type(exc).__name__}
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, _("接收端返回 HTTP %(code)s") % {"code": response.status_code}


def attempt(delivery_id: int) -> str:
    """The job: try one delivery if it is due and first in line; returns what happened (for the job's result)."""
    now = timezone.now()
    with transaction.atomic():
        delivery = _locked(delivery_id)
        if delivery is None or delivery.status != DeliveryStatus.PENDING:
            return "done"
        if delivery.next_attempt_at and delivery.next_attempt_at > now:
            return "not due"
        if not delivery.endpoint.is_active:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
            delivery.last_error = _("接收端已停用")
            delivery.save(update_fields=["status", "next_attempt_at", "last_error"])
            return "inactive"
        blocker = blocker_of(delivery)
        if blocker is not None:
            delivery.next_attempt_at = max(blocker.next_attempt_at or now, now) + WAIT_SLACK
            delivery.save(update_fields=["next_attempt_at"])
        else:
            delivery.attempts += 1
            delivery.retry_until = delivery.retry_until or now + RETRY_WINDOW
            delivery.next_attempt_at = now + LEASE
            delivery.save(update_fields=["attempts", "retry_until", "next_attempt_at"])
    if blocker is not None:
        schedule(delivery)
        return "waiting"
    status_code, error = _post(delivery)
    return record(delivery_id, status_code, error)


def record(delivery_id: int, status_code: int | None, error: str) -> str:
    """Store the answer of an attempt; schedule the retry, or start the next delivery in line."""
    now = timezone.now()
    kick = None
    with transaction.atomic():
        delivery = _locked(delivery_id)
        if delivery is None or delivery.status != DeliveryStatus.PENDING:
            return "done"
        delivery.last_status_code = status_code
        delivery.last_error = error[:ERROR_MAX]
        if not error:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
        elif now + backoff(delivery.attempts) > delivery.retry_until:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
        else:
            delivery.next_attempt_at = now + backoff(delivery.attempts)
        delivery.save()
        if delivery.status != DeliveryStatus.PENDING:
            kick = next_in_line(delivery)
            if kick is not None:
                kick.next_attempt_at = now
                kick.save(update_fields=["next_attempt_at"])
    if delivery.status == DeliveryStatus.PENDING:
        schedule(delivery)
    if kick is not None:
        schedule(kick)
    return delivery.status
