from django.db import models
from django.utils.translation import gettext_lazy as _


class UploadStatus(models.TextChoices):
    OPEN = "open", _("上传中")
    DONE = "done", _("已完成")
    REFUSED = "refused", _("未通过检查")


class RenditionStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("转码中")
    READY = "ready", _("已就绪")
    FAILED = "failed", _("转码失败")


class CaptionSource(models.TextChoices):
    NONE = "", _("无字幕")
    UPLOADED = "uploaded", _("上传的字幕文件")
    DRAFTED = "drafted", _("根据定稿生成")
    EDITED = "edited", _("人工校对")
