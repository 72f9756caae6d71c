"""The video's chapters read the live record: published entries in order, with the live's start."""

import pytest

from portal.live.services import post_entry, withdraw_entry
from portal.videos.sources import live_started_at, record_entries

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_chapters_come_from_published_entries_not_withdrawn_ones(live_interview, operator, guest):
    first = post_entry(live_interview, actor=operator, speaker="host", text="各位网友，大家好！")
    second = post_entry(live_interview, actor=operator, speaker="guest", guest=guest, text="燃气管道改造年底完成。")
    dropped = post_entry(live_interview, actor=operator, speaker="host", text="发错了。")
    withdraw_entry(dropped, actor=operator)

    entries = record_entries(live_interview)

    assert [(pk, label) for pk, _at, label in entries] == [
        (first.pk, "王芳：各位网友，大家好！"),
        (second.pk, "张三：燃气管道改造年底完成。"),
    ]
    assert live_started_at(live_interview) == live_interview.live_session.started_at
