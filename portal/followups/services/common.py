"""Helpers shared by the follow-up services: permission checks and the interview's state."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from portal.followups.exceptions import FollowupRefused
from portal.interviews.enums import HELD_STATES, InterviewState
from portal.interviews.models import Interview


def require(actor, perm: str, obj=None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied


def require_held(interview: Interview, *, filed_ok: bool = False) -> None:
    """The interview has been held (访谈已结束); a filed one only where ``filed_ok``."""
    if interview.state not in HELD_STATES:
        raise FollowupRefused(_("访谈结束后才能进行总结和整改。"))
    if interview.state == InterviewState.FILED and not filed_ok:
        raise FollowupRefused(_("访谈已备案，总结不能再修改。"))
