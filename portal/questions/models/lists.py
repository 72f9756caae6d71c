"""Lists that 数字治理中心 edits: categories, rejection reasons, 转办 channels, sensitive words, topic tags."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActiveQuerySet(models.QuerySet):
    def active(self) -> "ActiveQuerySet":
        return self.filter(is_active=True)


class Category(models.Model):
    """A question's category (城乡建设, 环境保护 …). Retired entries stay for the questions that use them."""

    name = models.CharField(_("名称"), max_length=30, unique=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("问题分类")
        verbose_name_plural = _("问题分类")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class RejectionReason(models.Model):
    """Why a question was not taken up; ``public_text`` is what the asker reads under the receipt code."""

    label = models.CharField(_("名称"), max_length=50, unique=True)
    public_text = models.TextField(_("向网友说明"))
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("不予采纳理由")
        verbose_name_plural = _("不予采纳理由")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.label


class ForwardChannel(models.Model):
    """Where an off-topic question is forwarded (转办), such as the 12345 hotline."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    description = models.TextField(_("联系方式说明"), blank=True)
    url = models.URLField(_("网址"), blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("转办渠道")
        verbose_name_plural = _("转办渠道")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class SensitiveWord(models.Model):
    """A word that sends a question to closer reading. Matching is on the whole list at once (Aho-Corasick)."""

    word = models.CharField(_("敏感词"), max_length=50, unique=True)
    created_at = models.DateTimeField(_("添加时间"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("敏感词")
        verbose_name_plural = _("敏感词")
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class TopicTag(models.Model):
    """One aspect of an interview's topic (话题标签), defined per interview."""

    interview = models.ForeignKey("interviews.Interview", on_delete=models.CASCADE, related_name="topic_tags")
    name = models.CharField(_("话题标签"), max_length=30)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("话题标签")
        verbose_name_plural = _("话题标签")
        ordering = ["sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["interview", "name"], name="unique_topic_tag")]

    def __str__(self) -> str:
        return self.name


class CategoryModel(models.Model):
    """A trained category suggester (textproc.classifier.CategorySuggester.dumps()); the newest is used."""

    data = models.BinaryField()
    trained_at = models.DateTimeField(_("训练时间"), auto_now_add=True)
    sample_count = models.PositiveIntegerField(_("样本数"))
    confirmed_count = models.PositiveIntegerField(_("其中已确认问题数"), default=0)
    labels = models.JSONField(_("分类"), default=list)
    trained_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("分类模型")
        verbose_name_plural = _("分类模型")
        ordering = ["-trained_at", "-id"]

    def __str__(self) -> str:
        return f"{self.trained_at:%Y-%m-%d %H:%M} · {self.sample_count}"


class CategorySample(models.Model):
    """A labelled text loaded to bootstrap the suggester (manage.py bootstrap_categories)."""

    text = models.TextField()
    label = models.CharField(max_length=30)
    source = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("分类样本")
        verbose_name_plural = _("分类样本")

    def __str__(self) -> str:
        return f"{self.label}: {self.text[:20]}"
