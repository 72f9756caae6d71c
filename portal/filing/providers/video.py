"""后期视频: the published video's data (not its bytes): file hash, size, duration, resolution, storage names,
and its captions."""

from portal.filing.base import ArchiveFile, iso, json_file
from portal.videos.queries import published_video

KEY = "video"


def has_content(interview) -> bool:
    return published_video(interview) is not None


def files(interview) -> list[ArchiveFile]:
    video = published_video(interview)
    if video is None:
        return []
    data = {
        "original_filename": video.original_filename,
        "source": {"storage_name": video.source.name, "sha256": video.sha256, "size": video.size},
        "duration_seconds": video.duration,
        "resolution": f"{video.width}x{video.height}",
        "width": video.width,
        "height": video.height,
        "container": video.container,
        "video_codec": video.video_codec,
        "audio_codec": video.audio_codec,
        "rendition": {"storage_name": video.rendition.name, "size": video.rendition_size},
        "poster": {"storage_name": video.poster.name},
        "captions_source": video.captions_source,
        "chapter_offset_seconds": video.chapter_offset,
        "uploaded_at": iso(video.created_at),
        "published_at": iso(video.published_at),
        "public_urls": {"video": video.public_url("mp4"), "poster": video.public_url("poster")},
    }
    result = [json_file(f"{KEY}/video.json", data)]
    if video.captions_vtt:
        result.append(ArchiveFile(f"{KEY}/captions.vtt", video.captions_vtt.encode(), "text/vtt; charset=utf-8"))
    return result
