"""The 文字简介 of an interview: what the preview page shows besides the interview's own details."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.questions.enums import IntroductionState, MaterialKind


class Introduction(models.Model):
    """The lead unit's introduction: sanitised rich text, images and related material.

    Each submission snapshots the text as an IntroductionRevision, so a change after the preview is
    published stays visible.
    """

    interview = models.OneToOneField("interviews.Interview", on_delete=models.CASCADE, related_name="introduction")
    body = models.TextField(_("简介正文"), blank=True)
    state = models.CharField(
        _("状态"), max_length=20, choices=IntroductionState.choices, default=IntroductionState.DRAFT
    )
    revision = models.PositiveIntegerField(_("版本"), default=0)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("文字简介")
        verbose_name_plural = _("文字简介")

    def __str__(self) -> str:
        return f"{self.interview} · {self._meta.verbose_name}"

    @property
    def is_submitted(self) -> bool:
        return self.state == IntroductionState.SUBMITTED


class IntroductionRevision(models.Model):
    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    body = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["introduction", "number"], name="unique_introduction_revision")]

    def __str__(self) -> str:
        return f"{self.introduction} · {self.number}"


class IntroductionImage(models.Model):
    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("图片"), upload_to="introductions/%Y/")
    alt_text = models.CharField(_("图片说明"), max_length=200, help_text=_("供读屏软件朗读，必填"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("简介图片")
        verbose_name_plural = _("简介图片")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.alt_text


class RelatedMaterial(models.Model):
    """相关内容: a policy document, 政策解读 or background, as a link or an uploaded PDF/DOCX."""

    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("标题"), max_length=200)
    kind = models.CharField(_("形式"), max_length=10, choices=MaterialKind.choices)
    url = models.URLField(_("链接"), blank=True)
    file = models.FileField(_("文件"), upload_to="materials/%Y/", blank=True)
    file_type = models.CharField(_("文件类型"), max_length=10, blank=True)
    file_size = models.PositiveIntegerField(_("文件大小"), default=0)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("相关内容")
        verbose_name_plural = _("相关内容")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def href(self) -> str:
        return self.file.url if self.kind == MaterialKind.FILE and self.file else self.url
