from django.db import models
from django.utils.translation import gettext_lazy as _


class AddendumKind(models.TextChoices):
    """An addendum (备案补充说明): the only way a filed record changes."""

    CORRECTION = "correction", _("更正")
    REDACTION = "redaction", _("删除个人信息")
    NOTE = "note", _("说明")


# What a netizen's question shows once its asker had their personal information deleted (PIPL Art. 47).
REDACTED_NICKNAME = "网友"
REDACTED_TEXT = "［应本人要求已删除］"
