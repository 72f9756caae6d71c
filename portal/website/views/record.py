"""The 图文实录 as files for the public, once the interview has ended: DOCX and PDF (portal/live/record.py).

The files depend only on the record, so a rendered file is cached under the interview's last event number
(a 补录, correction or withdrawal after the end makes a new one) and served with a short public max-age.
"""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from portal.core.docx import DOCX_MEDIA_TYPE
from portal.interviews.enums import HELD_STATES
from portal.live import queries
from portal.live.models import LiveEntry
from portal.live.record import record_docx, record_pdf, record_title
from portal.website.views.interviews import public_interview_or_404

CACHE_SECONDS = 600


def _record_file(pk: int, extension: str, build, content_type: str):
    interview = public_interview_or_404(pk)
    if interview.state not in HELD_STATES or not LiveEntry.objects.public().filter(interview=interview).exists():
        raise Http404("该访谈尚无图文实录")
    key = f"live:record:{interview.pk}:{queries.last_seq(interview.pk)}:{interview.updated_at.timestamp()}:{extension}"
    content = cache.get(key)
    if content is None:
        content = build(interview)
        cache.set(key, content, CACHE_SECONDS)
    response = HttpResponse(content, content_type=content_type)
    filename = f"{record_title(interview)}.{extension}"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    patch_cache_control(response, public=True, max_age=300)
    return response


@require_safe
def record_docx_download(request, pk: int):
    return _record_file(pk, "docx", record_docx, DOCX_MEDIA_TYPE)


@require_safe
def record_pdf_download(request, pk: int):
    return _record_file(pk, "pdf", record_pdf, "application/pdf")
