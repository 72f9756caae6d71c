"""The background job's work: the web rendition of a video, with its progress stored as it goes."""

import logging

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from portal.videos.enums import RenditionStatus
from portal.videos.files import local_copy, store
from portal.videos.models import Video, upload_dir
from portal.videos.probe import ProbeRefused, probe
from portal.videos.rendition import RenditionFailed, rendition_args, run_ffmpeg

logger = logging.getLogger(__name__)


def make_rendition(video_id: int) -> str:
    """Make (or remake after a failure) the H.264/AAC faststart MP4; returns the final status."""
    video = Video.objects.filter(pk=video_id).first()
    if video is None:
        return "missing"
    if video.is_ready:
        return RenditionStatus.READY
    Video.objects.filter(pk=video_id).update(
        rendition_status=RenditionStatus.RUNNING, rendition_progress=0, rendition_error=""
    )
    output = upload_dir() / f"{video.key}.web.mp4"
    try:
        with local_copy(video.source.name, upload_dir()) as source:
            info = probe(source)
            run_ffmpeg(
                rendition_args(source, str(output), info),
                info.duration,
                lambda percent: Video.objects.filter(pk=video_id).update(rendition_progress=percent),
            )
        size = output.stat().st_size
        store(video.rendition, output, "web.mp4")
    except (RenditionFailed, ProbeRefused, OSError) as exc:
        logger.warning("Rendition of video %s failed: %s", video_id, exc)
        output.unlink(missing_ok=True)
        Video.objects.filter(pk=video_id).update(
            rendition_status=RenditionStatus.FAILED,
            rendition_error=_("转码失败：%(reason)s") % {"reason": str(exc)[:500]},
        )
        return RenditionStatus.FAILED
    old = Video.objects.filter(pk=video_id).values_list("rendition", flat=True).first()
    Video.objects.filter(pk=video_id).update(
        rendition=video.rendition.name,
        rendition_size=size,
        rendition_status=RenditionStatus.READY,
        rendition_progress=100,
    )
    if old and old != video.rendition.name:
        default_storage.delete(old)
    return RenditionStatus.READY
