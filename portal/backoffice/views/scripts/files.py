"""DOCX import into the working copy, DOCX/PDF export of a revision, and the comparison of two revisions.

The parsing, rendering and comparing modules (portal.scripts.docx_import, .export, .diff) are imported
inside the views: they are pure modules of their own with their own dependencies.
"""

from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.script_forms import CompareForm, ImportForm
from portal.backoffice.views.scripts.common import require_perm, script_revision, script_url, viewable_script
from portal.backoffice.views.scripts.editing import render_script
from portal.core.docx import DOCX_MEDIA_TYPE
from portal.scripts.exceptions import ScriptRefused
from portal.scripts.queries import items_of
from portal.scripts.services.editing import import_document

EXPORTS = {"docx": DOCX_MEDIA_TYPE, "pdf": "application/pdf"}


def _has_content(script) -> bool:
    return bool(script.pk and (script.opening or script.closing or items_of(script)))


@require_POST
@staff_required
def script_import(request, pk):
    """Fill the working copy from a Word document; replacing content already there needs a confirmation."""
    interview, script = viewable_script(request, pk)
    require_perm(request.user, "scripts.edit_script", script)
    from portal.scripts.docx_import import DocxImportError, parse_script_docx  # noqa: PLC0415 -- see module docstring

    form = ImportForm(request.POST, request.FILES, auto_id="id_import_%s")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.PORTAL_MAX_MATERIAL_BYTES:
            mb = settings.PORTAL_MAX_MATERIAL_BYTES // (1024 * 1024)
            form.add_error("file", _("文件不能超过%(mb)sMB。") % {"mb": mb})
        elif _has_content(script) and not form.cleaned_data["confirm"]:
            form.add_error(
                "confirm",
                _("当前工作稿已有内容，导入将替换开场、全部问答和结束语。请勾选确认，并重新选择文件后再导入。"),
            )
        else:
            try:
                doc = parse_script_docx(upload)
                import_document(interview, actor=request.user, doc=doc, filename=upload.name)
            except DocxImportError as refused:
                form.add_error("file", str(refused))
            except ScriptRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(
                    request, _("已从“%(name)s”导入%(n)s个问答。") % {"name": upload.name, "n": len(doc.items)}
                )
                return redirect(script_url(interview))
    return render_script(request, pk, status=400, import_form=form)


@staff_required
def revision_export(request, pk, number, fmt):
    interview, script = viewable_script(request, pk)
    revision = script_revision(script, number)
    if fmt not in EXPORTS:
        raise Http404
    from portal.scripts.export import script_docx, script_pdf  # noqa: PLC0415 -- see module docstring

    render = script_docx if fmt == "docx" else script_pdf
    response = HttpResponse(render(revision.as_document()), content_type=EXPORTS[fmt])
    label = _("定稿") if revision.is_final else _("第%(n)s版") % {"n": revision.number}
    chinese = quote(f"{interview.title}访谈稿（{label}）.{fmt}")
    ascii_name = f"script-{interview.pk}-v{revision.number}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{chinese}"
    return response


@staff_required
def revision_compare(request, pk):
    interview, script = viewable_script(request, pk)
    from portal.scripts.diff import compare  # noqa: PLC0415 -- see module docstring

    numbers = list(script.revisions.values_list("number", flat=True)) if script.pk else []
    form = CompareForm(request.GET, numbers=numbers)
    if not form.is_valid():
        context = {"nav": "interviews", "interview": interview, "form": form, "changes": None}
        return TemplateResponse(request, "backoffice/scripts/compare.html", context, status=400)
    old = script_revision(script, form.cleaned_data["old"])
    new = script_revision(script, form.cleaned_data["new"])
    context = {
        "nav": "interviews",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "form": form,
        "old": old,
        "new": new,
        "changes": compare(old.as_document(), new.as_document()),
    }
    return TemplateResponse(request, "backoffice/scripts/compare.html", context)
