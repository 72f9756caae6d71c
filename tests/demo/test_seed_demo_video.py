"""seed_demo gives the demo interview that has ended a real, processed and published video."""

import io

import pytest
from django.core.management import call_command

from portal.interviews.enums import InterviewState
from portal.videos.models import Video
from portal.videos.probe import ffmpeg_available
from portal.videos.webvtt import parse_webvtt
from tests.videos.support import NO_FFMPEG

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_the_ended_demo_interview_has_a_published_video_once():
    if not ffmpeg_available():
        pytest.skip(NO_FFMPEG)
    call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())

    video = Video.objects.get()
    assert video.interview.is_demo
    assert video.interview.state == InterviewState.ENDED
    assert video.is_published
    assert video.is_ready
    assert (video.width, video.height) == (320, 180)
    assert video.duration == pytest.approx(10, abs=0.2)
    assert parse_webvtt(video.captions_vtt)

    call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())
    assert Video.objects.get() == video
