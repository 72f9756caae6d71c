import datetime as dt
from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.enums import UnitKind
from portal.accounts.models import Unit, singleton_unit_ids
from portal.core.models import TimestampedModel
from portal.interviews.enums import (
    ACTIVE_STATES,
    HELD_STATES,
    InterviewState,
    Owner,
    PublicPhase,
    StepDisplay,
    StepKind,
    StepStatus,
)
from portal.interviews.steps import STEP_BY_KIND, STEP_ORDER
from portal.planning.models import PlanStatus


class InterviewQuerySet(models.QuerySet):
    def visible_to(self, user) -> "InterviewQuerySet":
        """What a member of staff may see: everything for 区政府办 and the centers, else their units' own."""
        if not user.is_authenticated:
            return self.none()
        if user.sees_all_interviews:
            return self
        co_led = Interview.co_units.through.objects.filter(unit_id__in=user.unit_ids).values("interview_id")
        return self.filter(Q(lead_unit_id__in=user.unit_ids) | Q(pk__in=co_led))

    def public(self) -> "InterviewQuerySet":
        """Interviews the public may see: held, live, or with a published preview, of an approved plan."""
        preview_published = InterviewStep.objects.filter(
            interview=OuterRef("pk"), kind=StepKind.PREVIEW, status=StepStatus.DONE
        )
        return self.filter(
            Q(plan_row__isnull=True) | Q(plan_row__plan__status=PlanStatus.APPROVED),
        ).filter(
            Q(state__in=[InterviewState.LIVE, *HELD_STATES]) | Q(Exists(preview_published)),
        )


class Interview(TimestampedModel):
    plan_row = models.OneToOneField(
        "planning.PlanRow",
        verbose_name=_("计划条目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interview",
    )
    year = models.PositiveIntegerField(_("年度"), db_index=True)
    title = models.CharField(_("访谈主题"), max_length=200)
    outline = models.TextField(_("访谈提纲"), blank=True)
    lead_unit = models.ForeignKey(
        Unit,
        verbose_name=_("第一责任单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_interviews",
    )
    co_units = models.ManyToManyField(Unit, verbose_name=_("配合单位"), blank=True, related_name="co_interviews")
    state = models.CharField(_("状态"), max_length=20, choices=InterviewState.choices, default=InterviewState.PLANNED)
    state_changed_at = models.DateTimeField(_("状态变更时间"), null=True, blank=True)
    recording_at = models.DateTimeField(_("录制时间"), null=True, blank=True)
    recording_confirmed_at = models.DateTimeField(_("录制时间确认于"), null=True, blank=True)
    # Set with a confirmed proposal; None means settings.PORTAL_RECORDING_MINUTES.
    recording_minutes = models.PositiveSmallIntegerField(_("录制时长（分钟）"), null=True, blank=True)
    place = models.CharField(_("录制地点"), max_length=100, default="区融媒体中心演播室")
    host_name = models.CharField(_("主持人"), max_length=50, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    objects = InterviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("访谈")
        verbose_name_plural = _("访谈")
        # Interviews outside a plan (the 2024 archive) last on every database.
        ordering = ["year", models.F("plan_row__seq").asc(nulls_last=True), "id"]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("website:interview-detail", args=[self.pk])

    def get_backoffice_url(self) -> str:
        return reverse("backoffice:interview-detail", args=[self.pk])

    @cached_property
    def co_unit_ids(self) -> frozenset[int]:
        return frozenset(unit.pk for unit in self.co_units.all())

    @property
    def recording_confirmed(self) -> bool:
        return self.recording_confirmed_at is not None

    @property
    def recording_duration(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.recording_minutes or settings.PORTAL_RECORDING_MINUTES)

    @property
    def recording_ends_at(self) -> dt.datetime | None:
        return self.recording_at + self.recording_duration if self.recording_at else None

    @property
    def month(self) -> int | None:
        if self.recording_at:
            return timezone.localtime(self.recording_at).month
        return self.plan_row.month if self.plan_row_id else None

    @property
    def deadlines_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @cached_property
    def steps_by_kind(self) -> dict[str, "InterviewStep"]:
        return {step.kind: step for step in self.steps.all()}

    def question_window(self) -> tuple[dt.datetime, dt.datetime] | None:
        """When the netizen question channel opens and closes: from the preview's publication, for N days."""
        preview = self.steps_by_kind.get(StepKind.PREVIEW)
        if preview is None or preview.status != StepStatus.DONE:
            return None
        return self.window_from(preview.completed_at)

    @staticmethod
    def window_from(opens: dt.datetime | None) -> tuple[dt.datetime, dt.datetime] | None:
        """The question window that opens when the preview is published at ``opens`` (None: not published)."""
        if opens is None:
            return None
        return opens, opens + dt.timedelta(days=settings.PORTAL_QUESTION_WINDOW_DAYS)

    def question_window_open(self, now: dt.datetime | None = None) -> bool:
        window = self.question_window()
        if window is None or self.state != InterviewState.PLANNED:
            return False
        now = now or timezone.now()
        return window[0] <= now < window[1]

    def public_phase(self, now: dt.datetime | None = None) -> PublicPhase | None:
        """预告 / 即将开始 / 直播中 / 回顾 (or 延期 / 已取消 once public); None while not public."""
        if self.state == InterviewState.LIVE:
            return PublicPhase.LIVE
        if self.state in HELD_STATES:
            return PublicPhase.REVIEW
        window = self.question_window()
        if window is None:
            return None
        if self.state == InterviewState.CANCELLED:
            return PublicPhase.CANCELLED
        if self.state == InterviewState.POSTPONED:
            return PublicPhase.POSTPONED
        now = now or timezone.now()
        return PublicPhase.PREVIEW if now < window[1] else PublicPhase.UPCOMING

    def unit_ids_for(self, owner: Owner, centers: dict[str, int]) -> set[int]:
        if owner == Owner.LEAD:
            return {self.lead_unit_id} if self.lead_unit_id else set()
        if owner == Owner.CO:
            return set(self.co_unit_ids)
        kind = {Owner.DIGITAL: UnitKind.DIGITAL_CENTER, Owner.MEDIA: UnitKind.MEDIA_CENTER}.get(owner, owner)
        return {centers[kind]} if kind in centers else set()

    def involved_unit_ids(self, centers: dict[str, int]) -> set[int]:
        """Every unit concerned: the responsible units, both centers and 区政府办."""
        return {self.lead_unit_id, *self.co_unit_ids, *centers.values()} - {None}


class Guest(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("姓名"), max_length=50)
    post = models.CharField(_("职务"), max_length=100)
    unit_name = models.CharField(_("单位"), max_length=100)
    photo = models.ImageField(_("照片"), upload_to="guests/%Y/", blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("嘉宾")
        verbose_name_plural = _("嘉宾")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.unit_name}{self.post} {self.name}"


class InterviewStep(models.Model):
    """One step of an interview: its stored status (a decision) and its deadline (computed from R)."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("步骤"), max_length=20, choices=StepKind.choices)
    status = models.CharField(_("状态"), max_length=20, choices=StepStatus.choices, default=StepStatus.NOT_STARTED)
    due_date = models.DateField(_("截止日期"), null=True, blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("访谈步骤")
        verbose_name_plural = _("访谈步骤")
        constraints = [models.UniqueConstraint(fields=["interview", "kind"], name="unique_interview_step")]

    def __str__(self) -> str:
        return f"{self.interview} · {self.get_kind_display()}"

    @property
    def definition(self):
        return STEP_BY_KIND[self.kind]

    @property
    def order(self) -> int:
        return STEP_ORDER[self.kind]

    @property
    def owner_unit_ids(self) -> frozenset[int]:
        centers = singleton_unit_ids()
        ids: set[int] = set()
        for owner in self.definition.owners:
            ids |= self.interview.unit_ids_for(owner, centers)
        return frozenset(ids)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        if self.status == StepStatus.DONE or self.due_date is None or not self.interview.deadlines_active:
            return False
        return (today or timezone.localdate()) > self.due_date

    def display_status(self, today: dt.date | None = None) -> StepDisplay:
        if self.is_overdue(today):
            return StepDisplay.OVERDUE
        return StepDisplay(self.status)


class InterviewStateChange(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=20, choices=InterviewState.choices)
    to_state = models.CharField(max_length=20, choices=InterviewState.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_from_state_display()} → {self.get_to_state_display()}"


class RecordingDateChange(models.Model):
    """Every setting, confirmation or move of R, kept so a postponement is visible afterwards."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="date_changes")
    old_at = models.DateTimeField(null=True, blank=True)
    new_at = models.DateTimeField(null=True, blank=True)
    confirmed = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.old_at} → {self.new_at}"


# Registered with this app from their own module (this one is long enough).
from portal.interviews.date_models import CalendarFeedToken, ProposalResponse, RecordingProposal  # noqa: E402

__all__ = [
    "CalendarFeedToken",
    "Guest",
    "Interview",
    "InterviewStateChange",
    "InterviewStep",
    "ProposalResponse",
    "RecordingDateChange",
    "RecordingProposal",
]
