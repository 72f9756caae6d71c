"""The annual plan as published: the notice with its table, its revisions, and the DOCX."""

import re
from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from portal.core.docx import DOCX_MEDIA_TYPE
from portal.interviews.models import Interview
from portal.planning.export import plan_docx
from portal.planning.models import Plan, PlanRow
from portal.planning.queries import plan_with_rows, revision_history

HEADING = re.compile(r"^[一二三四五六七八九十]+、")


@dataclass(frozen=True)
class Block:
    text: str
    is_heading: bool


@dataclass(frozen=True)
class Row:
    row: PlanRow
    interview_id: int | None


def text_blocks(text: str) -> list[Block]:
    """The paragraphs of a notice's text; a line starting 一、二、… is a heading, as the notice prints it."""
    lines = (line.strip() for line in text.splitlines())
    return [Block(line, bool(HEADING.match(line))) for line in lines if line]


def _approved_plan(year: int) -> Plan:
    plan = plan_with_rows(Plan.objects.approved().filter(year=year)).first()
    if plan is None:
        raise Http404("该年度没有已发布的访谈计划")
    return plan


def chinese_date(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


@require_safe
def plan_index(request):
    plans = list(Plan.objects.approved().order_by("-year"))
    if len(plans) == 1:
        return redirect("website:plan-detail", year=plans[0].year)
    context = {"nav": "plan", "plans": plans, "shows_demo": any(plan.is_demo for plan in plans)}
    return TemplateResponse(request, "website/plan_index.html", context)


@require_safe
def plan_detail(request, year: int):
    plan = _approved_plan(year)
    public_ids = dict(Interview.objects.public().filter(plan_row__plan=plan).values_list("plan_row_id", "pk"))
    revisions = revision_history(plan)
    context = {
        "nav": "plan",
        "plan": plan,
        "rows": [Row(row, public_ids.get(row.pk)) for row in plan.rows.all()],
        "preamble": text_blocks(plan.preamble),
        "body": text_blocks(plan.body),
        "issued_on": chinese_date(plan.issued_on),
        "printed_on": chinese_date(plan.printed_on),
        "revisions": revisions if len(revisions) > 1 else [],
        "shows_demo": plan.is_demo,
    }
    return TemplateResponse(request, "website/plan_detail.html", context)


@require_safe
def plan_docx_download(request, year: int):
    plan = _approved_plan(year)
    response = HttpResponse(plan_docx(plan), content_type=DOCX_MEDIA_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{plan.title}.docx")
    return response
