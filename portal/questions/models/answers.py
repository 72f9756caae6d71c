"""Answers, messages to askers, representative questions and 督办 notices."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Unit
from portal.interviews.models import Interview
from portal.questions.enums import AnswerKind, AnswerState, MessageChannel, MessageKind
from portal.questions.models.questions import Question


class Answer(models.Model):
    """A responsible unit's written answer, or its public reason for not answering, until it is published.

    Drafted by the unit, submitted, then checked by 数字治理中心, who publishes it or sends it back.
    Publishing sets the question's answer_status; an answer given live needs no Answer row.
    """

    question = models.OneToOneField(Question, on_delete=models.CASCADE, related_name="answer")
    unit = models.ForeignKey(Unit, verbose_name=_("答复单位"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=10, choices=AnswerKind.choices, default=AnswerKind.WRITTEN)
    state = models.CharField(_("状态"), max_length=10, choices=AnswerState.choices, default=AnswerState.DRAFT)
    body = models.TextField(_("答复内容"))
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    checked_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    check_note = models.TextField(_("审核意见"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("书面答复")
        verbose_name_plural = _("书面答复")

    def __str__(self) -> str:
        return f"{self.question_id} · {self.get_state_display()}"


class AskerMessage(models.Model):
    """One message to an asker: what and how, never to where (the contact stays in AskerContact).

    The unique constraint is the claim that makes each message go out once, however often a task runs.
    """

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="messages")
    channel = models.CharField(_("渠道"), max_length=10, choices=MessageChannel.choices)
    kind = models.CharField(_("类型"), max_length=20, choices=MessageKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    error = models.CharField(_("发送失败原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("告知网友记录")
        verbose_name_plural = _("告知网友记录")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "kind", "channel"], name="unique_asker_message"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id} · {self.get_kind_display()} · {self.get_channel_display()}"


class RepresentativeQuestion(models.Model):
    """A question as it will be asked on air, standing for the netizen questions linked to it."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="representative_questions")
    text = models.TextField(_("代表性问题"))
    order = models.PositiveIntegerField(_("顺序"), default=0)
    questions = models.ManyToManyField(Question, verbose_name=_("对应网友提问"), related_name="representatives")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("代表性问题")
        verbose_name_plural = _("代表性问题")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class SupervisionNotice(models.Model):
    """督办: 区政府办 urges a unit to answer overdue questions; the unit acknowledges with a note."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="supervision_notices")
    unit = models.ForeignKey(Unit, verbose_name=_("督办单位"), on_delete=models.PROTECT, related_name="+")
    message = models.TextField(_("督办内容"))
    questions = models.ManyToManyField(Question, verbose_name=_("逾期问题"), related_name="supervision_notices")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("督办时间"), auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    acknowledgement = models.TextField(_("签收说明"), blank=True)

    class Meta:
        verbose_name = _("督办通知")
        verbose_name_plural = _("督办通知")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.sent_at:%Y-%m-%d}"

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None
