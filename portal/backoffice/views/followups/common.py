"""Helpers shared by the summary and rectification screens."""

from django.core.exceptions import PermissionDenied

from portal.backoffice.views.interviews.detail import visible_interview
from portal.followups.services.summary import citable_questions
from portal.interviews.models import Interview


def followup_interview(request, pk: int) -> Interview:
    """The interview if the user sees it (else 404) and may read its follow-ups (else 403)."""
    interview = visible_interview(request, pk)
    if not request.user.has_perm("followups.view_followups", interview):
        raise PermissionDenied
    return interview


def require_perm(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def citable(interview: Interview) -> list:
    return list(citable_questions(interview).order_by("group_id", "pk"))
