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
    "questions.introduction.saved": _("保存文字简介草稿"),
    "questions.introduction.submitted": _("提交文字简介"),
    "questions.introduction.revised": _("修订文字简介"),
    "questions.introduction.image_added": _("添加简介图片"),
    "questions.introduction.image_removed": _("删除简介图片"),
    "questions.introduction.material_added": _("添加相关内容"),
    "questions.introduction.material_removed": _("删除相关内容"),
    "questions.preview.published": _("发布访谈预告"),
    "questions.question.approved": _("审核通过网友提问"),
    "questions.question.rejected": _("不予采纳网友提问"),
    "questions.question.merged": _("合并网友提问"),
    "questions.question.forwarded": _("转办网友提问"),
    "questions.question.group_changed": _("调整问题分组"),
    "questions.question.category_set": _("确认问题分类"),
    "questions.question.tags_set": _("设置话题标签"),
    "questions.question.unit_assigned": _("指定答复单位"),
    "questions.question.answer_saved": _("保存书面答复"),
    "questions.question.answer_submitted": _("提交书面答复"),
    "questions.question.answer_returned": _("退回书面答复"),
    "questions.question.answer_published": _("发布书面答复"),
    "questions.question.answered_live": _("标记为访谈中答复"),
    "questions.topic_tag.added": _("添加话题标签"),
    "questions.topic_tag.removed": _("删除话题标签"),
    "questions.representative.created": _("添加代表性问题"),
    "questions.representative.updated": _("修改代表性问题"),
    "questions.representative.reordered": _("调整代表性问题顺序"),
    "questions.representative.removed": _("删除代表性问题"),
    "questions.supervision.sent": _("发送督办通知"),
    "questions.supervision.acknowledged": _("签收督办通知"),
    "questions.category.created": _("新增问题分类"),
    "questions.category.updated": _("修改问题分类"),
    "questions.rejectionreason.created": _("新增不予采纳理由"),
    "questions.rejectionreason.updated": _("修改不予采纳理由"),
    "questions.forwardchannel.created": _("新增转办渠道"),
    "questions.forwardchannel.updated": _("修改转办渠道"),
    "questions.sensitive_words.added": _("添加敏感词"),
    "questions.sensitive_words.removed": _("删除敏感词"),
    "questions.category_model.trained": _("训练问题分类模型"),
    "questions.contacts.purged": _("删除到期的网友联系方式"),
    "questions.contacts.rekeyed": _("更换网友联系方式加密密钥"),
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
    "closes": _("征集截止"),
    "into": _("合并至"),
    "channel": _("转办渠道"),
    "entry": _("直播条目"),
    "via": _("来源"),
}


def value_labels() -> dict[str, str]:
    """Codes that appear in audit data (states, step kinds and statuses), in words."""
    from portal.interviews.enums import InterviewState, StepKind, StepStatus  # noqa: PLC0415 -- enums only
    from portal.questions.enums import AnswerKind, QuestionState  # noqa: PLC0415 -- enums only
    from portal.workcalendar.models import DayKind  # noqa: PLC0415 -- enums only

    labels: dict[str, str] = {}
    for enum in (InterviewState, StepKind, StepStatus, DayKind, QuestionState, AnswerKind):
        labels.update({value: str(label) for value, label in enum.choices})
    return labels
