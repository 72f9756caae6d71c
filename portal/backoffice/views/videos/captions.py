"""Captions (upload, draft from the final script, correct) and the chapters' offset, by 融媒体中心."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.backoffice.decorators import staff_required
from portal.backoffice.video_forms import CaptionFileForm, CaptionTextForm, ChapterOffsetForm
from portal.backoffice.views.questions.common import require_perm
from portal.backoffice.views.videos.pages import page_url, render_page, visible_video
from portal.videos.exceptions import VideoRefused
from portal.videos.services import draft_captions_from_script, edit_captions, set_chapter_offset, upload_captions
from portal.videos.sources import final_script_document


def _done(request, video, message: str):
    messages.success(request, message)
    return redirect(page_url(video.interview_id, video.pk))


def _refused(request, interview, video, key: str, form, refused: VideoRefused):
    form.add_error(None, str(refused))
    return render_page(request, interview, status=400, bound_video=video.pk, bound={key: form})


@require_POST
@staff_required
def captions_upload(request, pk, vid):
    interview, video = visible_video(request, pk, vid)
    require_perm(request.user, "videos.change_video", interview)
    form = CaptionFileForm(request.POST, request.FILES, auto_id=f"id_v{video.pk}_caption_%s")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            saved = upload_captions(video, actor=request.user, data=upload.read(upload.size + 1))
        except VideoRefused as refused:
            return _refused(request, interview, video, "caption", form, refused)
        return _done(request, saved, _("字幕已保存，可在下方校对。"))
    return render_page(request, interview, status=400, bound_video=video.pk, bound={"caption": form})


@require_POST
@staff_required
def captions_edit(request, pk, vid):
    interview, video = visible_video(request, pk, vid)
    require_perm(request.user, "videos.change_video", interview)
    form = CaptionTextForm(request.POST, auto_id=f"id_v{video.pk}_text_%s")
    if form.is_valid():
        try:
            saved = edit_captions(video, actor=request.user, text=form.cleaned_data["text"])
        except VideoRefused as refused:
            return _refused(request, interview, video, "text", form, refused)
        return _done(request, saved, _("字幕已保存。") if saved.captions_vtt else _("字幕已删除。"))
    return render_page(request, interview, status=400, bound_video=video.pk, bound={"text": form})


@require_POST
@staff_required
def captions_draft(request, pk, vid):
    interview, video = visible_video(request, pk, vid)
    require_perm(request.user, "videos.change_video", interview)
    try:
        saved = draft_captions_from_script(video, actor=request.user, document=final_script_document(interview))
    except VideoRefused as refused:
        return render_page(request, interview, status=400, bound_video=video.pk, bound={"error": str(refused)})
    return _done(request, saved, _("已根据定稿生成字幕草稿，请对照视频校对时间和文字。"))


@require_POST
@staff_required
def chapter_offset(request, pk, vid):
    interview, video = visible_video(request, pk, vid)
    require_perm(request.user, "videos.change_video", interview)
    form = ChapterOffsetForm(request.POST, auto_id=f"id_v{video.pk}_offset_%s")
    if form.is_valid():
        try:
            saved = set_chapter_offset(video, actor=request.user, offset=form.cleaned_data["offset"])
        except VideoRefused as refused:
            return _refused(request, interview, video, "offset", form, refused)
        return _done(request, saved, _("章节时间偏移已设为%(offset)s秒。") % {"offset": saved.chapter_offset})
    return render_page(request, interview, status=400, bound_video=video.pk, bound={"offset": form})
