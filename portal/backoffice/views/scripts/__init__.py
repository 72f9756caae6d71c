"""The script (访谈稿) screens: the working copy, submission, the two centers' review, import, export, compare."""

from portal.backoffice.views.scripts.editing import (
    item_add,
    item_edit,
    item_move,
    item_remove,
    items_from_representatives,
    script_count,
    script_page,
    script_part,
)
from portal.backoffice.views.scripts.files import revision_compare, revision_export, script_import
from portal.backoffice.views.scripts.revisions import revision_detail, revision_list, revision_review, script_submit

__all__ = [
    "item_add",
    "item_edit",
    "item_move",
    "item_remove",
    "items_from_representatives",
    "revision_compare",
    "revision_detail",
    "revision_export",
    "revision_list",
    "revision_review",
    "script_count",
    "script_import",
    "script_page",
    "script_part",
    "script_submit",
]
