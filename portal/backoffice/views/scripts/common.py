"""Helpers shared by the script screens: scoped look-ups, permission checks, the page's status panel."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from portal.backoffice.views.interviews.detail import visible_interview
from portal.interviews.models import Interview
from portal.scripts.models import Script, ScriptItem, ScriptRevision
from portal.scripts.queries import script_of
from portal.scripts.services.review import missing_chars

__all__ = ["visible_interview"]


def require_perm(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def viewable_script(request, pk: int) -> tuple[Interview, Script]:
    """The interview (404 when invisible) and its working copy (unsaved when nobody wrote one yet)."""
    interview = visible_interview(request, pk)
    script = script_of(interview)
    require_perm(request.user, "scripts.view_script", script)
    return interview, script


def script_item(script: Script, ipk: int) -> ScriptItem:
    if script.pk is None:
        raise Http404
    return get_object_or_404(ScriptItem.objects.select_related("script__interview"), pk=ipk, script=script)


def script_revision(script: Script, number: int) -> ScriptRevision:
    return get_object_or_404(ScriptRevision.objects.filter(script_id=script.pk), number=number)


def script_url(interview: Interview, anchor: str = "") -> str:
    url = reverse("backoffice:script", args=[interview.pk])
    return f"{url}#{anchor}" if anchor else url


def count_context(count: int) -> dict:
    return {"count": count, "minimum": settings.PORTAL_SCRIPT_MIN_CHARS, "missing": missing_chars(count)}


def script_permissions(user, script: Script) -> dict[str, bool]:
    return {
        "edit": user.has_perm("scripts.edit_script", script),
        "submit": user.has_perm("scripts.submit_script", script),
        "submit_final": user.has_perm("scripts.submit_final", script),
    }
