from portal.backoffice.views.followups.rectification import (
    rectification,
    rectification_add,
    rectification_edit,
    rectification_note,
    rectification_status,
)
from portal.backoffice.views.followups.summary import (
    point_add,
    point_edit,
    point_move,
    point_remove,
    summary,
    summary_docx,
    summary_pdf,
    summary_publish,
    summary_return,
)

__all__ = [
    "point_add",
    "point_edit",
    "point_move",
    "point_remove",
    "rectification",
    "rectification_add",
    "rectification_edit",
    "rectification_note",
    "rectification_status",
    "summary",
    "summary_docx",
    "summary_pdf",
    "summary_publish",
    "summary_return",
]
