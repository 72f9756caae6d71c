"""Netizen questions, their groups, history and supporters; the asker's personal data in its own table."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Unit
from portal.interviews.enums import StepKind
from portal.interviews.models import Interview
from portal.questions.enums import AnswerStatus, ContactKind, EventKind, QuestionState, Via
from portal.questions.models.identity import VerifiedIdentity
from portal.questions.models.lists import Category, ForwardChannel, RejectionReason, TopicTag

RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I: read aloud and typed from paper
RECEIPT_LENGTH = 10


class QuestionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "QuestionQuerySet":
        """Staff scope: the questions of every interview the user may see (none of other units' interviews)."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_all_interviews:
            return self
        return self.filter(interview__in=Interview.objects.visible_to(user))

    def published(self) -> "QuestionQuerySet":
        """What the public may see. The asker's contact lives in AskerContact and is never joined here."""
        return self.filter(state=QuestionState.PUBLISHED)

    def of_interview(self, interview: Interview) -> "QuestionQuerySet":
        return self.filter(interview=interview)


class QuestionGroup(models.Model):
    """Similar questions of one interview (near-duplicates, the same issue asked differently).

    Every question belongs to one group, a singleton at first; intake joins a question to the group
    of the first similar earlier question, and moderators split and join groups.
    """

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="question_groups")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("问题分组")
        verbose_name_plural = _("问题分组")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.interview} · {self.pk}"


class Question(models.Model):
    interview = models.ForeignKey(Interview, verbose_name=_("访谈"), on_delete=models.PROTECT, related_name="questions")
    receipt_code = models.CharField(_("查询码"), max_length=12, unique=True)
    via = models.CharField(_("来源"), max_length=10, choices=Via.choices, default=Via.PREVIEW)
    nickname = models.CharField(_("昵称"), max_length=20)
    show_real_name = models.BooleanField(_("同意公开真实姓名"), default=False)
    # What the asker typed, kept for moderation; public_text is the same with personal data masked.
    text = models.TextField(_("提问原文"))
    public_text = models.TextField(_("发布文本"))
    findings = models.JSONField(_("个人信息"), default=list, blank=True)
    sensitive_words = models.JSONField(_("敏感词"), default=list, blank=True)
    spam_signals = models.JSONField(_("垃圾信息特征"), default=list, blank=True)
    has_personal_data = models.BooleanField(_("含个人信息"), default=False)
    has_sensitive_words = models.BooleanField(_("含敏感词"), default=False)
    looks_like_spam = models.BooleanField(_("疑似垃圾信息"), default=False)
    search_index = models.TextField(blank=True, editable=False)

    state = models.CharField(_("状态"), max_length=20, choices=QuestionState.choices, default=QuestionState.PENDING)
    moderated_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rejection_reason = models.ForeignKey(
        RejectionReason, verbose_name=_("不予采纳理由"), null=True, blank=True, on_delete=models.PROTECT
    )
    forward_channel = models.ForeignKey(
        ForwardChannel, verbose_name=_("转办渠道"), null=True, blank=True, on_delete=models.PROTECT
    )
    public_note = models.TextField(_("给网友的说明"), blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name=_("合并至"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )

    group = models.ForeignKey(
        QuestionGroup,
        verbose_name=_("分组"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("分类"), null=True, blank=True, on_delete=models.PROTECT, related_name="questions"
    )
    suggested_category = models.ForeignKey(
        Category, verbose_name=_("建议分类"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    suggestion_confidence = models.FloatField(_("建议置信度"), null=True, blank=True)
    category_confirmed_at = models.DateTimeField(_("分类确认时间"), null=True, blank=True)
    tags = models.ManyToManyField(TopicTag, verbose_name=_("话题标签"), blank=True, related_name="questions")

    responsible_unit = models.ForeignKey(
        Unit, verbose_name=_("答复单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer_status = models.CharField(
        _("答复情况"), max_length=20, choices=AnswerStatus.choices, default=AnswerStatus.UNANSWERED
    )
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    live_entry_ref = models.CharField(_("直播条目"), max_length=100, blank=True)
    support_count = models.PositiveIntegerField(_("关注人数"), default=0)

    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("网友提问")
        verbose_name_plural = _("网友提问")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["interview", "state"]),
            models.Index(fields=["interview", "answer_status"]),
        ]

    def __str__(self) -> str:
        return f"{self.receipt_code} · {self.public_text[:30]}"

    @property
    def formatted_receipt_code(self) -> str:
        code = self.receipt_code
        return f"{code[:5]}-{code[5:]}"

    @property
    def answer_root(self) -> "Question":
        """The question whose answer this one shares (itself unless merged)."""
        return self.merged_into if self.merged_into_id else self

    def answers_due(self) -> dt.date | None:
        """The 书面答复 deadline: the interview's 7a step (R + 5 working days)."""
        step = self.interview.steps_by_kind.get(StepKind.ANSWERS)
        return step.due_date if step else None


class AskerContact(models.Model):
    """The asker's personal data, apart from the question so that public queries never touch it.

    The contact and the real name are encrypted (portal/core/crypto.py) with the question's receipt
    code in the AAD; ``contact_hint`` is the masked form staff screens show. All of it is deleted by
    ``purge_question_contacts`` after the retention period.
    """

    question = models.OneToOneField(Question, on_delete=models.CASCADE, related_name="asker", primary_key=True)
    contact_kind = models.CharField(_("联系方式类型"), max_length=10, choices=ContactKind.choices, blank=True)
    contact_ciphertext = models.TextField(blank=True)
    contact_hint = models.CharField(_("联系方式"), max_length=80, blank=True)
    real_name_ciphertext = models.TextField(blank=True)
    consent_version = models.CharField(_("隐私声明版本"), max_length=30)
    consented_at = models.DateTimeField(_("同意时间"))
    identity = models.ForeignKey(VerifiedIdentity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    purged_at = models.DateTimeField(_("删除时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("提问人信息")
        verbose_name_plural = _("提问人信息")

    def __str__(self) -> str:
        return f"{self.question_id} · {self.contact_hint or '—'}"

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_ciphertext)


class QuestionEvent(models.Model):
    """One change of a question: its history, shown to staff beside the audit log."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事件"), max_length=30, choices=EventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    note = models.TextField(_("说明"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.question_id} · {self.get_kind_display()}"


class Support(models.Model):
    """“我也关注”: one per person and question. The supporter key is a keyed hash of a hash of the client."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="supports")
    supporter_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "supporter_hash"], name="unique_support")]

    def __str__(self) -> str:
        return f"{self.question_id} · {self.created_at:%Y-%m-%d}"
