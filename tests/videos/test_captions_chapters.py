"""Draft captions from the final script, and chapters from the record's entries (pure)."""

import datetime as dt
import itertools

import pytest

from portal.scripts.document import Paragraph, ScriptDocument, ScriptItem
from portal.videos.captions import caption_lines, draft_captions
from portal.videos.chapters import Chapter, chapters_from_entries

pytestmark = [pytest.mark.unit]


def test_lines_are_at_most_twenty_characters_split_at_punctuation():
    text = "老旧小区燃气管道改造今年覆盖十二个小区，涉及居民三千余户；改造期间，我们会提前张贴通知。请大家理解支持！"
    lines = caption_lines(text)

    assert all(len(line) <= 20 for line in lines)
    assert "".join(lines).replace("，", "").replace("；", "").replace("。", "") == text.replace("，", "").replace(
        "；", ""
    ).replace("。", "")
    assert lines[0] == "老旧小区燃气管道改造今年覆盖十二个小区"
    assert lines[-1] == "请大家理解支持！"


def test_a_clause_longer_than_a_line_is_cut():
    lines = caption_lines("甲" * 45)

    assert [len(line) for line in lines] == [20, 20, 5]


def test_draft_captions_spread_over_the_duration_by_length():
    document = ScriptDocument(
        opening=(Paragraph("主持人", "各位网友大家好。"),),
        items=(ScriptItem(question="燃气管道什么时候改造？", answer="今年年底前完成。", guest_name="张局长"),),
    )
    cues = draft_captions(document, 62.0)

    assert [cue.text for cue in cues] == [
        "<v 主持人>各位网友大家好",
        "<v 主持人>燃气管道什么时候改造？",
        "<v 张局长>今年年底前完成",
    ]
    assert cues[0].start == 0
    assert cues[-1].end == 62.0
    assert all(a.end == b.start for a, b in itertools.pairwise(cues))
    lengths = [7, 11, 7]
    for cue, length in zip(cues, lengths, strict=True):
        assert cue.end - cue.start == pytest.approx(62.0 * length / 25, abs=0.002)


def test_no_text_or_no_duration_drafts_nothing():
    assert draft_captions(ScriptDocument(), 60) == []
    assert draft_captions(ScriptDocument(opening=(Paragraph("主持人", "你好"),)), 0) == []


START = dt.datetime(2025, 6, 18, 9, 30, tzinfo=dt.UTC)


def test_chapters_follow_the_entries_with_the_offset_and_stay_in_the_video():
    entries = [
        (3, START + dt.timedelta(minutes=10), "嘉宾：燃气改造的时间表"),
        (1, START + dt.timedelta(seconds=30), "主持人：开场"),
        (2, START + dt.timedelta(minutes=2), "网友：费用谁出？"),
        (4, START + dt.timedelta(hours=2), "主持人：结束语"),
    ]
    chapters = chapters_from_entries(START, entries, offset=-60, duration=1800)

    assert chapters == [
        Chapter(1, 0.0, "主持人：开场"),
        Chapter(2, 60.0, "网友：费用谁出？"),
        Chapter(3, 540.0, "嘉宾：燃气改造的时间表"),
        Chapter(4, 1800.0, "主持人：结束语"),
    ]
    assert chapters[2].clock == "09:00"
    assert chapters[2].fragment == "t=540"


def test_without_a_live_start_there_are_no_chapters():
    assert chapters_from_entries(None, [(1, START, "x")], 0, 100) == []


def test_long_labels_are_shortened():
    chapters = chapters_from_entries(START, [(1, START, "长" * 100)], 0, 100)

    assert len(chapters[0].label) == 60
    assert chapters[0].label.endswith("…")
    assert Chapter(1, 3725, "").clock == "1:02:05"
