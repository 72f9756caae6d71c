"""Formatting shared by the public pages: times as gov sites print them, and the 责任单位 line."""

from django import template
from django.utils import timezone

from portal.interviews.enums import InterviewState

register = template.Library()

TENTATIVE_STATES = frozenset({InterviewState.PLANNED, InterviewState.POSTPONED})


@register.filter
def minute(value) -> str:
    """A time as YYYY-MM-DD HH:MM (《网页设计规范》), in the portal's time zone."""
    if not value:
        return ""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


@register.filter
def when(interview) -> str:
    """When an interview is (or was) recorded: the full time if known, else its month, else its year."""
    if interview.state == InterviewState.POSTPONED and (
        interview.recording_at is None or interview.recording_at <= timezone.now()
    ):
        return "时间待定"
    if interview.recording_at:
        text = minute(interview.recording_at)
        if not interview.recording_confirmed and interview.state in TENTATIVE_STATES:
            text += "（暂定）"
        return text
    if interview.month:
        return f"{interview.year}年{interview.month}月"
    return f"{interview.year}年"


@register.filter
def units(interview) -> str:
    """The lead unit with ★, then the co-units, as the plan's table prints them; empty when not known."""
    if not interview.lead_unit_id:
        return " ".join(str(unit) for unit in interview.co_units.all())
    return " ".join([f"{interview.lead_unit}★", *(str(unit) for unit in interview.co_units.all())])
