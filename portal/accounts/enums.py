from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    GOV_OFFICE = "gov_office", _("区政府办")
    DIGITAL_CENTER = "digital_center", _("区城市数字治理中心")
    MEDIA_CENTER = "media_center", _("区融媒体中心")
    RESPONSIBLE = "responsible", _("责任单位")


# 区政府办 and the two centers see every interview; a responsible unit sees only its own.
OVERSIGHT_KINDS = frozenset({UnitKind.GOV_OFFICE, UnitKind.DIGITAL_CENTER, UnitKind.MEDIA_CENTER})
CENTER_KINDS = frozenset({UnitKind.DIGITAL_CENTER, UnitKind.MEDIA_CENTER})


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("统筹协调")  # 区政府办: plan, oversight, 督办
    OPERATOR = "operator", _("平台运营")  # 数字治理中心: preview, moderation, live, filing
    REVIEWER = "reviewer", _("稿件审核")  # both centers: script review
    PRODUCER = "producer", _("节目制作")  # 融媒体中心: studio, host, live, video
    EDITOR = "editor", _("经办人")  # 责任单位: introduction, script, answers, summary
    UNIT_ADMIN = "unit_admin", _("单位管理员")  # any unit: its contacts and people
    AUDITOR = "auditor", _("审计管理员")  # reads the audit log, edits nothing


ROLES_BY_KIND = {
    UnitKind.GOV_OFFICE: frozenset({Role.COORDINATOR, Role.UNIT_ADMIN, Role.AUDITOR}),
    UnitKind.DIGITAL_CENTER: frozenset({Role.OPERATOR, Role.REVIEWER, Role.UNIT_ADMIN}),
    UnitKind.MEDIA_CENTER: frozenset({Role.PRODUCER, Role.REVIEWER, Role.UNIT_ADMIN}),
    UnitKind.RESPONSIBLE: frozenset({Role.EDITOR, Role.UNIT_ADMIN}),
}

# Roles that do a unit's work on an interview (as opposed to reading or administering).
WORKING_ROLES = frozenset({Role.COORDINATOR, Role.OPERATOR, Role.REVIEWER, Role.PRODUCER, Role.EDITOR, Role.UNIT_ADMIN})
