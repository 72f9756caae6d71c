"""After the live, each entry of the 图文实录 links to its moment in the published video."""

import pytest
from lxml import html as lxml_html

from portal.live.services import end_live, post_entry
from portal.videos.services import publish_video
from tests.videos.support import upload

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_the_record_entries_seek_the_published_video(
    client, live_interview, operator, producer, sample_mp4, time_machine, django_capture_on_commit_callbacks
):
    started = live_interview.live_session.started_at
    time_machine.move_to(started, tick=False)
    time_machine.shift(60)
    first = post_entry(live_interview, actor=operator, speaker="host", text="各位网友，大家好！")
    time_machine.shift(1)
    second = post_entry(live_interview, actor=operator, speaker="host", text="燃气管道改造什么时候完成？")
    live_interview = end_live(live_interview, actor=operator)
    page = client.get(live_interview.get_absolute_url())
    assert "在视频中观看" not in page.text  # no video yet

    with django_capture_on_commit_callbacks(execute=True):
        video = upload(live_interview, producer, sample_mp4.read_bytes())
    video.refresh_from_db()
    publish_video(video, actor=operator)

    tree = lxml_html.fromstring(client.get(live_interview.get_absolute_url()).content)
    links = {
        entry_id: tree.xpath(f'//li[@id="live-entry-{entry_id}"]//a[@data-seek]') for entry_id in (first.pk, second.pk)
    }
    assert links[first.pk][0].get("data-player") == "interview-video"
    assert links[first.pk][0].get("href").endswith(f"{video.public_url('mp4')}#t={links[first.pk][0].get('data-seek')}")
    assert tree.xpath('//video[@id="interview-video"]'), "the player the links seek"
