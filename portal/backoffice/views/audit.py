"""审计日志: search the whole audit log, page through it newest first, export what was found (CSV, XLSX)."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.handlers.asgi import ASGIRequest
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.export import XLSX_MAX_ROWS, XLSX_TYPE, acsv_chunks, csv_chunks, entries_xlsx, export_heading
from portal.audit.forms import AuditSearchForm
from portal.audit.queries import search_entries
from portal.audit.retention import retention_days
from portal.audit.services import record_export
from portal.backoffice.decorators import staff_required

PAGE_SIZE = 50


def _search(request):
    """The bound search form and its entries (None when the form is refused)."""
    if not request.user.has_perm("audit.view_full_log"):
        raise PermissionDenied
    form = AuditSearchForm(request.GET or None)
    if not request.GET:
        return form, search_entries()
    if not form.is_valid():
        return form, None
    return form, search_entries(**form.filters())


def _attachment(response, ascii_name: str, chinese_name: str):
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(chinese_name)}"
    return response


@staff_required
def audit_log(request):
    form, entries = _search(request)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page")) if entries is not None else None
    query = request.GET.copy()
    query.pop("page", None)
    days = retention_days()
    context = {
        "nav": "audit",
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "retention_days": days,
        "retention_months": days * 12 // 365,
    }
    return TemplateResponse(request, "backoffice/audit/log.html", context, status=200 if page is not None else 400)


def _back_to_search(request):
    return redirect(f"{reverse('backoffice:audit-log')}?{request.GET.urlencode()}")


def _refused(request):
    messages.error(request, _("筛选条件有误，未导出。请修改后重试。"))
    return _back_to_search(request)


@staff_required
def audit_export_csv(request):
    form, entries = _search(request)
    if entries is None:
        return _refused(request)
    filters = form.described() if form.is_bound else {}
    logged = record_export(actor=request.user, export_format="csv", filters=filters, rows=entries.count())
    entries = entries.filter(pk__lt=logged.pk)  # what was there when asked, not the export's own entry
    chunks = acsv_chunks(entries) if isinstance(request, ASGIRequest) else csv_chunks(entries)
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return _attachment(response, f"audit-{stamp}.csv", f"审计日志-{stamp}.csv")


@staff_required
def audit_export_xlsx(request):
    form, entries = _search(request)
    if entries is None:
        return _refused(request)
    count = entries.count()
    if count > XLSX_MAX_ROWS:
        messages.error(
            request,
            _("共%(count)d条记录，超过Excel导出上限%(limit)d条。请缩小筛选范围，或导出CSV。")
            % {"count": count, "limit": XLSX_MAX_ROWS},
        )
        return _back_to_search(request)
    filters = form.described() if form.is_bound else {}
    logged = record_export(actor=request.user, export_format="xlsx", filters=filters, rows=count)
    entries = entries.filter(pk__lt=logged.pk)
    now = timezone.now()
    response = HttpResponse(entries_xlsx(entries, export_heading(filters, now)), content_type=XLSX_TYPE)
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M")
    return _attachment(response, f"audit-{stamp}.xlsx", f"审计日志-{stamp}.xlsx")
