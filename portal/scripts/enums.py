from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.accounts.enums import UnitKind


class ReviewCenter(models.TextChoices):
    """The two centers that review every submitted revision, in parallel."""

    DIGITAL = "digital", _("区城市数字治理中心")
    MEDIA = "media", _("区融媒体中心")


CENTER_UNIT_KIND = {ReviewCenter.DIGITAL: UnitKind.DIGITAL_CENTER, ReviewCenter.MEDIA: UnitKind.MEDIA_CENTER}


class ReviewDecision(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("审核通过")
    RETURNED = "returned", _("退回修改")
    SUPERSEDED = "superseded", _("已被新版本取代")


class RevisionStatus(models.TextChoices):
    """A revision's outcome: approved only when both centers approved that same revision."""

    PENDING = "pending", _("审核中")
    APPROVED = "approved", _("两中心审核通过")
    RETURNED = "returned", _("退回修改")
    SUPERSEDED = "superseded", _("已被新版本取代")


class ScriptPart(models.TextChoices):
    OPENING = "opening", _("开场")
    CLOSING = "closing", _("结束语")
