"""Reading videos: the public one of an interview, the staff list, and the chapters of a video."""

from portal.interviews.models import Interview
from portal.videos.chapters import Chapter, chapters_from_entries
from portal.videos.models import Video
from portal.videos.sources import live_started_at, record_entries


def published_video(interview: Interview) -> Video | None:
    return Video.objects.filter(interview=interview, published_at__isnull=False).first()


def public_video_or_none(interview_id: int, video_id: int) -> Video | None:
    """The video if it is the published one of an interview the public may see."""
    return (
        Video.objects.filter(pk=video_id, interview_id=interview_id, published_at__isnull=False)
        .filter(interview__in=Interview.objects.public().values("pk"))
        .select_related("interview")
        .first()
    )


def chapters(video: Video) -> list[Chapter]:
    interview = video.interview
    return chapters_from_entries(
        live_started_at(interview), record_entries(interview), video.chapter_offset, video.duration
    )
