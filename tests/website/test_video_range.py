"""The published video on the public page, served with HTTP Range requests so viewers can seek."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from portal.interviews.enums import InterviewState
from portal.videos.models import Video
from portal.videos.services import edit_captions
from tests.factories import InterviewFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def mp4_url(video):
    return reverse("website:video-file", args=[video.interview_id, video.pk])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def stored(published_video) -> bytes:
    with default_storage.open(published_video.rendition.name, "rb") as handle:
        return handle.read()


def test_the_whole_file_says_it_accepts_ranges(client, published_video, stored):
    response = client.get(mp4_url(published_video))

    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert int(response["Content-Length"]) == len(stored)
    assert response["ETag"]
    assert response["Last-Modified"]
    assert body(response) == stored


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=0-99", 0, 99), ("bytes=1000-1999", 1000, 1999), ("bytes=-500", None, None), ("bytes=2000-", 2000, None)],
)
def test_byte_ranges(client, published_video, stored, header, first, last):
    size = len(stored)
    first = size - 500 if first is None else first
    last = size - 1 if last is None else last

    response = client.get(mp4_url(published_video), HTTP_RANGE=header)

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert int(response["Content-Length"]) == last - first + 1
    assert body(response) == stored[first : last + 1]


@pytest.mark.parametrize("header", ["bytes=99999999-", "bytes=50-10", "bytes=zero-ten"])
def test_an_invalid_range_is_416(client, published_video, stored, header):
    response = client.get(mp4_url(published_video), HTTP_RANGE=header)

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(stored)}"


def test_a_stale_if_range_gets_the_whole_file(client, published_video, stored):
    etag = client.get(mp4_url(published_video))["ETag"]

    fresh = client.get(mp4_url(published_video), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=etag)
    stale = client.get(mp4_url(published_video), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"old"')
    cached = client.get(mp4_url(published_video), HTTP_IF_NONE_MATCH=etag)

    assert fresh.status_code == 206
    assert stale.status_code == 200
    assert cached.status_code == 304


def test_the_public_page_plays_the_video_with_captions(client, published_video, producer):
    edit_captions(published_video, actor=producer, text="WEBVTT\n\n00:00.000 --> 00:01.000\n各位网友大家好\n")

    page = client.get(published_video.interview.get_absolute_url()).text
    captions = client.get(reverse("website:video-captions", args=[published_video.interview_id, published_video.pk]))
    poster = client.get(reverse("website:video-poster", args=[published_video.interview_id, published_video.pk]))

    assert '<video id="interview-video" controls preload="metadata"' in page
    assert f'<source src="{mp4_url(published_video)}" type="video/mp4">' in page
    assert '<track kind="captions" srclang="zh" label="中文字幕"' in page
    assert captions["Content-Type"] == "text/vtt; charset=utf-8"
    assert "各位网友大家好" in captions.text
    assert poster.status_code == 200
    assert poster["Content-Type"] == "image/jpeg"


def test_a_draft_is_not_served_to_the_public(client, ready_video):
    urls = [
        mp4_url(ready_video),
        reverse("website:video-poster", args=[ready_video.interview_id, ready_video.pk]),
        reverse("website:video-captions", args=[ready_video.interview_id, ready_video.pk]),
    ]

    for url in urls:
        assert client.get(url).status_code == 404, url
    assert "<video" not in client.get(ready_video.interview.get_absolute_url()).text


def test_the_video_is_only_served_under_its_own_interview(client, published_video, units):
    other = InterviewFactory(lead_unit=units["lead"], state=InterviewState.ENDED)

    assert client.get(reverse("website:video-file", args=[other.pk, published_video.pk])).status_code == 404


def test_unpublishing_takes_the_file_down(client, published_video):
    Video.objects.filter(pk=published_video.pk).update(published_at=None)

    assert client.get(mp4_url(published_video)).status_code == 404
