"""Human labels of audit actions (`<app>.<model>.<event>`), shown on object pages."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "accounts.user.logged_in": _("登录"),
    "accounts.user.logged_out": _("退出登录"),
    "accounts.user.totp_enabled": _("启用双因素认证"),
    "accounts.unit.updated": _("修改单位信息"),
    "planning.plan.created": _("新建年度计划"),
    "planning.plan.updated": _("修改年度计划"),
    "planning.plan.approved": _("审定年度计划"),
    "planning.plan.revised": _("修订年度计划"),
    "planning.row.added": _("新增计划条目"),
    "planning.row.updated": _("修改计划条目"),
    "planning.row.removed": _("删除计划条目"),
    "interviews.interview.created": _("创建访谈"),
    "interviews.interview.updated": _("修改访谈信息"),
    "interviews.interview.state_changed": _("变更访谈状态"),
    "interviews.interview.recording_set": _("设定录制日期"),
    "interviews.interview.recording_confirmed": _("确认录制日期"),
    "interviews.interview.recording_moved": _("调整已确认的录制日期"),
    "interviews.interview.host_set": _("设定主持人"),
    "interviews.guest.added": _("添加嘉宾"),
    "interviews.guest.updated": _("修改嘉宾"),
    "interviews.guest.removed": _("删除嘉宾"),
    "interviews.step.status_changed": _("更新步骤状态"),
    "workcalendar.day.saved": _("登记节假日/调休"),
    "workcalendar.day.removed": _("删除节假日/调休"),
}

KEY_LABELS = {
    "from": _("原为"),
    "to": _("改为"),
    "reason": _("原因"),
    "note": _("说明"),
    "step": _("步骤"),
    "at": _("时间"),
    "title": _("标题"),
    "outline": _("提纲"),
    "place": _("地点"),
    "guest": _("嘉宾"),
    "revision": _("版本"),
    "rows": _("条目数"),
    "year": _("年度"),
    "date": _("日期"),
    "kind": _("类型"),
    "second_factor": _("第二因素"),
    "plan_row": _("计划条目编号"),
}


def value_labels() -> dict[str, str]:
    """Codes that appear in audit data (states, step kinds and statuses), in words."""
    from portal.interviews.enums import InterviewState, StepKind, StepStatus  # noqa: PLC0415 -- enums only
    from portal.workcalendar.models import DayKind  # noqa: PLC0415 -- enums only

    labels: dict[str, str] = {}
    for enum in (InterviewState, StepKind, StepStatus, DayKind):
        labels.update({value: str(label) for value, label in enum.choices})
    return labels
