"""The published video's files for the public: the MP4 with Range support (seeking), the poster, the captions.

Only the published video of an interview the public may see is served; a draft's URL is a 404.
"""

import hashlib

from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.views.decorators.http import require_safe

from portal.videos.queries import public_video_or_none
from portal.videos.ranges import ranged_response

CACHE = "public, max-age=3600"


def _video(pk: int, vid: int):
    video = public_video_or_none(pk, vid)
    if video is None:
        raise Http404("视频不存在或尚未发布")
    return video


@require_safe
def video_file(request, pk: int, vid: int):
    video = _video(pk, vid)
    if not video.rendition:
        raise Http404
    return ranged_response(request, default_storage, video.rendition.name, "video/mp4", cache_control=CACHE)


@require_safe
def video_poster(request, pk: int, vid: int):
    video = _video(pk, vid)
    if not video.poster:
        raise Http404
    return ranged_response(request, default_storage, video.poster.name, "image/jpeg", cache_control=CACHE)


@require_safe
def video_captions(request, pk: int, vid: int):
    video = _video(pk, vid)
    if not video.captions_vtt:
        raise Http404
    etag = '"' + hashlib.sha256(video.captions_vtt.encode()).hexdigest()[:32] + '"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(video.captions_vtt, content_type="text/vtt; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=300"
    return response
