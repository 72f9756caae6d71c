"""``{% interview_video interview %}``: the published video of an interview on its public page (or nothing)."""

from django import template

from portal.videos.queries import chapters, published_video

register = template.Library()


def _duration(seconds: float) -> str:
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}小时{minutes}分{secs}秒"
    return f"{minutes}分{secs}秒" if minutes else f"{secs}秒"


@register.inclusion_tag("videos/player.html")
def interview_video(interview) -> dict:
    video = published_video(interview)
    if video is None or not video.is_ready:
        return {"video": None}
    return {
        "video": video,
        "mp4_url": video.public_url("mp4"),
        "poster_url": video.public_url("poster"),
        "vtt_url": video.public_url("vtt"),
        "duration": _duration(video.duration),
        "chapters": chapters(video),
    }
