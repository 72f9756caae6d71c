"""The script (访谈稿) of an interview: a working copy, its immutable revisions and their two reviews.

The working copy (Script and its ScriptItem rows) is what the responsible units edit. Submitting it
freezes a ScriptRevision (a ScriptDocument as JSON); both centers review that revision in parallel
(one ScriptReview each). A revision is approved only when both approved it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Unit
from portal.core.models import TimestampedModel
from portal.interviews.models import Guest, Interview
from portal.questions.models import Question, RepresentativeQuestion
from portal.scripts.enums import ReviewCenter, ReviewDecision, RevisionStatus
from portal.scripts.snapshot import document_from_json


def new_item_key() -> str:
    return uuid.uuid4().hex[:12]


class Script(TimestampedModel):
    """The working copy: opening and closing paragraphs ([{"speaker", "text"}]) and ordered items."""

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="script")
    opening = models.JSONField(_("开场"), default=list, blank=True)
    closing = models.JSONField(_("结束语"), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    final_approved_at = models.DateTimeField(_("定稿通过时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("访谈稿")
        verbose_name_plural = _("访谈稿")

    def __str__(self) -> str:
        return f"{self.interview}（访谈稿）"

    @property
    def final_approved(self) -> bool:
        """Once the final revision is approved by both centers the script is closed to edits."""
        return self.final_approved_at is not None


class ScriptItem(models.Model):
    """One question-and-answer item of the working copy."""

    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=32, default=new_item_key, editable=False)
    order = models.PositiveIntegerField(_("顺序"), default=0)
    question = models.TextField(_("主持人提问"))
    answer = models.TextField(_("嘉宾回答"), blank=True)
    guest = models.ForeignKey(
        Guest, verbose_name=_("回答嘉宾"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    guest_name = models.CharField(_("回答人"), max_length=50, blank=True)  # imported name matching no guest
    representative = models.ForeignKey(
        RepresentativeQuestion,
        verbose_name=_("代表性问题"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="script_items",
    )
    questions = models.ManyToManyField(
        Question, verbose_name=_("对应网友提问"), blank=True, related_name="script_items"
    )

    class Meta:
        verbose_name = _("访谈稿问答")
        verbose_name_plural = _("访谈稿问答")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["script", "key"], name="unique_script_item_key")]

    def __str__(self) -> str:
        return self.question[:50]

    @property
    def speaker_name(self) -> str:
        return self.guest.name if self.guest_id else self.guest_name


class ScriptRevision(models.Model):
    """An immutable snapshot of a submitted working copy. Only its outcome fields change afterwards."""

    OUTCOME_FIELDS = frozenset({"status", "approved_at"})

    script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("版本"))
    document = models.JSONField(_("内容"))
    word_count = models.PositiveIntegerField(_("字数"))
    is_final = models.BooleanField(_("定稿"), default=False)
    note = models.TextField(_("修改说明"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=RevisionStatus.choices, default=RevisionStatus.PENDING)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    final_due_date = models.DateField(_("定稿截止日期"), null=True, blank=True)
    is_late = models.BooleanField(_("逾期提交"), default=False)
    approved_at = models.DateTimeField(_("通过时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("访谈稿版本")
        verbose_name_plural = _("访谈稿版本")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["script", "number"], name="unique_script_revision_number")]

    def __str__(self) -> str:
        return f"第{self.number}版{'（定稿）' if self.is_final else ''}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or not set(update_fields) <= self.OUTCOME_FIELDS):
            raise ValueError("A script revision is immutable; only its outcome may change.")
        super().save(*args, **kwargs)

    def as_document(self):
        return document_from_json(self.document)

    @property
    def is_approved(self) -> bool:
        return self.status == RevisionStatus.APPROVED


class ScriptReview(models.Model):
    """One center's review of one revision."""

    revision = models.ForeignKey(ScriptRevision, on_delete=models.CASCADE, related_name="reviews")
    center = models.CharField(_("审核中心"), max_length=20, choices=ReviewCenter.choices)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(
        _("审核结果"), max_length=20, choices=ReviewDecision.choices, default=ReviewDecision.PENDING
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    due_at = models.DateTimeField(_("审核期限"))
    is_late = models.BooleanField(_("逾期审核"), default=False)

    class Meta:
        verbose_name = _("访谈稿审核")
        verbose_name_plural = _("访谈稿审核")
        ordering = ["revision", "center"]
        constraints = [models.UniqueConstraint(fields=["revision", "center"], name="unique_script_review_center")]

    def __str__(self) -> str:
        return f"{self.revision} · {self.get_center_display()} · {self.get_decision_display()}"

    @property
    def interview(self) -> Interview:
        return self.revision.script.interview

    @property
    def is_pending(self) -> bool:
        return self.decision == ReviewDecision.PENDING

    def is_overdue(self, now=None) -> bool:
        """Decided late, or still waiting past its due time (逾期 for the center)."""
        if self.is_late:
            return True
        return self.is_pending and (now or timezone.now()) > self.due_at


class ReviewComment(models.Model):
    """A reviewer's comment on the whole revision (no item key) or on one of its items."""

    review = models.ForeignKey(ScriptReview, on_delete=models.CASCADE, related_name="comments")
    item_key = models.CharField(max_length=32, blank=True)
    item_number = models.PositiveIntegerField(_("问答序号"), null=True, blank=True)
    text = models.TextField(_("意见"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("审核意见")
        verbose_name_plural = _("审核意见")
        ordering = [models.F("item_number").asc(nulls_first=True), "id"]  # the comment on the whole first

    def __str__(self) -> str:
        return self.text[:50]
