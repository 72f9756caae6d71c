"""The filed record of an interview (备案) and its addenda.

A FilingRecord is written once, when 区城市数字治理中心 files a held interview: the manifest (every file's
name, SHA-256, size and media type, the interview's metadata, the time and the software version) and the
archive (a ZIP of the files, manifest.json and manifest.sha256) in Django's storage. Nothing in it is ever
rewritten. An Addendum (correction, redaction, note) adds its own files under ``addenda/NNN-…``; the
archive is then written again under a new name with the original entries byte for byte plus the new
ones, and the earlier archive files stay in storage.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.filing.enums import AddendumKind
from portal.interviews.models import Interview


class FilingRecord(models.Model):
    interview = models.OneToOneField(
        Interview, verbose_name=_("访谈"), on_delete=models.PROTECT, related_name="filing_record"
    )
    filed_at = models.DateTimeField(_("备案时间"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("备案人"), on_delete=models.PROTECT, related_name="+"
    )
    manifest = models.JSONField(_("清单"))
    manifest_sha256 = models.CharField(_("清单SHA-256"), max_length=64)
    # The current archive (the original entries plus every addendum so far); earlier ones stay in storage.
    archive = models.FileField(_("备案文件包"), upload_to="filing/", max_length=300)
    archive_size = models.BigIntegerField(_("文件包大小"))
    original_archive_name = models.CharField(_("原始文件包"), max_length=300)

    class Meta:
        verbose_name = _("备案记录")
        verbose_name_plural = _("备案记录")
        ordering = ["-filed_at"]

    def __str__(self) -> str:
        return f"{self.interview}（备案）"

    def get_absolute_url(self) -> str:
        return reverse("backoffice:filing", args=[self.interview_id])

    @property
    def files(self) -> list[dict]:
        return self.manifest.get("files", [])

    @property
    def empty_sections(self) -> list[dict]:
        return [section for section in self.manifest.get("sections", []) if section.get("empty")]


class Addendum(models.Model):
    """One 备案补充说明: why, what changed (files and their old and new hashes), by whom, when."""

    filing = models.ForeignKey(FilingRecord, on_delete=models.PROTECT, related_name="addenda")
    number = models.PositiveIntegerField(_("序号"))
    kind = models.CharField(_("类型"), max_length=20, choices=AddendumKind.choices)
    reason = models.TextField(_("原因"))
    reference = models.CharField(_("申请编号"), max_length=100, blank=True)
    # [{"file": archive name, "old_sha256": …, "new_sha256": …}] and, for a redaction, the question.
    changes = models.JSONField(_("变更内容"), default=list, blank=True)
    # The addendum's own files in the archive: [{"name", "sha256", "size", "media_type"}], its JSON first.
    files = models.JSONField(_("补充文件"), default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("添加人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("添加时间"))

    class Meta:
        verbose_name = _("备案补充说明")
        verbose_name_plural = _("备案补充说明")
        ordering = ["filing", "number"]
        constraints = [models.UniqueConstraint(fields=["filing", "number"], name="unique_addendum_number")]

    def __str__(self) -> str:
        return f"{self.filing} · 补充说明{self.number}（{self.get_kind_display()}）"
