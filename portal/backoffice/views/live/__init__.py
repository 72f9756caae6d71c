"""The live console (图文直播控制台) for both centers' operators: one page, usable on a phone."""

from portal.backoffice.views.live.console import console, console_entries, live_end, live_start, stream_set
from portal.backoffice.views.live.entries import (
    entry_delete,
    entry_edit,
    entry_highlight,
    entry_link,
    entry_post,
    entry_publish,
    entry_withdraw,
)
from portal.backoffice.views.live.prepared import script_import, script_next

__all__ = [
    "console",
    "console_entries",
    "entry_delete",
    "entry_edit",
    "entry_highlight",
    "entry_link",
    "entry_post",
    "entry_publish",
    "entry_withdraw",
    "live_end",
    "live_start",
    "script_import",
    "script_next",
    "stream_set",
]
