"""What staff do with an uploaded video: publish it (数字治理中心), captions and chapters (融媒体中心)."""

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.models import singleton_unit_ids
from portal.audit.services import log_action
from portal.interviews.enums import StepKind, StepStatus
from portal.interviews.models import Interview
from portal.interviews.services import settle_step
from portal.notifications.services import notify_units
from portal.scripts.document import ScriptDocument
from portal.videos.captions import draft_captions
from portal.videos.enums import CaptionSource, RenditionStatus
from portal.videos.exceptions import VideoRefused
from portal.videos.models import Video
from portal.videos.uploads import enqueue_rendition, require_open_for_video
from portal.videos.webvtt import CaptionError, decode, parse_captions, parse_webvtt, serialise

MAX_OFFSET_SECONDS = 6 * 3600


def _locked(video: Video, actor, perm: str) -> Video:
    video = Video.objects.select_for_update().select_related("interview").get(pk=video.pk)
    if not actor.has_perm(perm, video.interview):
        raise PermissionDenied
    require_open_for_video(video.interview)
    return video


@transaction.atomic
def publish_video(video: Video, *, actor) -> Video:
    """Make the video the interview's public one (replacing any published before); only a ready rendition."""
    Interview.objects.select_for_update().filter(pk=video.interview_id).order_by("pk").first()
    video = _locked(video, actor, "videos.publish_video")
    if video.is_published:
        raise VideoRefused(_("该视频已经发布。"))
    if not video.is_ready:
        raise VideoRefused(_("网页播放版本尚未就绪（%(status)s），暂不能发布。") % {
            "status": video.get_rendition_status_display()
        })  # fmt: skip
    replaced = list(Video.objects.filter(interview=video.interview, published_at__isnull=False))
    Video.objects.filter(pk__in=[old.pk for old in replaced]).update(published_at=None, published_by=None)
    video.published_at = timezone.now()
    video.published_by = actor
    video.save(update_fields=["published_at", "published_by", "updated_at"])
    settle_step(video.interview, StepKind.VIDEO, StepStatus.DONE)
    log_action(
        video.interview,
        "videos.video.published",
        actor=actor,
        data={"file": video.original_filename, "replaces": ", ".join(old.original_filename for old in replaced)},
    )
    interview = video.interview
    notify_units(
        interview.involved_unit_ids(singleton_unit_ids()),
        title=_("访谈“%(title)s”的视频已发布") % {"title": interview.title},
        body="",
        url=interview.get_absolute_url(),
    )
    return video


@transaction.atomic
def unpublish_video(video: Video, *, actor, reason: str) -> Video:
    video = _locked(video, actor, "videos.publish_video")
    if not video.is_published:
        raise VideoRefused(_("该视频尚未发布。"))
    if not reason.strip():
        raise VideoRefused(_("撤下已发布的视频须填写原因。"))
    video.published_at = None
    video.published_by = None
    video.save(update_fields=["published_at", "published_by", "updated_at"])
    settle_step(video.interview, StepKind.VIDEO, StepStatus.IN_PROGRESS)
    log_action(
        video.interview,
        "videos.video.unpublished",
        actor=actor,
        data={"file": video.original_filename, "reason": reason},
    )
    return video


@transaction.atomic
def remove_video(video: Video, *, actor) -> None:
    """Delete an unpublished video (a wrong or superseded upload) and its files."""
    video = _locked(video, actor, "videos.upload_video")
    if video.is_published:
        raise VideoRefused(_("已发布的视频不能删除，请先由区城市数字治理中心撤下。"))
    if video.rendition_status == RenditionStatus.RUNNING:
        raise VideoRefused(_("正在转码，请等转码结束后再删除。"))
    names = [name for name in (video.source.name, video.poster.name, video.rendition.name) if name]
    log_action(video.interview, "videos.video.removed", actor=actor, data={"file": video.original_filename})
    video.delete()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in names])


@transaction.atomic
def retry_rendition(video: Video, *, actor) -> Video:
    video = _locked(video, actor, "videos.upload_video")
    if video.rendition_status != RenditionStatus.FAILED:
        raise VideoRefused(_("只有转码失败的视频需要重新转码。"))
    video.rendition_status = RenditionStatus.PENDING
    video.rendition_progress = 0
    video.save(update_fields=["rendition_status", "rendition_progress", "updated_at"])
    log_action(video.interview, "videos.video.rendition_retried", actor=actor, data={"file": video.original_filename})
    transaction.on_commit(lambda: enqueue_rendition(video.pk))
    return video


def _save_captions(video: Video, actor, vtt: str, source: str, action: str, cues: int) -> Video:
    video.captions_vtt = vtt
    video.captions_source = source
    video.save(update_fields=["captions_vtt", "captions_source", "updated_at"])
    log_action(video.interview, action, actor=actor, data={"file": video.original_filename, "cues": cues})
    return video


@transaction.atomic
def upload_captions(video: Video, *, actor, data: bytes) -> Video:
    """An SRT or WebVTT file from 融媒体中心, stored as WebVTT."""
    video = _locked(video, actor, "videos.change_video")
    try:
        cues = parse_captions(decode(data))
    except CaptionError as error:
        raise VideoRefused(_("字幕文件有误，未保存：%(error)s") % {"error": error}) from error
    return _save_captions(
        video, actor, serialise(cues), CaptionSource.UPLOADED, "videos.video.captions_uploaded", len(cues)
    )


@transaction.atomic
def edit_captions(video: Video, *, actor, text: str) -> Video:
    """The corrected WebVTT text; empty text removes the captions."""
    video = _locked(video, actor, "videos.change_video")
    if not text.strip():
        return _save_captions(video, actor, "", CaptionSource.NONE, "videos.video.captions_removed", 0)
    try:
        cues = parse_webvtt(text.strip())
    except CaptionError as error:
        raise VideoRefused(_("字幕有误，未保存：%(error)s") % {"error": error}) from error
    return _save_captions(
        video, actor, serialise(cues), CaptionSource.EDITED, "videos.video.captions_edited", len(cues)
    )


@transaction.atomic
def draft_captions_from_script(video: Video, *, actor, document: ScriptDocument | None) -> Video:
    video = _locked(video, actor, "videos.change_video")
    if document is None:
        raise VideoRefused(_("这期访谈还没有定稿，无法根据定稿生成字幕草稿。"))
    cues = draft_captions(document, video.duration)
    if not cues:
        raise VideoRefused(_("定稿中没有可作字幕的文字。"))
    return _save_captions(
        video, actor, serialise(cues), CaptionSource.DRAFTED, "videos.video.captions_drafted", len(cues)
    )


@transaction.atomic
def set_chapter_offset(video: Video, *, actor, offset: float) -> Video:
    video = _locked(video, actor, "videos.change_video")
    if abs(offset) > MAX_OFFSET_SECONDS:
        raise VideoRefused(_("偏移量不能超过6小时（±21600秒）。"))
    old = video.chapter_offset
    video.chapter_offset = round(offset, 1)
    video.save(update_fields=["chapter_offset", "updated_at"])
    log_action(
        video.interview, "videos.video.chapter_offset_set", actor=actor, data={"from": old, "to": video.chapter_offset}
    )
    return video
