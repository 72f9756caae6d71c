"""The public video in Chromium: axe-core on the page with the player, and the browser really seeks."""

import pytest

from tests.browser.support import DESKTOP, PHONE, assert_accessible, assert_no_horizontal_scroll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

METADATA = """async () => {
  const video = document.getElementById('interview-video');
  const once = (name) => new Promise(resolve => video.addEventListener(name, resolve, {once: true}));
  if (video.readyState < 1) await once('loadedmetadata');
  video.currentTime = 1.5;
  await once('seeked');
  return {duration: video.duration, time: video.currentTime, tracks: video.textTracks.length};
}"""


@pytest.mark.parametrize("viewport", [pytest.param(DESKTOP, id="1280x800"), pytest.param(PHONE, id="375x812")])
def test_the_public_video_is_accessible_and_seekable(new_page, live_server, published_video, producer, viewport):
    from portal.videos.services import edit_captions  # noqa: PLC0415 -- keep collection light

    edit_captions(published_video, actor=producer, text="WEBVTT\n\n00:00.000 --> 00:01.000\n各位网友大家好\n")
    page = new_page(viewport)
    page.goto(f"{live_server.url}{published_video.interview.get_absolute_url()}")

    state = page.evaluate(METADATA)

    assert state["duration"] == pytest.approx(2, abs=0.2)
    assert state["time"] == pytest.approx(1.5, abs=0.1)
    assert state["tracks"] == 1
    assert_accessible(page, label=f"interview-video-{viewport['width']}")
    assert_no_horizontal_scroll(page, label=f"interview-video-{viewport['width']}")
