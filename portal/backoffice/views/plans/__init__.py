"""The annual plan (年度访谈计划): drafting, approval, rows, revisions and the DOCX of the notice."""

from portal.backoffice.views.plans.pages import (
    plan_approve,
    plan_create,
    plan_detail,
    plan_docx_download,
    plan_edit,
    plan_list,
)
from portal.backoffice.views.plans.rows import row_add, row_edit, row_remove

__all__ = [
    "plan_approve",
    "plan_create",
    "plan_detail",
    "plan_docx_download",
    "plan_edit",
    "plan_list",
    "row_add",
    "row_edit",
    "row_remove",
]
