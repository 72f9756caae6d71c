from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Unit
from portal.core.models import TimestampedModel


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    APPROVED = "approved", _("已审定")


class PlanQuerySet(models.QuerySet):
    def approved(self) -> "PlanQuerySet":
        return self.filter(status=PlanStatus.APPROVED)

    def visible_to(self, user) -> "PlanQuerySet":
        """Drafts are 区政府办's own; every member of staff sees an approved plan."""
        if user.has_perm("planning.view_draft_plan"):
            return self
        return self.approved()


class Plan(TimestampedModel):
    """A year's 在线访谈 plan, published as a notice (e.g. 浦政办发〔2025〕2号) with its table."""

    year = models.PositiveIntegerField(_("年度"))
    title = models.CharField(_("标题"), max_length=200)
    doc_number = models.CharField(_("文号"), max_length=50, blank=True)
    issuer = models.CharField(_("发文机关"), max_length=100, default="南京市浦口区人民政府办公室")
    notice_title = models.CharField(_("通知标题"), max_length=200, blank=True)
    addressee = models.CharField(_("主送"), max_length=100, blank=True, default="区各相关单位")
    notice_body = models.TextField(
        _("通知正文"),
        blank=True,
        help_text=_("如：《……实施方案》已经区政府同意，现印发给你们，请结合实际认真贯彻执行。"),
    )
    preamble = models.TextField(_("方案正文（表格前）"), blank=True)
    body = models.TextField(_("方案正文（表格后）"), blank=True)
    note = models.CharField(_("备注"), max_length=200, default="标注★的单位为每期访谈的第一责任单位")
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    printed_on = models.DateField(_("印发日期"), null=True, blank=True)
    cc = models.CharField(_("抄送"), max_length=200, blank=True)
    disclosure = models.CharField(_("公开属性"), max_length=50, default="此件公开发布")
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    approved_at = models.DateTimeField(_("审定时间"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度访谈计划")
        verbose_name_plural = _("年度访谈计划")
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["year"], name="one_plan_per_year")]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("website:plan-detail", args=[self.year])

    @property
    def is_approved(self) -> bool:
        return self.status == PlanStatus.APPROVED


class PlanRow(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rows")
    seq = models.PositiveIntegerField(_("序号"))
    month = models.PositiveSmallIntegerField(_("访谈时间（月）"))
    topic = models.CharField(_("访谈内容"), max_length=200)
    lead_unit = models.ForeignKey(Unit, verbose_name=_("第一责任单位"), on_delete=models.PROTECT, related_name="+")
    co_units = models.ManyToManyField(Unit, verbose_name=_("配合单位"), blank=True, related_name="+")

    class Meta:
        verbose_name = _("计划条目")
        verbose_name_plural = _("计划条目")
        ordering = ["seq", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "seq"], name="unique_plan_row_seq")]

    def __str__(self) -> str:
        return f"{self.seq}. {self.topic}"

    @property
    def units_text(self) -> str:
        """The 责任单位 cell as the notice prints it: the lead unit with ★, then the co-units."""
        names = [f"{self.lead_unit}★", *(str(unit) for unit in self.co_units.all())]
        return " ".join(names)

    def snapshot(self) -> dict:
        return {
            "seq": self.seq,
            "month": self.month,
            "topic": self.topic,
            "lead_unit": str(self.lead_unit),
            "co_units": [str(unit) for unit in self.co_units.all()],
        }


class PlanRevision(models.Model):
    """An immutable snapshot of the plan's rows: the approved text, then one per later change."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("版本"))
    note = models.TextField(_("修订说明"), blank=True)
    rows = models.JSONField(_("条目"), default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("计划版本")
        verbose_name_plural = _("计划版本")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="unique_plan_revision")]

    def __str__(self) -> str:
        return f"{self.plan} 第{self.number}版"
