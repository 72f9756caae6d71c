from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> "AuditEntryQuerySet":
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )


class AuditEntry(models.Model):
    """One staff write: who did what to which object, when and from where. Append-only."""

    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True, on_delete=models.PROTECT
    )
    actor_name = models.CharField(_("操作人姓名"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True, unpack_ipv4=True)
    data = models.JSONField(_("详情"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            # The audit search's usual filters, newest first within each.
            models.Index(fields=["action", "-created_at"], name="audit_action_time_idx"),
            models.Index(fields=["actor", "-created_at"], name="audit_actor_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    @property
    def summary(self) -> str:
        """The entry's details in one line (reasons, 原为 → 改为), for the 操作日志 tables."""
        from portal.audit.actions import KEY_LABELS, value_labels  # noqa: PLC0415 -- labels live beside the log

        words = value_labels()

        def show(value) -> str:
            return words.get(value, str(value)) if isinstance(value, str) else str(value)

        # PostgreSQL's jsonb does not keep key order, so the labels' order decides.
        order = {key: index for index, key in enumerate(KEY_LABELS)}
        parts = []
        for key, value in sorted((self.data or {}).items(), key=lambda item: (order.get(item[0], len(order)), item[0])):
            label = KEY_LABELS.get(key, key)
            if isinstance(value, dict) and set(value) == {"from", "to"}:
                parts.append(f"{label}：{show(value['from'])} → {show(value['to'])}")
            elif value not in (None, "", [], {}):
                parts.append(f"{label}：{show(value)}")
        return "；".join(parts)[:300]

    @property
    def action_label(self) -> str:
        from portal.audit.actions import ACTION_LABELS  # noqa: PLC0415 -- labels live beside the log

        return str(ACTION_LABELS.get(self.action, self.action))
