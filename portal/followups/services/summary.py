"""The summary: the lead unit writes it and the sorted opinions, submits it (step 7 done), and
数字治理中心 publishes it on the interview's public page or sends it back with a note.

Submitting and sending back are the only ways step 7 (总结提高) changes (interviews.services.EVENT_SETTLED_STEPS).
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from portal.accounts.models import singleton_unit_ids
from portal.audit.services import log_action
from portal.followups.enums import SummaryState
from portal.followups.exceptions import FollowupRefused
from portal.followups.models import OpinionPoint, Summary
from portal.followups.services.common import require, require_held
from portal.interviews.enums import StepKind, StepStatus
from portal.interviews.models import Interview
from portal.interviews.services import settle_step
from portal.notifications.services import notify_units
from portal.questions.enums import QuestionState
from portal.questions.models import Question
from portal.questions.services.introduction import sanitise_body

BODY_MAX = 30000
POINT_MAX = 1000


def summary_url(interview: Interview) -> str:
    from django.urls import reverse  # noqa: PLC0415 -- keep the service importable without the URLconf

    return reverse("backoffice:summary", args=[interview.pk])


def _summary(interview: Interview) -> Summary:
    summary, _created = Summary.objects.select_for_update().get_or_create(interview=interview)
    return summary


def _require_editable(summary: Summary) -> None:
    require_held(summary.interview)
    if summary.state == SummaryState.SUBMITTED:
        raise FollowupRefused(_("总结已提交，等待区城市数字治理中心发布；如需修改，请联系其退回。"))
    if summary.state == SummaryState.PUBLISHED:
        raise FollowupRefused(_("总结已发布，不能再修改。"))


@transaction.atomic
def save_summary(interview: Interview, *, actor, body: str, submit: bool = False) -> Summary:
    """Save the lead unit's text (sanitised like the introduction); with ``submit``, hand it in."""
    require(actor, "followups.write_summary", interview)
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    summary = _summary(interview)
    _require_editable(summary)
    body = sanitise_body(body)
    if len(body) > BODY_MAX:
        raise FollowupRefused(_("总结正文不能超过%(n)s个字符。") % {"n": BODY_MAX})
    if submit and not strip_tags(body).strip():
        raise FollowupRefused(_("请填写总结正文后再提交。"))
    summary.body, summary.written_by = body, actor
    if submit:
        summary.state, summary.submitted_at, summary.return_note = SummaryState.SUBMITTED, timezone.now(), ""
    summary.save()
    settle_step(interview, StepKind.SUMMARY, StepStatus.DONE if submit else StepStatus.IN_PROGRESS)
    log_action(interview, "followups.summary.submitted" if submit else "followups.summary.saved", actor=actor)
    if submit:
        digital = singleton_unit_ids().get("digital_center")
        notify_units(
            [digital] if digital else [],
            title=_("访谈总结待发布：%(title)s") % {"title": interview.title},
            url=summary_url(interview),
        )
    return summary


@transaction.atomic
def return_summary(interview: Interview, *, actor, note: str) -> Summary:
    """数字治理中心 sends a submitted summary back to the lead unit (step 7 in progress again)."""
    require(actor, "followups.publish_summary", interview)
    summary = _summary(interview)
    if summary.state != SummaryState.SUBMITTED:
        raise FollowupRefused(_("只有已提交的总结可以退回。"))
    note = (note or "").strip()
    if not note:
        raise FollowupRefused(_("退回时请填写修改意见。"))
    summary.state, summary.return_note = SummaryState.DRAFT, note[:2000]
    summary.save(update_fields=["state", "return_note", "updated_at"])
    settle_step(interview, StepKind.SUMMARY, StepStatus.IN_PROGRESS)
    log_action(interview, "followups.summary.returned", actor=actor, data={"note": note})
    notify_units(
        [interview.lead_unit_id],
        title=_("访谈总结被退回：%(title)s") % {"title": interview.title},
        body=note,
        url=summary_url(interview),
    )
    return summary


@transaction.atomic
def publish_summary(interview: Interview, *, actor) -> Summary:
    """数字治理中心 publishes a submitted summary on the interview's public page."""
    require(actor, "followups.publish_summary", interview)
    summary = _summary(interview)
    require_held(interview)
    if summary.state != SummaryState.SUBMITTED:
        raise FollowupRefused(_("只有第一责任单位已提交的总结可以发布。"))
    summary.state, summary.published_at, summary.published_by = SummaryState.PUBLISHED, timezone.now(), actor
    summary.save(update_fields=["state", "published_at", "published_by", "updated_at"])
    log_action(interview, "followups.summary.published", actor=actor)
    notify_units(
        [interview.lead_unit_id],
        title=_("访谈总结已发布：%(title)s") % {"title": interview.title},
        url=summary_url(interview),
    )
    return summary


def citable_questions(interview: Interview):
    """What an opinion point or a rectification item may cite: the interview's published questions."""
    return Question.objects.filter(interview=interview, state=QuestionState.PUBLISHED)


def cited(interview: Interview, question_ids) -> list[Question]:
    ids = {int(pk) for pk in question_ids or []}
    if not ids:
        raise FollowupRefused(_("请至少选择一个网友提问作为依据。"))
    questions = list(citable_questions(interview).filter(pk__in=ids))
    if len(questions) != len(ids):
        raise FollowupRefused(_("只能引用本期访谈已发布的网友提问。"))
    return questions


def _clean_point(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise FollowupRefused(_("请填写意见建议。"))
    if len(text) > POINT_MAX:
        raise FollowupRefused(_("每条意见建议不能超过%(n)s个字。") % {"n": POINT_MAX})
    return text


@transaction.atomic
def save_point(
    interview: Interview, *, actor, text: str, question_ids, point: OpinionPoint | None = None
) -> OpinionPoint:
    """Add a point of the sorted opinions (at the end) or change one, with the questions it cites."""
    require(actor, "followups.write_summary", interview)
    summary = _summary(interview)
    _require_editable(summary)
    text = _clean_point(text)
    questions = cited(interview, question_ids)
    if point is None:
        last = summary.points.aggregate(last=Max("order"))["last"]
        point = OpinionPoint.objects.create(summary=summary, text=text, order=(last or 0) + 1)
        action = "followups.point.added"
    else:
        if point.summary_id != summary.pk:
            raise FollowupRefused(_("该意见建议不属于本期访谈。"))
        point.text = text
        point.save(update_fields=["text", "updated_at"])
        action = "followups.point.updated"
    point.questions.set(questions)
    log_action(
        interview, action, actor=actor, data={"text": text[:200], "questions": [q.receipt_code for q in questions]}
    )
    return point


@transaction.atomic
def remove_point(interview: Interview, *, actor, point: OpinionPoint) -> None:
    require(actor, "followups.write_summary", interview)
    summary = _summary(interview)
    _require_editable(summary)
    if point.summary_id != summary.pk:
        raise FollowupRefused(_("该意见建议不属于本期访谈。"))
    log_action(interview, "followups.point.removed", actor=actor, data={"text": point.text[:200]})
    point.delete()


@transaction.atomic
def move_point(interview: Interview, *, actor, point: OpinionPoint, up: bool) -> None:
    """Swap the point with the one before (``up``) or after it."""
    require(actor, "followups.write_summary", interview)
    summary = _summary(interview)
    _require_editable(summary)
    points = list(summary.points.order_by("order", "pk"))
    index = next((i for i, p in enumerate(points) if p.pk == point.pk), None)
    if index is None:
        raise FollowupRefused(_("该意见建议不属于本期访谈。"))
    other = index - 1 if up else index + 1
    if not 0 <= other < len(points):
        raise FollowupRefused(_("已经在最前面。") if up else _("已经在最后面。"))
    points[index], points[other] = points[other], points[index]
    for position, each in enumerate(points, start=1):
        if each.order != position:
            each.order = position
            each.save(update_fields=["order"])
    log_action(interview, "followups.point.reordered", actor=actor, data={"text": point.text[:200]})
