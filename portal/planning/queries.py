from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from portal.planning.models import Plan, PlanRevision, PlanRow


def plan_with_rows(queryset=None):
    queryset = queryset if queryset is not None else Plan.objects.all()
    return queryset.prefetch_related(
        Prefetch("rows", queryset=PlanRow.objects.select_related("lead_unit").prefetch_related("co_units")),
        Prefetch("revisions", queryset=PlanRevision.objects.select_related("created_by")),
    )


@dataclass(frozen=True)
class RevisionView:
    revision: PlanRevision
    changes: list[str]


def _describe(row: dict) -> str:
    units = "、".join([f"{row['lead_unit']}★", *row["co_units"]])
    return _("%(seq)s. %(month)s月 %(topic)s（%(units)s）") % {**row, "units": units}


def describe_changes(before: list[dict], after: list[dict]) -> list[str]:
    """What a revision changed in the table, row by row, in words a reader of the notice understands."""
    by_topic_before = {row["topic"]: row for row in before}
    by_seq_before = {row["seq"]: row for row in before}
    changes: list[str] = []
    matched: set[int] = set()
    for row in after:
        old = by_topic_before.get(row["topic"]) or by_seq_before.get(row["seq"])
        if old is None or id(old) in matched:
            changes.append(_("新增：%(row)s") % {"row": _describe(row)})
            continue
        matched.add(id(old))
        if old != row:
            changes.append(_("调整：%(old)s → %(new)s") % {"old": _describe(old), "new": _describe(row)})
    for row in before:
        if id(row) not in matched:
            changes.append(_("删除：%(row)s") % {"row": _describe(row)})
    return changes


def revision_history(plan: Plan) -> list[RevisionView]:
    """Each revision with what it changed against the one before (the first one is the approved plan)."""
    views, previous = [], None
    for revision in plan.revisions.all():
        changes = [] if previous is None else describe_changes(previous.rows, revision.rows)
        views.append(RevisionView(revision=revision, changes=changes))
        previous = revision
    return views
