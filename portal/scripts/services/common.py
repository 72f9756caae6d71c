"""Helpers shared by the script services: permission checks, the locked working copy, the draft step."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from portal.interviews.enums import FILED_REFUSAL, InterviewState, StepKind, StepStatus
from portal.interviews.models import Interview
from portal.interviews.services import settle_step
from portal.scripts.exceptions import ScriptRefused
from portal.scripts.models import Script
from portal.scripts.queries import script_of

CLOSED_STATES = frozenset({InterviewState.CANCELLED, InterviewState.FILED})


def require(actor, perm: str, obj) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied


def require_open(script: Script) -> None:
    """The reasons an open script would be closed, as refusals (checked after the permission)."""
    interview = script.interview
    if interview.state == InterviewState.FILED:
        raise ScriptRefused(str(FILED_REFUSAL))
    if interview.state in CLOSED_STATES:
        raise ScriptRefused(_("“%(state)s”的访谈不能再修改访谈稿。") % {"state": interview.get_state_display()})
    if script.final_approved:
        raise ScriptRefused(_("访谈定稿已经两中心审核通过，访谈稿不能再修改。"))


def editable_script(interview: Interview, *, actor, perm: str = "scripts.edit_script") -> Script:
    """The working copy, created on the first edit and locked for this transaction, once the actor may edit it."""
    current = script_of(interview)
    require_open(current)
    require(actor, perm, current)
    script, _created = Script.objects.select_for_update().get_or_create(interview=interview)
    script.interview = interview
    require_open(script)
    return script


def touch(script: Script, actor) -> None:
    """Record who changed the working copy last, and put 起草访谈稿 in progress on the first edit."""
    script.updated_by = actor
    script.save(update_fields=["updated_by", "updated_at"])
    interview = script.interview
    if interview.steps.filter(kind=StepKind.DRAFT, status=StepStatus.NOT_STARTED).exists():
        settle_step(interview, StepKind.DRAFT, StepStatus.IN_PROGRESS)
