from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionState(models.TextChoices):
    """Where a question stands in moderation. Only portal/questions/services/ writes it."""

    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已发布")
    REJECTED = "rejected", _("未采纳")
    MERGED = "merged", _("已合并")
    FORWARDED = "forwarded", _("已转办")


# States a moderator may still decide on; merged, rejected and forwarded questions are settled.
MODERATABLE_STATES = frozenset({QuestionState.PENDING, QuestionState.PUBLISHED})


class AnswerStatus(models.TextChoices):
    """Whether a (published) question has been answered, and how."""

    UNANSWERED = "unanswered", _("未答复")
    LIVE = "live", _("已在访谈中答复")
    WRITTEN = "written", _("已书面答复")
    DECLINED = "declined", _("不予答复")


ANSWERED_STATUSES = frozenset({AnswerStatus.LIVE, AnswerStatus.WRITTEN, AnswerStatus.DECLINED})


class AnswerKind(models.TextChoices):
    WRITTEN = "written", _("书面答复")
    DECLINED = "declined", _("不予答复（说明理由）")


class AnswerState(models.TextChoices):
    """A written answer (or a reason for not answering) on its way from the unit to the public."""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("已退回")
    PUBLISHED = "published", _("已发布")


class Via(models.TextChoices):
    PREVIEW = "preview", _("预告征集")
    LIVE = "live", _("直播互动")


class ContactKind(models.TextChoices):
    NONE = "", _("未留")
    MOBILE = "mobile", _("手机")
    EMAIL = "email", _("电子邮箱")


class IntroductionState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")


class MaterialKind(models.TextChoices):
    LINK = "link", _("链接")
    FILE = "file", _("文件")


class EventKind(models.TextChoices):
    """A QuestionEvent: one row per change, the question's history."""

    SUBMITTED = "submitted", _("提交")
    APPROVED = "approved", _("审核通过")
    REJECTED = "rejected", _("不予采纳")
    MERGED = "merged", _("合并")
    FORWARDED = "forwarded", _("转办")
    GROUP_CHANGED = "group_changed", _("调整分组")
    CATEGORY_SET = "category_set", _("确认分类")
    TAGS_SET = "tags_set", _("设置话题标签")
    UNIT_ASSIGNED = "unit_assigned", _("指定答复单位")
    ANSWER_SAVED = "answer_saved", _("保存答复")
    ANSWER_SUBMITTED = "answer_submitted", _("提交答复")
    ANSWER_RETURNED = "answer_returned", _("退回答复")
    ANSWER_PUBLISHED = "answer_published", _("发布答复")
    ANSWERED_LIVE = "answered_live", _("访谈中答复")
    CONTACT_PURGED = "contact_purged", _("删除联系方式")


class MessageChannel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")


class MessageKind(models.TextChoices):
    """Why an asker is told something (product.md §10: answered or merged; 转办 with its note)."""

    ANSWERED = "answered", _("已答复")
    MERGED = "merged", _("已合并")
    FORWARDED = "forwarded", _("已转办")


class IdentityMode(models.TextChoices):
    """PORTAL_QUESTION_IDENTITY: 后台实名、前台昵称, or no verification."""

    OFF = "off", _("不验证")
    SMS = "sms", _("短信验证码")
    OIDC = "oidc", _("统一身份认证")
