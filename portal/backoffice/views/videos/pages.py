"""The interview's 后期视频 page: uploads, each video's checks, rendition progress, publication, captions."""

from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.audit.models import AuditEntry
from portal.backoffice.decorators import staff_required
from portal.backoffice.video_forms import (
    CaptionFileForm,
    CaptionTextForm,
    ChapterOffsetForm,
    UnpublishForm,
    VideoFileForm,
)
from portal.backoffice.views.interviews.detail import visible_interview
from portal.backoffice.views.questions.common import require_perm
from portal.interviews.models import Interview
from portal.videos import queries
from portal.videos.enums import UploadStatus
from portal.videos.exceptions import VideoRefused
from portal.videos.models import Video
from portal.videos.ranges import ranged_response
from portal.videos.services import publish_video, remove_video, retry_rendition, unpublish_video
from portal.videos.uploads import UPLOAD_STATES

TEMPLATE = "backoffice/videos/page.html"
AUDIT_SHOWN = 100


def page_url(interview_id: int, video_id: int | None = None) -> str:
    url = reverse("backoffice:video-page", args=[interview_id])
    return f"{url}#video-{video_id}" if video_id else url


def visible_video(request, pk: int, vid: int) -> tuple[Interview, Video]:
    interview = visible_interview(request, pk)
    require_perm(request.user, "videos.view_video", interview)
    return interview, get_object_or_404(Video.objects.select_related("uploaded_by"), pk=vid, interview=interview)


def _forms_for(video: Video, bound: dict) -> None:
    prefix = f"id_v{video.pk}_"
    video.caption_form = bound.get("caption") or CaptionFileForm(auto_id=prefix + "caption_%s")
    video.text_form = bound.get("text") or CaptionTextForm(
        initial={"text": video.captions_vtt}, auto_id=prefix + "text_%s"
    )
    video.offset_form = bound.get("offset") or ChapterOffsetForm(
        initial={"offset": video.chapter_offset}, auto_id=prefix + "offset_%s"
    )
    video.unpublish_form = bound.get("unpublish") or UnpublishForm(auto_id=prefix + "unpublish_%s")
    video.error = bound.get("error", "")


def render_page(request, interview: Interview, *, status=200, bound_video=None, bound=None,
                upload_form=None, upload_error="") -> TemplateResponse:  # fmt: skip
    user = request.user
    require_perm(user, "videos.view_video", interview)
    videos = list(Video.objects.filter(interview=interview).select_related("uploaded_by", "published_by"))
    for video in videos:
        _forms_for(video, bound if bound_video == video.pk and bound else {})
        video.chapters = queries.chapters(video) if video.is_ready else []
        video.player_id = f"staff-video-{video.pk}"
    can_upload = user.has_perm("videos.upload_video", interview) and interview.state in UPLOAD_STATES
    context = {
        "nav": "interviews",
        "interview": interview,
        "shows_demo": interview.is_demo,
        "videos": videos,
        "can_upload": can_upload,
        "can_change": user.has_perm("videos.change_video", interview) and interview.state in UPLOAD_STATES,
        "can_publish": user.has_perm("videos.publish_video", interview) and interview.state in UPLOAD_STATES,
        "upload_states": UPLOAD_STATES,
        "upload_form": upload_form or VideoFileForm(auto_id="id_upload_%s"),
        "upload_error": upload_error,
        "chunk_size": settings.PORTAL_VIDEO_CHUNK_BYTES,
        "max_bytes": settings.PORTAL_MAX_VIDEO_BYTES,
        "refused_uploads": list(interview.video_uploads.filter(status=UploadStatus.REFUSED)[:5]),
        "audit_entries": list(
            AuditEntry.objects.for_object(interview).filter(action__startswith="videos.")[:AUDIT_SHOWN]
        ),
        "full_log": user.has_perm("audit.view_full_log"),
    }
    return TemplateResponse(request, TEMPLATE, context, status=status)


@require_safe
@staff_required
def video_page(request, pk):
    return render_page(request, visible_interview(request, pk))


@require_safe
@staff_required
def video_status(request, pk, vid):
    """The rendition's status and progress, polled by htmx while it is queued or running."""
    interview, video = visible_video(request, pk, vid)
    return TemplateResponse(request, "backoffice/videos/status.html", {"interview": interview, "video": video})


@require_safe
@staff_required
def video_file(request, pk, vid, kind):
    """The files of any video (drafts too) for staff who see the interview, with Range support."""
    _interview, video = visible_video(request, pk, vid)
    if kind == "vtt" and video.captions_vtt:
        response = HttpResponse(video.captions_vtt, content_type="text/vtt; charset=utf-8")
        response["Cache-Control"] = "private, no-cache"
        return response
    field, content_type = {
        "mp4": (video.rendition, "video/mp4"),
        "poster": (video.poster, "image/jpeg"),
    }.get(kind, (None, ""))
    if not field:
        raise Http404
    return ranged_response(request, default_storage, field.name, content_type, cache_control="private, no-cache")


def _act(request, pk, vid, service, success: str, **kwargs):
    interview, video = visible_video(request, pk, vid)
    try:
        service(video, actor=request.user, **kwargs)
    except VideoRefused as refused:
        return render_page(request, interview, status=400, bound_video=video.pk, bound={"error": str(refused)})
    messages.success(request, success % {"file": video.original_filename})
    return redirect(page_url(interview.pk, None if service is remove_video else video.pk))


@require_POST
@staff_required
def video_publish(request, pk, vid):
    return _act(request, pk, vid, publish_video, _("视频“%(file)s”已发布，公众页面可以播放。"))


@require_POST
@staff_required
def video_unpublish(request, pk, vid):
    interview, video = visible_video(request, pk, vid)
    require_perm(request.user, "videos.publish_video", interview)
    form = UnpublishForm(request.POST, auto_id=f"id_v{video.pk}_unpublish_%s")
    if not form.is_valid():
        return render_page(request, interview, status=400, bound_video=video.pk, bound={"unpublish": form})
    try:
        unpublish_video(video, actor=request.user, reason=form.cleaned_data["reason"])
    except VideoRefused as refused:
        form.add_error(None, str(refused))
        return render_page(request, interview, status=400, bound_video=video.pk, bound={"unpublish": form})
    messages.success(request, _("视频“%(file)s”已从公众页面撤下。") % {"file": video.original_filename})
    return redirect(page_url(interview.pk, video.pk))


@require_POST
@staff_required
def video_remove(request, pk, vid):
    return _act(request, pk, vid, remove_video, _("视频“%(file)s”已删除。"))


@require_POST
@staff_required
def video_retry(request, pk, vid):
    return _act(request, pk, vid, retry_rendition, _("视频“%(file)s”已重新排队转码。"))
