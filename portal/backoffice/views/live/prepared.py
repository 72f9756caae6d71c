"""Prepared content in the console: import the approved final script as drafts, and 发布下一条."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.views.live.common import console_interview
from portal.backoffice.views.live.console import console_url
from portal.live.exceptions import LiveRefused
from portal.live.prepared import import_final_script, publish_next


@require_POST
@staff_required
def script_import(request, pk):
    interview = console_interview(request, pk)
    try:
        result = import_final_script(interview, actor=request.user)
    except LiveRefused as refused:
        messages.error(request, str(refused))
        return redirect(f"{console_url(interview)}#drafts")
    if result.created:
        text = _("已从定稿（第%(n)s版）导入%(created)s条草稿，可按顺序“发布下一条”。") % {
            "n": result.revision.number,
            "created": result.created,
        }
        if result.unmatched_guests:
            text += _("其中%(n)s条回答的回答人不是本期嘉宾，将以其姓名发布，可在发布前修改。") % {
                "n": result.unmatched_guests
            }
        messages.success(request, text)
    else:
        messages.info(request, _("定稿内容此前已全部导入，没有重复创建草稿。"))
    return redirect(f"{console_url(interview)}#drafts")


@require_POST
@staff_required
def script_next(request, pk):
    interview = console_interview(request, pk)
    raw = request.POST.get("entry", "")
    try:
        entry = publish_next(interview, actor=request.user, expected=int(raw) if raw.isdigit() else None)
    except LiveRefused as refused:
        messages.error(request, str(refused))
        return redirect(f"{console_url(interview)}#drafts")
    messages.success(request, _("已发布下一条：%(text)s") % {"text": entry.text[:30]})
    return redirect(f"{console_url(interview)}#drafts")
