"""Staff actions on webhook endpoints (数字治理中心 operators, ``live.manage_webhooks``): add, change, resend.

Every write is in the audit log; the secret never is (nor in any message): only whether it was changed.
"""

import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.services import log_action
from portal.live.exceptions import LiveRefused
from portal.live.webhooks.delivery import schedule
from portal.live.webhooks.models import DeliveryStatus, EventFilter, WebhookDelivery, WebhookEndpoint

SECRET_MIN_LENGTH = 16
FIELDS = ("name", "url", "is_active", "event_filter")


def require(actor) -> None:
    if not actor.has_perm("live.manage_webhooks"):
        raise PermissionDenied


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def _check_secret(secret: str) -> None:
    if len(secret) < SECRET_MIN_LENGTH:
        raise LiveRefused(_("密钥至少需要%(n)s个字符。") % {"n": SECRET_MIN_LENGTH}, field="secret")


def _check_url(url: str) -> None:
    if not url.lower().startswith(("https://", "http://")):
        raise LiveRefused(_("接收地址须以 https:// 或 http:// 开头。"), field="url")


def _in_words(name: str, value):
    """What the audit log shows for a field's value."""
    if name == "is_active":
        return _("启用") if value else _("停用")
    if name == "event_filter":
        return str(EventFilter(value).label)
    return value


@transaction.atomic
def create_endpoint(*, actor, name: str, url: str, secret: str, is_active: bool, event_filter: str):
    """A new endpoint; an empty ``secret`` gets a random one. Returns (endpoint, the secret to show once)."""
    require(actor)
    _check_url(url)
    secret = secret or new_secret()
    _check_secret(secret)
    endpoint = WebhookEndpoint(name=name, url=url, is_active=is_active, event_filter=event_filter)
    endpoint.set_secret(secret)
    endpoint.save()
    log_action(
        endpoint,
        "live.webhook.created",
        actor=actor,
        data={
            "url": url,
            "is_active": _in_words("is_active", is_active),
            "event_filter": _in_words("event_filter", event_filter),
        },
    )
    return endpoint, secret


@transaction.atomic
def update_endpoint(endpoint: WebhookEndpoint, *, actor, secret: str = "", **fields) -> WebhookEndpoint:
    """Change the endpoint; a non-empty ``secret`` replaces the old one (which is never shown)."""
    require(actor)
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if "url" in fields:
        _check_url(fields["url"])
    changes = {}
    for name in FIELDS:
        if name in fields and fields[name] != getattr(endpoint, name):
            changes[name] = {"from": _in_words(name, getattr(endpoint, name)), "to": _in_words(name, fields[name])}
            setattr(endpoint, name, fields[name])
    if secret:
        _check_secret(secret)
        endpoint.set_secret(secret)
    endpoint.save()
    data = dict(changes)
    if secret:
        data["secret_changed"] = True
    log_action(endpoint, "live.webhook.updated", actor=actor, data=data)
    return endpoint


def resend_delivery(delivery: WebhookDelivery, *, actor) -> WebhookDelivery:
    """Send a failed delivery again, with a fresh 24-hour retry window."""
    require(actor)
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().select_related("endpoint", "event").get(pk=delivery.pk)
        if delivery.status != DeliveryStatus.FAILED:
            raise LiveRefused(_("只有发送失败的推送可以重新发送。"))
        if not delivery.endpoint.is_active:
            raise LiveRefused(_("该接口已停用，请先启用再重新发送。"))
        delivery.status = DeliveryStatus.PENDING
        delivery.attempts = 0
        delivery.retry_until = None
        delivery.next_attempt_at = timezone.now()
        delivery.save(update_fields=["status", "attempts", "retry_until", "next_attempt_at"])
        log_action(
            delivery.endpoint,
            "live.webhook.resent",
            actor=actor,
            data={"seq": delivery.event.seq, "interview": delivery.event.interview_id},
        )
        transaction.on_commit(lambda: schedule(delivery))
    return delivery
