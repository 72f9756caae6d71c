"""Webhook endpoints (receivers of the live record) and one delivery row per (endpoint, event).

The secret is encrypted at rest (portal/core/crypto.py, the row's ``key`` in the AAD) and never shown again once
saved. A delivery is the unit of retry: pending until delivered, or failed once its retry window has passed.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.crypto import decrypt_field, encrypt_field
from portal.core.models import TimestampedModel

TABLE = "live_webhookendpoint"


class EventFilter(models.TextChoices):
    ALL = "all", _("全部事件（含开始、结束直播和精彩观点）")
    ENTRIES = "entries", _("仅直播条目的发布、更正和撤回")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待送达")
    DELIVERED = "delivered", _("已送达")
    FAILED = "failed", _("失败")


class WebhookEndpoint(TimestampedModel):
    name = models.CharField(_("名称"), max_length=100)
    url = models.URLField(_("接收地址"), max_length=500)
    # Encrypted (sm4gcm$…); only ``secret`` / ``set_secret`` see the plain value.
    secret_encrypted = models.TextField(editable=False)
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    is_active = models.BooleanField(_("启用"), default=True)
    event_filter = models.CharField(_("推送内容"), max_length=10, choices=EventFilter.choices, default=EventFilter.ALL)

    class Meta:
        verbose_name = _("推送接口")
        verbose_name_plural = _("推送接口")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def set_secret(self, secret: str) -> None:
        self.secret_encrypted = encrypt_field(secret, table=TABLE, field="secret", row=str(self.key))

    @property
    def secret(self) -> str:
        return decrypt_field(self.secret_encrypted, table=TABLE, field="secret", row=str(self.key))


class WebhookDelivery(models.Model):
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey("live.LiveEvent", on_delete=models.CASCADE, related_name="webhook_deliveries")
    status = models.CharField(
        _("状态"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), null=True, blank=True)
    # Set at the first attempt: retries stop (status failed) once the next one would fall after it.
    retry_until = models.DateTimeField(_("重试截止时间"), null=True, blank=True)
    last_status_code = models.PositiveIntegerField(_("最近响应码"), null=True, blank=True)
    last_error = models.CharField(_("最近错误"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("推送记录")
        verbose_name_plural = _("推送记录")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["endpoint", "event"], name="unique_webhook_delivery")]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.endpoint_id} ← {self.event_id} ({self.status})"
