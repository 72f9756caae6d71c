from django.db import models
from django.utils.translation import gettext_lazy as _


class InterviewState(models.TextChoices):
    """What people decided about an interview. Everything else (phase, overdue) is derived."""

    PLANNED = "planned", _("筹备中")
    POSTPONED = "postponed", _("已延期")
    CANCELLED = "cancelled", _("已取消")
    LIVE = "live", _("直播中")
    ENDED = "ended", _("已结束")
    FILED = "filed", _("已备案")


# States in which deadlines run (and so can be overdue).
ACTIVE_STATES = frozenset({InterviewState.PLANNED, InterviewState.LIVE, InterviewState.ENDED})
HELD_STATES = frozenset({InterviewState.ENDED, InterviewState.FILED})

# What every service answers when asked to change a filed interview: a filed record changes only through
# an addendum (备案补充说明, portal/filing), so the refusal says who can add one.
FILED_REFUSAL = _("本期访谈已备案，不能修改；如需更正，请由区城市数字治理中心添加备案补充说明。")


class PublicPhase(models.TextChoices):
    """The public face of an interview, derived from its state, its steps and the clock."""

    PREVIEW = "preview", _("预告")
    UPCOMING = "upcoming", _("即将开始")
    LIVE = "live", _("直播中")
    REVIEW = "review", _("回顾")
    POSTPONED = "postponed", _("延期")
    CANCELLED = "cancelled", _("已取消")


class StepStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("进行中")
    DONE = "done", _("已完成")


class StepDisplay(models.TextChoices):
    """A step's status as shown: the stored status, or 已逾期 when its deadline has passed undone."""

    NOT_STARTED = "not_started", _("未开始")
    IN_PROGRESS = "in_progress", _("进行中")
    DONE = "done", _("已完成")
    OVERDUE = "overdue", _("已逾期")


class StepKind(models.TextChoices):
    TOPIC = "topic", _("确定主题")
    INTRODUCTION = "introduction", _("文字简介")
    PREVIEW = "preview", _("发布访谈预告")
    DRAFT = "draft", _("起草访谈稿")
    FINAL = "final", _("访谈定稿")
    DATE = "date", _("确定录制日期")
    RECORDING = "recording", _("实施访谈")
    RECORD = "record", _("发布图文实录")
    ANSWERS = "answers", _("书面答复网友提问")
    VIDEO = "video", _("发布访谈视频")
    SUMMARY = "summary", _("总结提高")
    FILING = "filing", _("备案")


class Owner(models.TextChoices):
    LEAD = "lead", _("第一责任单位")
    CO = "co", _("配合单位")
    GOV_OFFICE = "gov_office", _("区政府办")
    DIGITAL = "digital", _("区城市数字治理中心")
    MEDIA = "media", _("区融媒体中心")


class DateParty(models.TextChoices):
    """The three parties that agree on the recording date (product.md §3 step 5)."""

    LEAD = "lead", _("第一责任单位")
    DIGITAL = "digital", _("区城市数字治理中心")
    MEDIA = "media", _("区融媒体中心")


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    DECLINED = "declined", _("已拒绝")
    WITHDRAWN = "withdrawn", _("已撤回")
    SUPERSEDED = "superseded", _("已被新建议取代")


class ProposalDecision(models.TextChoices):
    CONFIRM = "confirm", _("确认")
    DECLINE = "decline", _("拒绝")
