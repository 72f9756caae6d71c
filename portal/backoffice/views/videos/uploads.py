"""The chunked upload's endpoints (JSON, for portal/static/js/video-upload.js) and the plain-form fallback.

POST …/uploads/ {filename, size, sha256?} opens a session; GET …/uploads/<id>/ says how many bytes the
server has (the client resumes from there); PUT …/uploads/<id>/ with the raw bytes and ``?offset=`` or
``Content-Range: bytes a-b/total`` appends a chunk; POST …/uploads/<id>/finish/ checks the file.
"""

import json
import re

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.video_forms import VideoFileForm
from portal.backoffice.views.interviews.detail import visible_interview
from portal.backoffice.views.questions.common import require_perm
from portal.backoffice.views.videos.pages import page_url, render_page
from portal.videos.exceptions import UploadGap, VideoRefused
from portal.videos.models import UploadSession
from portal.videos.uploads import finish_upload, receive_chunk, start_upload

_CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+|\*)$")


def _state(session: UploadSession, **extra) -> JsonResponse:
    data = {
        "id": str(session.pk),
        "filename": session.filename,
        "size": session.total_size,
        "received": session.received,
        "status": session.status,
        "error": session.error,
        "chunk_size": settings.PORTAL_VIDEO_CHUNK_BYTES,
        **extra,
    }
    return JsonResponse(data)


def _refusal(message: str, status: int = 400, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _session(request, pk, upload) -> UploadSession:
    interview = visible_interview(request, pk)
    require_perm(request.user, "videos.upload_video", interview)
    return get_object_or_404(UploadSession, pk=upload, interview=interview)


@require_POST
@staff_required
def upload_create(request, pk):
    interview = visible_interview(request, pk)
    require_perm(request.user, "videos.upload_video", interview)
    try:
        payload = json.loads(request.body or b"{}") if request.content_type == "application/json" else request.POST
        size = int(payload.get("size", 0))
    except (ValueError, TypeError):
        return _refusal(_("请求格式有误。"))
    try:
        session = start_upload(
            interview,
            actor=request.user,
            filename=str(payload.get("filename", "")),
            total_size=size,
            sha256=str(payload.get("sha256", "") or ""),
        )
    except VideoRefused as refused:
        return _refusal(str(refused))
    return _state(session)


def _offset(request) -> int | None:
    header = request.headers.get("Content-Range", "")
    if header:
        match = _CONTENT_RANGE.match(header.strip())
        return int(match.group(1)) if match else None
    try:
        return int(request.GET.get("offset", ""))
    except ValueError:
        return None


@require_http_methods(["GET", "PUT"])
@staff_required
def upload_chunk(request, pk, upload):
    session = _session(request, pk, upload)
    if request.method == "GET":
        return _state(session)
    offset = _offset(request)
    if offset is None:
        return _refusal(_("缺少分片位置（offset 参数或 Content-Range 请求头）。"))
    data = request.read(settings.PORTAL_VIDEO_MAX_CHUNK_BYTES + 1)
    try:
        session = receive_chunk(session, actor=request.user, offset=offset, data=data)
    except UploadGap as gap:
        return _refusal(str(gap), status=409, expected=gap.expected, received=gap.expected)
    except VideoRefused as refused:
        return _refusal(str(refused))
    return _state(session)


@require_POST
@staff_required
def upload_finish(request, pk, upload):
    session = _session(request, pk, upload)
    try:
        video = finish_upload(session, actor=request.user)
    except VideoRefused as refused:
        session.refresh_from_db()
        return _refusal(str(refused), status=422, upload_status=session.status)
    messages.success(
        request, _("视频“%(file)s”已通过检查，正在后台转码为网页播放版本。") % {"file": video.original_filename}
    )
    return JsonResponse({"video": video.pk, "redirect": page_url(video.interview_id, video.pk)})


@require_POST
@staff_required
def upload_form(request, pk):
    """Without JavaScript: the whole file in one request, through the same session and checks."""
    interview = visible_interview(request, pk)
    require_perm(request.user, "videos.upload_video", interview)
    form = VideoFileForm(request.POST, request.FILES, auto_id="id_upload_%s")
    if not form.is_valid():
        return render_page(request, interview, status=400, upload_form=form)
    upload = form.cleaned_data["file"]
    try:
        session = start_upload(interview, actor=request.user, filename=upload.name, total_size=upload.size)
        offset = 0
        for chunk in upload.chunks(settings.PORTAL_VIDEO_CHUNK_BYTES):
            session = receive_chunk(session, actor=request.user, offset=offset, data=chunk)
            offset += len(chunk)
        video = finish_upload(session, actor=request.user)
    except VideoRefused as refused:
        form.add_error("file", str(refused))
        return render_page(request, interview, status=400, upload_form=form)
    messages.success(
        request, _("视频“%(file)s”已通过检查，正在后台转码为网页播放版本。") % {"file": video.original_filename}
    )
    return redirect(page_url(video.interview_id, video.pk))
