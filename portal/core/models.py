from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

SITE_SETTINGS_CACHE_KEY = "portal:site-settings"


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class SiteSettings(models.Model):
    """The portal's furniture: what a government site's footer and embedding need. One row."""

    site_name = models.CharField(_("网站名称"), max_length=100, default="南京市浦口区人民政府")
    column_name = models.CharField(_("栏目名称"), max_length=50, default="在线访谈")
    organiser = models.CharField(_("主办单位"), max_length=100, default="南京市浦口区人民政府办公室")
    operator = models.CharField(_("承办单位"), max_length=100, default="南京市浦口区城市数字治理中心")
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    site_id_code = models.CharField(_("网站标识码"), max_length=20, blank=True)
    icp_number = models.CharField(_("ICP备案号"), max_length=50, blank=True)
    police_number = models.CharField(_("公安机关备案号"), max_length=50, blank=True)
    police_number_url = models.URLField(_("公安备案链接"), blank=True)
    error_report_url = models.URLField(
        _("找错/纠错链接"), default="https://zfwzzc.www.gov.cn/", help_text=_("政府网站找错（纠错）入口")
    )
    portal_url = models.URLField(_("门户网站地址"), blank=True)
    embed_origins = models.TextField(
        _("允许嵌入的门户来源"),
        blank=True,
        help_text=_("每行一个来源，如 https://www.pukou.gov.cn；只有这些来源可以用框架嵌入公开栏目。"),
    )

    class Meta:
        verbose_name = _("站点设置")
        verbose_name_plural = _("站点设置")

    def __str__(self) -> str:
        return str(self.site_name)

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(SITE_SETTINGS_CACHE_KEY)

    @property
    def embed_origin_list(self) -> list[str]:
        return [line.strip() for line in self.embed_origins.splitlines() if line.strip()]

    @classmethod
    def current(cls) -> "SiteSettings":
        settings = cache.get(SITE_SETTINGS_CACHE_KEY)
        if settings is None:
            settings, _created = cls.objects.get_or_create(pk=1)
            cache.set(SITE_SETTINGS_CACHE_KEY, settings, 300)
        return settings


class DailyRun(models.Model):
    """A daily job started on a day: the row is the claim, so several workers start it once."""

    job = models.CharField(_("任务"), max_length=50)
    day = models.DateField(_("日期"))
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("每日任务")
        verbose_name_plural = _("每日任务")
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="unique_daily_run")]

    def __str__(self) -> str:
        return f"{self.job} {self.day}"
