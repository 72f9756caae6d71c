"""The summary (总结) with its sorted opinions (意见建议梳理), and the rectification items (整改事项)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Unit
from portal.followups.enums import OPEN_STATUSES, RectificationStatus, SummaryState
from portal.interviews.models import Interview
from portal.questions.enums import MessageChannel
from portal.questions.models import Question


class Summary(models.Model):
    """The lead unit's summary of one interview: written, submitted (step 7 done), published by 数字治理中心."""

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="summary")
    body = models.TextField(_("总结正文"), blank=True)  # sanitised rich text, like the introduction
    state = models.CharField(_("状态"), max_length=10, choices=SummaryState.choices, default=SummaryState.DRAFT)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_note = models.TextField(_("退回意见"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("访谈总结")
        verbose_name_plural = _("访谈总结")

    def __str__(self) -> str:
        return f"{self.interview} · {self.get_state_display()}"

    @property
    def is_published(self) -> bool:
        return self.state == SummaryState.PUBLISHED


class OpinionPoint(models.Model):
    """One point of the sorted opinions and suggestions, citing the netizen questions behind it."""

    summary = models.ForeignKey(Summary, on_delete=models.CASCADE, related_name="points")
    text = models.TextField(_("意见建议"))
    order = models.PositiveIntegerField(_("顺序"), default=0)
    questions = models.ManyToManyField(Question, verbose_name=_("依据的网友提问"), related_name="opinion_points")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("意见建议")
        verbose_name_plural = _("意见建议")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class RectificationItem(models.Model):
    """整改事项: what will be done, for which questions, by which unit and when; followed to the end."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="rectification_items")
    what = models.TextField(_("整改内容"))
    questions = models.ManyToManyField(Question, verbose_name=_("回应的网友提问"), related_name="rectification_items")
    owner_unit = models.ForeignKey(Unit, verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField(_("完成时限"))
    status = models.CharField(
        _("状态"), max_length=20, choices=RectificationStatus.choices, default=RectificationStatus.PLANNED
    )
    status_changed_at = models.DateTimeField(_("状态变更时间"), null=True, blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("整改事项")
        verbose_name_plural = _("整改事项")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.what[:40]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today) -> bool:
        """Derived, never stored: still open after its due date."""
        return self.is_open and today > self.due_date

    def get_backoffice_url(self) -> str:
        return reverse("backoffice:rectification", args=[self.interview_id]) + f"#item-{self.pk}"


class ProgressNote(models.Model):
    """A dated progress note (进展情况) on a rectification item, written by its owner unit."""

    item = models.ForeignKey(RectificationItem, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField(_("日期"))
    text = models.TextField(_("进展情况"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("整改进展")
        verbose_name_plural = _("整改进展")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.item_id} · {self.date:%Y-%m-%d}"


class RectificationMessage(models.Model):
    """One message to an asker about one status of one item: what and how, never to where.

    Like questions.AskerMessage (whose unique key allows one message per question and kind), the
    unique constraint is the claim that makes each message go out once; here one per item, question,
    status reached and channel, so every status change of every item reaches the askers behind it.
    """

    item = models.ForeignKey(RectificationItem, on_delete=models.CASCADE, related_name="messages")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("状态"), max_length=20, choices=RectificationStatus.choices)
    channel = models.CharField(_("渠道"), max_length=10, choices=MessageChannel.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    error = models.CharField(_("发送失败原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("整改告知记录")
        verbose_name_plural = _("整改告知记录")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "question", "status", "channel"], name="unique_rectification_message"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} · {self.question_id} · {self.get_status_display()}"
