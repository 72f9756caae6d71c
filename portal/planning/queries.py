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
    """What a revision changed in the table, row by row, in words a reader of the notice understands.

    Rows are paired first where both 序号 and topic agree, then by topic, then by 序号, so that
    two rows of the same topic (e.g. 待定) are not taken for one row moved and one added.
    """
    paired: dict[int, dict] = {}
    unpaired = list(range(len(before)))
    for same in (
        lambda new, old: new["seq"] == old["seq"] and new["topic"] == old["topic"],
        lambda new, old: new["topic"] == old["topic"],
        lambda new, old: new["seq"] == old["seq"],
    ):
        for index, row in enumerate(after):
            if index in paired:
                continue
            match = next((j for j in unpaired if same(row, before[j])), None)
            if match is not None:
                paired[index] = before[match]
                unpaired.remove(match)
    changes: list[str] = []
    for index, row in enumerate(after):
        old = paired.get(index)
        if old is None:
            changes.append(_("新增：%(row)s") % {"row": _describe(row)})
        elif old != row:
            changes.append(_("调整：%(old)s → %(new)s") % {"old": _describe(old), "new": _describe(row)})
    changes.extend(_("删除：%(row)s") % {"row": _describe(before[j])} for j in unpaired)
    return changes


def revision_history(plan: Plan) -> list[RevisionView]:
    """Each revision with what it changed against the one before (the first one is the approved plan)."""
    views, previous = [], None
    for revision in plan.revisions.all():
        changes = [] if previous is None else describe_changes(previous.rows, revision.rows)
        views.append(RevisionView(revision=revision, changes=changes))
        previous = revision
    return views
