"""The web rendition made by the background job (ImmediateBackend in tests): faststart H.264/AAC MP4."""

import pytest
from django.core.files.storage import default_storage

from portal.videos.enums import RenditionStatus
from portal.videos.models import Video
from portal.videos.probe import probe
from portal.videos.processing import make_rendition
from portal.videos.rendition import parse_progress
from tests.videos.support import top_level_boxes, upload

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_the_job_remuxes_an_mp4_with_its_index_in_front(ready_video, sample_mp4):
    assert top_level_boxes(sample_mp4).index("moov") > top_level_boxes(sample_mp4).index("mdat")

    boxes = top_level_boxes(default_storage.path(ready_video.rendition.name))

    assert ready_video.rendition_status == RenditionStatus.READY
    assert ready_video.rendition_progress == 100
    assert boxes.index("moov") < boxes.index("mdat")
    assert ready_video.rendition_size == default_storage.size(ready_video.rendition.name)


def test_the_job_encodes_other_formats_to_h264_and_aac(
    ended_interview, producer, sample_avi, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        video = upload(ended_interview, producer, sample_avi.read_bytes(), filename="母带.avi")
    video.refresh_from_db()
    path = default_storage.path(video.rendition.name)
    info = probe(path)

    assert video.video_codec == "mpeg4"
    assert video.is_ready
    assert (info.video_codec, info.audio_codec, info.pix_fmt) == ("h264", "aac", "yuv420p")
    assert info.is_web_ready
    assert top_level_boxes(path).index("moov") < top_level_boxes(path).index("mdat")


def test_a_failed_rendition_says_why_and_publishes_nothing(ready_video):
    Video.objects.filter(pk=ready_video.pk).update(rendition="", rendition_status=RenditionStatus.PENDING)
    default_storage.delete(ready_video.source.name)

    assert make_rendition(ready_video.pk) == RenditionStatus.FAILED
    ready_video.refresh_from_db()
    assert ready_video.rendition_status == RenditionStatus.FAILED
    assert ready_video.rendition_error.startswith("转码失败")
    assert not ready_video.is_ready


def test_a_ready_rendition_is_not_made_twice(ready_video):
    name = ready_video.rendition.name

    assert make_rendition(ready_video.pk) == RenditionStatus.READY
    ready_video.refresh_from_db()
    assert ready_video.rendition.name == name


@pytest.mark.parametrize(
    ("line", "percent"),
    [("out_time_us=30000000", 25), ("out_time_ms=119000000", 99), ("progress=end", 100), ("frame=12", None)],
)
def test_progress_lines(line, percent):
    assert parse_progress(line, 120.0) == percent
