"""The 备案 page of an interview: file it, then download, verify, read the manifest and add addenda."""

import json

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.audit.models import AuditEntry
from portal.backoffice.decorators import staff_required
from portal.backoffice.filing_forms import AddendumForm, RedactionForm
from portal.backoffice.views.interviews.detail import visible_interview
from portal.backoffice.views.questions.common import require_perm
from portal.filing.base import ArchiveFile
from portal.filing.enums import AddendumKind
from portal.filing.exceptions import FilingRefused
from portal.filing.redaction import redact_question
from portal.filing.services import (
    add_addendum,
    file_interview,
    filing_of,
    filing_problems,
    record_download,
    section_statuses,
    verify_filing,
)
from portal.interviews.models import Interview

TEMPLATE = "backoffice/filing/page.html"
AUDIT_SHOWN = 50


def page_url(interview_id: int, anchor: str = "") -> str:
    url = reverse("backoffice:filing", args=[interview_id])
    return f"{url}#{anchor}" if anchor else url


def _filed(request, pk: int):
    interview = visible_interview(request, pk)
    require_perm(request.user, "filing.view_filing", interview)
    filing = filing_of(interview)
    if filing is None:
        raise Http404("本期访谈尚未备案")
    return interview, filing


def render_page(
    request,
    interview: Interview,
    *,
    status: int = 200,
    file_error: str = "",
    report=None,
    addendum_form: AddendumForm | None = None,
    redaction_form: RedactionForm | None = None,
) -> TemplateResponse:
    user = request.user
    require_perm(user, "filing.view_filing", interview)
    filing = filing_of(interview)
    context = {
        "nav": "interviews",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "filing": filing,
        "can_file": filing is None and user.has_perm("filing.file_interview", interview),
        "can_add": filing is not None and user.has_perm("filing.add_addendum", interview),
        "file_error": file_error,
        "report": report,
        "audit_entries": list(
            AuditEntry.objects.for_object(interview).filter(action__startswith="filing.")[:AUDIT_SHOWN]
        ),
        "full_log": user.has_perm("audit.view_full_log"),
    }
    if filing is None:
        context["sections"] = section_statuses(interview)
        context["problems"] = filing_problems(interview)
    else:
        names = [entry["name"] for entry in filing.files]
        context["addenda"] = list(filing.addenda.select_related("created_by"))
        context["addendum_form"] = addendum_form or AddendumForm(files_in_archive=names, auto_id="id_addendum_%s")
        context["redaction_form"] = redaction_form or RedactionForm(interview=interview, auto_id="id_redact_%s")
    return TemplateResponse(request, TEMPLATE, context, status=status)


@require_safe
@staff_required
def filing_page(request, pk):
    return render_page(request, visible_interview(request, pk))


@require_POST
@staff_required
def filing_file(request, pk):
    interview = visible_interview(request, pk)
    require_perm(request.user, "filing.file_interview", interview)
    try:
        file_interview(interview, actor=request.user)
    except FilingRefused as refused:
        return render_page(request, interview, status=400, file_error=str(refused))
    messages.success(request, _("本期访谈已备案，备案文件包已生成。"))
    return redirect(page_url(interview.pk))


@require_POST
@staff_required
def filing_verify(request, pk):
    interview, filing = _filed(request, pk)
    report = verify_filing(filing, actor=request.user)
    return render_page(request, interview, report=report)


@require_safe
@staff_required
def filing_download(request, pk):
    interview, filing = _filed(request, pk)
    try:
        handle = default_storage.open(filing.archive.name, "rb")
    except (FileNotFoundError, OSError) as missing:
        raise Http404("备案文件包缺失") from missing
    record_download(filing, actor=request.user)
    response = FileResponse(handle, as_attachment=True, filename=f"备案-{interview.pk}-{interview.title[:40]}.zip")
    response["Content-Type"] = "application/zip"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@staff_required
def filing_manifest(request, pk):
    _interview, filing = _filed(request, pk)
    body = json.dumps(filing.manifest, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@staff_required
def filing_addendum(request, pk):
    interview, filing = _filed(request, pk)
    require_perm(request.user, "filing.add_addendum", interview)
    names = [entry["name"] for entry in filing.files]
    form = AddendumForm(request.POST, request.FILES, files_in_archive=names, auto_id="id_addendum_%s")
    if not form.is_valid():
        return render_page(request, interview, status=400, addendum_form=form)
    data = form.cleaned_data
    files, changes = [], []
    if upload := data.get("file"):
        item = ArchiveFile(upload.name.replace("/", "_")[:100], upload.read(), upload.content_type or "")
        files.append(item)
        if data["corrects"]:
            old = next(entry["sha256"] for entry in filing.files if entry["name"] == data["corrects"])
            changes.append({"file": data["corrects"], "old_sha256": old, "new_sha256": item.sha256})
    elif data["corrects"]:
        changes.append({"file": data["corrects"], "old_sha256": None, "new_sha256": None})
    try:
        addendum = add_addendum(
            filing, actor=request.user, kind=data["kind"], reason=data["reason"], files=files, changes=changes
        )
    except FilingRefused as refused:
        form.add_error(None, str(refused))
        return render_page(request, interview, status=400, addendum_form=form)
    messages.success(request, _("已添加备案补充说明%(n)s。") % {"n": addendum.number})
    return redirect(page_url(interview.pk, "addenda"))


@require_POST
@staff_required
def filing_redact(request, pk):
    interview, _filing = _filed(request, pk)
    require_perm(request.user, "filing.add_addendum", interview)
    form = RedactionForm(request.POST, interview=interview, auto_id="id_redact_%s")
    if not form.is_valid():
        return render_page(request, interview, status=400, redaction_form=form)
    data = form.cleaned_data
    try:
        addendum = redact_question(
            data["question"], actor=request.user, reference=data["reference"], reason=data["reason"]
        )
    except FilingRefused as refused:
        form.add_error(None, str(refused))
        return render_page(request, interview, status=400, redaction_form=form)
    messages.success(
        request,
        _("已删除该网友的个人信息，公众页面已改为“%(kind)s”后的内容，并添加备案补充说明%(n)s。")
        % {"kind": AddendumKind.REDACTION.label, "n": addendum.number},
    )
    return redirect(page_url(interview.pk, "addenda"))
