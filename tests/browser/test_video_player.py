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


def test_the_upload_page_resumes_a_started_upload(
    new_page, live_server, ended_interview, producer, sample_mp4, settings
):
    """The page's script finds the session kept in localStorage and sends only what the server lacks."""
    from portal.videos.models import UploadSession, Video  # noqa: PLC0415
    from portal.videos.uploads import receive_chunk, start_upload  # noqa: PLC0415

    settings.PORTAL_VIDEO_CHUNK_BYTES = 4096
    data = sample_mp4.read_bytes()
    session = start_upload(ended_interview, actor=producer, filename=sample_mp4.name, total_size=len(data))
    receive_chunk(session, actor=producer, offset=0, data=data[:10_000])  # then the browser was closed
    base = f"{live_server.url}/backoffice/interviews/{ended_interview.pk}/video/"
    page = new_page(DESKTOP)
    page.goto(f"{live_server.url}/backoffice/login/")
    page.get_by_label("用户名").fill("producer")
    page.get_by_label("密码").fill("correct-horse-battery")
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()
    page.goto(base)
    modified = int(sample_mp4.stat().st_mtime * 1000)
    key = f"portal-video-upload:{ended_interview.pk}:{sample_mp4.name}:{len(data)}:{modified}"
    page.evaluate("([key, url]) => localStorage.setItem(key, url)", [key, f"{base}uploads/{session.pk}/"])

    page.get_by_label("视频文件").set_input_files(str(sample_mp4))
    with page.expect_navigation(url=f"{base}#video-*", timeout=60_000):
        page.get_by_role("button", name="上传并检查").click()

    video = Video.objects.get()
    assert video.size == len(data)
    assert UploadSession.objects.get().pk == session.pk  # resumed, not started again
    assert page.get_by_role("status").first.is_visible()
    assert_accessible(page, label="video-page-after-upload")
