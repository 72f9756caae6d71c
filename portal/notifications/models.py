from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A message in a member of staff's in-app inbox (站内消息)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("收件人"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("站内消息")
        verbose_name_plural = _("站内消息")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title


class ReminderKind(models.TextChoices):
    DEADLINE_BEFORE = "deadline_before", _("截止前提醒")
    DEADLINE_OVERDUE = "deadline_overdue", _("逾期提醒")
    WAITING = "waiting", _("待办提醒")


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    CLAIMED = "claimed", _("发送中")
    SENT = "sent", _("已发送")
    CANCELLED = "cancelled", _("已取消")
    FAILED = "failed", _("发送失败")


class Reminder(models.Model):
    """One reminder to one unit, written ahead of time and sent once by a worker (product.md §10).

    Deadline reminders are (re)written from the steps' deadlines by ``reminders.sync_deadline_reminders``;
    waiting reminders by ``reminders.schedule_wait``. ``run_reminders`` claims due pending rows, sends
    them to the unit's members (inbox and e-mail) and marks them sent; sent rows are never changed.
    """

    interview = models.ForeignKey(
        "interviews.Interview",
        verbose_name=_("访谈"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    step = models.ForeignKey(
        "interviews.InterviewStep",
        verbose_name=_("步骤"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("提醒单位"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=ReminderKind.choices)
    # "step:<step id>" for deadline reminders, the caller's wait key for waiting reminders.
    key = models.CharField(_("键"), max_length=200)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    due_at = models.DateTimeField(_("发送时间"))
    status = models.CharField(_("状态"), max_length=20, choices=ReminderStatus.choices, default=ReminderStatus.PENDING)
    # False once the wait was cancelled while a worker was sending this row: no next day's reminder.
    continues = models.BooleanField(_("继续提醒"), default=True)
    claimed_by = models.CharField(_("发送进程"), max_length=100, blank=True)
    claimed_at = models.DateTimeField(_("领取时间"), null=True, blank=True)
    sent_at = models.DateTimeField(_("发送完成时间"), null=True, blank=True)
    delivered = models.PositiveIntegerField(_("收件人数"), default=0)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("提醒")
        verbose_name_plural = _("提醒")
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["status", "due_at"]), models.Index(fields=["key", "status"])]
        constraints = [
            # The same reminder is never written twice; a cancelled one may be written again.
            models.UniqueConstraint(
                fields=["key", "unit", "due_at"],
                condition=~models.Q(status="cancelled"),
                name="unique_live_reminder",
            )
        ]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.due_at):%Y-%m-%d %H:%M} · {self.unit} · {self.title}"
