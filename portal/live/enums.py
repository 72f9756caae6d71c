from django.db import models
from django.utils.translation import gettext_lazy as _


class Speaker(models.TextChoices):
    HOST = "host", _("主持人")
    GUEST = "guest", _("嘉宾")
    NETIZEN = "netizen", _("网友")


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class EventKind(models.TextChoices):
    """What a LiveEvent records. Every kind is one numbered step of the interview's live record."""

    STARTED = "started", _("开始直播")
    PUBLISHED = "published", _("发布")
    CORRECTED = "corrected", _("更正")
    WITHDRAWN = "withdrawn", _("撤回")
    HIGHLIGHTED = "highlighted", _("设为精彩观点")
    UNHIGHLIGHTED = "unhighlighted", _("取消精彩观点")
    ENDED = "ended", _("结束直播")


class EventOp(models.TextChoices):
    """What a viewer's page does with the event: add an entry, replace it, strike it, or change the status."""

    ADD = "add", "add"
    EDIT = "edit", "edit"
    DELETE = "delete", "delete"
    STATUS = "status", "status"


OP_BY_KIND = {
    EventKind.STARTED: EventOp.STATUS,
    EventKind.PUBLISHED: EventOp.ADD,
    EventKind.CORRECTED: EventOp.EDIT,
    EventKind.WITHDRAWN: EventOp.DELETE,
    EventKind.HIGHLIGHTED: EventOp.EDIT,
    EventKind.UNHIGHLIGHTED: EventOp.EDIT,
    EventKind.ENDED: EventOp.STATUS,
}
