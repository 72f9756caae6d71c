"""The summary's and the rectification items' states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SummaryState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    PUBLISHED = "published", _("已发布")


class RectificationStatus(models.TextChoices):
    PLANNED = "planned", _("未开始")
    IN_PROGRESS = "in_progress", _("整改中")
    DONE = "done", _("已完成")
    CANCELLED = "cancelled", _("已撤销")


R = RectificationStatus

# Where an item may go from each status; done and cancelled are final.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    R.PLANNED: frozenset({R.IN_PROGRESS, R.DONE, R.CANCELLED}),
    R.IN_PROGRESS: frozenset({R.DONE, R.CANCELLED}),
    R.DONE: frozenset(),
    R.CANCELLED: frozenset(),
}
OPEN_STATUSES = frozenset({R.PLANNED, R.IN_PROGRESS})
