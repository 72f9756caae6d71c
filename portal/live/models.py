"""The live broadcast (图文直播): its session, its entries and their photos, and the numbered record of changes.

The database is the record. Every change a viewer must see (an entry published, corrected, withdrawn or
highlighted, the live started or ended) is a LiveEvent numbered per interview; that number is the SSE event
id, so a viewer who reconnects gets exactly the events after the last one it saw (docs/developer/realtime.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.models import TimestampedModel
from portal.interviews.models import Guest, Interview
from portal.live.enums import EntryStatus, EventKind, EventOp, Speaker


class LiveSession(models.Model):
    """One per interview, made when the live is first touched: the video address and the event counter."""

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="live_session")
    stream_url = models.URLField(_("视频直播地址"), blank=True, help_text=_("可选；填写后直播页显示视频链接。"))
    last_seq = models.PositiveIntegerField(_("最新事件序号"), default=0)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("图文直播")
        verbose_name_plural = _("图文直播")

    def __str__(self) -> str:
        return str(self.interview)


class LiveEntryQuerySet(models.QuerySet):
    def public(self) -> "LiveEntryQuerySet":
        """What viewers see: published entries and the marks of withdrawn ones, never a draft."""
        return self.filter(status__in=[EntryStatus.PUBLISHED, EntryStatus.WITHDRAWN])

    def drafts(self) -> "LiveEntryQuerySet":
        return self.filter(status=EntryStatus.DRAFT)


class LiveEntry(TimestampedModel):
    interview = models.ForeignKey(
        Interview, verbose_name=_("访谈"), on_delete=models.CASCADE, related_name="live_entries"
    )
    speaker = models.CharField(_("发言人"), max_length=10, choices=Speaker.choices, default=Speaker.HOST)
    guest = models.ForeignKey(
        Guest, verbose_name=_("嘉宾"), null=True, blank=True, on_delete=models.SET_NULL, related_name="live_entries"
    )
    # The netizen question the host reads out (speaker 网友): shown with its published, masked text.
    question = models.ForeignKey(
        "questions.Question",
        verbose_name=_("网友提问"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quoted_in_live",
    )
    # Who spoke, as shown when the entry was saved (a guest's name stays in the record if the guest is removed).
    speaker_name = models.CharField(_("发言人名称"), max_length=120, blank=True)
    text = models.TextField(_("内容"), blank=True)
    answers = models.ManyToManyField(
        "questions.Question", verbose_name=_("回答的网友提问"), blank=True, related_name="live_answers"
    )
    status = models.CharField(_("状态"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    is_highlight = models.BooleanField(_("精彩观点"), default=False)
    is_backfill = models.BooleanField(_("补录"), default=False)
    published_seq = models.PositiveIntegerField(_("发布序号"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    corrected_at = models.DateTimeField(_("更正时间"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A draft prepared from the approved final script (portal/live/prepared.py): which part of which revision
    # ("<revision id>:opening:<n>", "…:item:<key>:q|a", "…:closing:<n>"), so importing twice adds nothing, and
    # its place in the script, the order in which 发布下一条 publishes.
    script_ref = models.CharField(_("定稿位置"), max_length=64, null=True, blank=True, editable=False)
    script_position = models.PositiveIntegerField(_("定稿顺序"), null=True, blank=True, editable=False)

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("直播条目")
        verbose_name_plural = _("直播条目")
        ordering = [models.F("published_seq").asc(nulls_last=True), "id"]
        indexes = [models.Index(fields=["interview", "status"])]
        constraints = [models.UniqueConstraint(fields=["interview", "script_ref"], name="unique_live_entry_script_ref")]

    def __str__(self) -> str:
        return f"{self.speaker_name or self.get_speaker_display()}：{self.text[:30]}"

    @property
    def is_published(self) -> bool:
        return self.status == EntryStatus.PUBLISHED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == EntryStatus.WITHDRAWN

    @property
    def dom_id(self) -> str:
        return f"live-entry-{self.pk}"


class LivePhoto(models.Model):
    """A photo of an entry, re-encoded without EXIF/GPS (portal/core/images.clean_photo)."""

    entry = models.ForeignKey(LiveEntry, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("照片"), upload_to="live/%Y/%m/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    caption = models.CharField(_("照片说明"), max_length=100, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("直播照片")
        verbose_name_plural = _("直播照片")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class LiveEvent(models.Model):
    """One numbered change of the live record; ``payload`` is exactly what viewers receive."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="live_events")
    seq = models.PositiveIntegerField(_("序号"))
    entry = models.ForeignKey(LiveEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事件"), max_length=20, choices=EventKind.choices)
    op = models.CharField(max_length=10, choices=EventOp.choices)
    payload = models.JSONField(default=dict)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("直播事件")
        verbose_name_plural = _("直播事件")
        ordering = ["interview", "seq"]
        constraints = [models.UniqueConstraint(fields=["interview", "seq"], name="unique_live_event_seq")]

    def __str__(self) -> str:
        return f"{self.interview_id}#{self.seq} {self.kind}"


# --- Audience figures (portal/live/audience.py): counts only, nothing about any person -------------------------


class InterviewPageViews(models.Model):
    """Views of an interview's public page on one day (local date), flushed from a cache-buffered counter."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="page_views")
    day = models.DateField(_("日期"))
    views = models.PositiveIntegerField(_("浏览量"), default=0)

    class Meta:
        verbose_name = _("页面浏览量")
        verbose_name_plural = _("页面浏览量")
        ordering = ["interview", "day"]
        constraints = [models.UniqueConstraint(fields=["interview", "day"], name="unique_page_views_day")]

    def __str__(self) -> str:
        return f"{self.interview_id} {self.day}: {self.views}"


class ViewerSample(models.Model):
    """How many viewers one process served for an interview at one moment.

    ``process`` names the ASGI process whose open SSE streams were counted, or ``poll`` for the estimate of
    polling viewers in the minute starting at ``at`` (poll requests × poll interval ÷ 60).
    """

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="viewer_samples")
    at = models.DateTimeField(_("时间"))
    process = models.CharField(_("进程"), max_length=80)
    count = models.PositiveIntegerField(_("观看人数"))

    class Meta:
        verbose_name = _("同时观看人数采样")
        verbose_name_plural = _("同时观看人数采样")
        ordering = ["interview", "at"]
        indexes = [models.Index(fields=["interview", "at"])]

    def __str__(self) -> str:
        return f"{self.interview_id} {self.at:%H:%M:%S} {self.process}: {self.count}"


# Webhooks to 浦口发布 and others (portal/live/webhooks/): their models belong to this app.
from portal.live.webhooks.models import WebhookDelivery, WebhookEndpoint  # noqa: E402, F401
