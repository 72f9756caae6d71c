"""Drafting, approving and revising the annual plan (区政府办).

Before approval the draft changes freely. Approval snapshots the rows as revision 1 and creates
one interview per row. After approval every change needs a note and makes a new revision, so the
public page can show what changed and when.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.services import log_action
from portal.interviews.enums import InterviewState
from portal.interviews.services import create_interview_for_row, sync_interview_with_row
from portal.planning.models import Plan, PlanRevision, PlanRow, PlanStatus

PLAN_FIELDS = (
    "year", "title", "doc_number", "issuer", "notice_title", "addressee", "notice_body", "preamble", "body", "note",
    "issued_on", "printed_on", "cc", "disclosure", "contact_name", "contact_phone",
)  # fmt: skip


class PlanChangeRefused(Exception):
    """Raised with a user-facing, translated message."""


def _require_change(actor) -> None:
    if not actor.has_perm("planning.change_plan"):
        raise PermissionDenied


def _revise(plan: Plan, *, actor, note: str) -> PlanRevision | None:
    """After approval, a change must say why and becomes a new revision; drafts are not revised."""
    if not plan.is_approved:
        return None
    if not note.strip():
        raise PlanChangeRefused(_("计划已审定，修改须填写修订说明。"))
    last = plan.revisions.order_by("-number").first()
    revision = PlanRevision.objects.create(
        plan=plan,
        number=(last.number if last else 0) + 1,
        note=note,
        rows=[row.snapshot() for row in plan.rows.select_related("lead_unit").prefetch_related("co_units")],
        created_by=actor,
    )
    log_action(plan, "planning.plan.revised", actor=actor, data={"revision": revision.number, "note": note})
    return revision


@transaction.atomic
def create_plan(*, actor, is_demo: bool = False, **fields) -> Plan:
    """A draft plan; one per year (a demonstration plan included, which must be removed first)."""
    _require_change(actor)
    existing = Plan.objects.filter(year=fields.get("year")).first()
    if existing is not None:
        if existing.is_demo:
            raise PlanChangeRefused(
                _("%(year)s年已有演示计划。录入正式计划前，请由系统管理员删除演示数据。") % {"year": existing.year}
            )
        raise PlanChangeRefused(_("%(year)s年的访谈计划已经存在。") % {"year": existing.year})
    plan = Plan.objects.create(is_demo=is_demo, **{key: value for key, value in fields.items() if key in PLAN_FIELDS})
    log_action(plan, "planning.plan.created", actor=actor, data={"year": plan.year})
    return plan


@transaction.atomic
def update_plan(plan: Plan, *, actor, note: str = "", **fields) -> Plan:
    _require_change(actor)
    # Read afresh under a lock: a copy read before approval must not skip the revision note.
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    changed = {}
    for key, value in fields.items():
        if key in PLAN_FIELDS and getattr(plan, key) != value:
            changed[key] = {"from": str(getattr(plan, key)), "to": str(value)}
            setattr(plan, key, value)
    if not changed:
        return plan
    if plan.is_approved and "year" in changed:
        raise PlanChangeRefused(_("已审定计划的年度不能修改。"))
    plan.save()
    log_action(plan, "planning.plan.updated", actor=actor, data=changed)
    _revise(plan, actor=actor, note=note)
    return plan


def _next_seq(plan: Plan) -> int:
    last = plan.rows.order_by("-seq").first()
    return (last.seq if last else 0) + 1


def _check_row(plan: Plan, *, seq: int, month: int, lead_unit, co_units, row: PlanRow | None = None) -> None:
    if not 1 <= month <= 12:
        raise PlanChangeRefused(_("访谈时间须为1至12月。"))
    if lead_unit in list(co_units):
        raise PlanChangeRefused(_("第一责任单位不能同时是配合单位。"))
    clash = plan.rows.filter(seq=seq).exclude(pk=getattr(row, "pk", None))
    if clash.exists():
        raise PlanChangeRefused(_("序号%(seq)s已被使用。") % {"seq": seq})


@transaction.atomic
def add_row(plan: Plan, *, actor, month: int, topic: str, lead_unit, co_units=(), seq=None, note="") -> PlanRow:
    _require_change(actor)
    seq = seq or _next_seq(plan)
    _check_row(plan, seq=seq, month=month, lead_unit=lead_unit, co_units=co_units)
    row = PlanRow.objects.create(plan=plan, seq=seq, month=month, topic=topic, lead_unit=lead_unit)
    row.co_units.set(co_units)
    log_action(plan, "planning.row.added", actor=actor, data=row.snapshot())
    if plan.is_approved:
        create_interview_for_row(row, actor=actor)
    _revise(plan, actor=actor, note=note)
    return row


@transaction.atomic
def update_row(row: PlanRow, *, actor, month: int, topic: str, lead_unit, co_units=(), seq=None, note="") -> PlanRow:
    _require_change(actor)
    seq = seq or row.seq
    _check_row(row.plan, seq=seq, month=month, lead_unit=lead_unit, co_units=co_units, row=row)
    before = row.snapshot()
    row.seq, row.month, row.topic, row.lead_unit = seq, month, topic, lead_unit
    row.save()
    row.co_units.set(co_units)
    after = row.snapshot()
    if before == after:
        return row
    log_action(row.plan, "planning.row.updated", actor=actor, data={"from": before, "to": after})
    interview = getattr(row, "interview", None)
    if interview is not None:
        sync_interview_with_row(interview, row)
    _revise(row.plan, actor=actor, note=note)
    return row


@transaction.atomic
def remove_row(row: PlanRow, *, actor, note: str = "") -> None:
    """A draft's row goes freely; an approved plan's row only once its interview was cancelled."""
    _require_change(actor)
    plan = row.plan
    interview = getattr(row, "interview", None)
    if interview is not None and interview.state != InterviewState.CANCELLED:
        raise PlanChangeRefused(_("该条目的访谈尚未取消，请先在访谈页面取消访谈（须填写原因），再删除条目。"))
    if plan.is_approved and not note.strip():
        raise PlanChangeRefused(_("计划已审定，修改须填写修订说明。"))
    log_action(plan, "planning.row.removed", actor=actor, data=row.snapshot())
    row.delete()
    _revise(plan, actor=actor, note=note)


@transaction.atomic
def approve_plan(plan: Plan, *, actor) -> Plan:
    """区政府办 approves the draft: it becomes public, revision 1 is kept, each row gets its interview."""
    if not actor.has_perm("planning.approve_plan"):
        raise PermissionDenied
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_approved:
        raise PlanChangeRefused(_("该计划已经审定。"))
    rows = list(plan.rows.select_related("lead_unit", "plan").prefetch_related("co_units"))
    if not rows:
        raise PlanChangeRefused(_("计划中还没有访谈条目，不能审定。"))
    if not plan.doc_number.strip():
        raise PlanChangeRefused(_("请先填写文号。"))
    plan.status = PlanStatus.APPROVED
    plan.approved_at = timezone.now()
    plan.approved_by = actor
    plan.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
    PlanRevision.objects.create(
        plan=plan, number=1, note=_("审定发布"), rows=[row.snapshot() for row in rows], created_by=actor
    )
    for row in rows:
        if not hasattr(row, "interview"):
            create_interview_for_row(row, actor=actor)
    log_action(plan, "planning.plan.approved", actor=actor, data={"rows": len(rows)})
    return plan
