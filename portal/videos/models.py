"""The post-produced video of an interview (后期视频) and the resumable uploads that bring it in.

Files live in Django's default storage (FileSystemStorage in development, S3-compatible storage by
configuration); only an upload in progress sits on the local disk, in PORTAL_VIDEO_UPLOAD_DIR.
An interview may have several videos (a corrected cut replaces an earlier one); at most one is
published, and a new upload never touches the published one until 数字治理中心 publishes it.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.videos.enums import CaptionSource, RenditionStatus, UploadStatus


def upload_dir() -> Path:
    path = Path(settings.PORTAL_VIDEO_UPLOAD_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


class UploadSession(models.Model):
    """One file arriving in chunks; the client asks for ``received`` to resume after an interruption."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    interview = models.ForeignKey(
        "interviews.Interview", on_delete=models.CASCADE, related_name="video_uploads", verbose_name=_("访谈")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("上传人")
    )
    filename = models.CharField(_("文件名"), max_length=255)
    total_size = models.BigIntegerField(_("文件大小"))
    sha256_expected = models.CharField(_("预期SHA-256"), max_length=64, blank=True)
    received = models.BigIntegerField(_("已接收字节数"), default=0)
    status = models.CharField(_("状态"), max_length=10, choices=UploadStatus.choices, default=UploadStatus.OPEN)
    error = models.TextField(_("未通过原因"), blank=True)
    created_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("视频上传")
        verbose_name_plural = _("视频上传")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename}（{self.received}/{self.total_size}）"

    @property
    def temp_path(self) -> Path:
        return upload_dir() / f"{self.pk}.part"

    @property
    def percent(self) -> int:
        return int(self.received * 100 / self.total_size) if self.total_size else 0


def _video_dir(video: "Video", name: str) -> str:
    return f"videos/{video.interview_id}/{video.key}/{name}"


class Video(models.Model):
    interview = models.ForeignKey(
        "interviews.Interview", on_delete=models.CASCADE, related_name="videos", verbose_name=_("访谈")
    )
    key = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    original_filename = models.CharField(_("原始文件名"), max_length=255)
    source = models.FileField(_("原始文件"), upload_to=_video_dir, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.BigIntegerField(_("文件大小"))
    duration = models.FloatField(_("时长（秒）"))
    width = models.PositiveIntegerField(_("宽度"))
    height = models.PositiveIntegerField(_("高度"))
    container = models.CharField(_("封装格式"), max_length=100, blank=True)
    video_codec = models.CharField(_("视频编码"), max_length=50, blank=True)
    audio_codec = models.CharField(_("音频编码"), max_length=50, blank=True)
    poster = models.FileField(_("封面"), upload_to=_video_dir, max_length=300, blank=True)
    rendition = models.FileField(_("网页播放版本"), upload_to=_video_dir, max_length=300, blank=True)
    rendition_size = models.BigIntegerField(_("播放版本大小"), null=True, blank=True)
    rendition_status = models.CharField(
        _("转码状态"), max_length=10, choices=RenditionStatus.choices, default=RenditionStatus.PENDING
    )
    rendition_progress = models.PositiveSmallIntegerField(_("转码进度"), default=0)
    rendition_error = models.TextField(_("转码失败原因"), blank=True)
    captions_vtt = models.TextField(_("字幕（WebVTT）"), blank=True)
    captions_source = models.CharField(
        _("字幕来源"), max_length=10, choices=CaptionSource.choices, default=CaptionSource.NONE, blank=True
    )
    chapter_offset = models.FloatField(
        _("章节时间偏移（秒）"), default=0, help_text=_("视频开头相对直播开始时间的偏移")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("上传人")
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("访谈视频")
        verbose_name_plural = _("访谈视频")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview"], condition=models.Q(published_at__isnull=False), name="one_published_video"
            )
        ]

    def __str__(self) -> str:
        return str(self.original_filename)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_ready(self) -> bool:
        return self.rendition_status == RenditionStatus.READY and bool(self.rendition)

    @property
    def resolution(self) -> str:
        return f"{self.width}×{self.height}"

    def public_url(self, kind: str = "mp4") -> str:
        name = {"mp4": "website:video-file", "poster": "website:video-poster", "vtt": "website:video-captions"}[kind]
        return reverse(name, args=[self.interview_id, self.pk])

    def staff_url(self, kind: str = "mp4") -> str:
        return reverse("backoffice:video-file", args=[self.interview_id, self.pk, kind])
