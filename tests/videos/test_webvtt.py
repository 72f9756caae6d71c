"""WebVTT and SRT: parsed, converted, serialised and parsed back; bad files refused with their line."""

import pytest

from portal.videos.webvtt import (
    CaptionError,
    Cue,
    decode,
    format_time,
    parse_captions,
    parse_srt,
    parse_webvtt,
    serialise,
)

pytestmark = [pytest.mark.unit]

SRT = """1
00:00:01,000 --> 00:00:03,500
各位网友，大家好！

2
00:00:03,500 --> 00:01:02,25
欢迎收看在线访谈。
今天的嘉宾是城建局局长。
"""

VTT = """WEBVTT - 在线访谈

NOTE 由融媒体中心校对

intro
00:00:01.000 --> 00:00:03.500 align:center
<v 主持人>各位网友，大家好！

01:00:00.000 --> 01:00:02.000
最后一条
"""


def test_srt_converts_to_webvtt_and_parses_back():
    cues = parse_srt(SRT)
    vtt = serialise(cues)

    assert vtt.startswith("WEBVTT\n\n")
    assert "00:00:01.000 --> 00:00:03.500" in vtt
    assert "00:00:03.500 --> 00:01:02.250" in vtt
    assert parse_webvtt(vtt) == cues
    assert cues[1].text == "欢迎收看在线访谈。\n今天的嘉宾是城建局局长。"


def test_webvtt_keeps_identifiers_and_voices_and_skips_notes():
    cues = parse_webvtt(VTT)

    assert cues == [
        Cue(1.0, 3.5, "<v 主持人>各位网友，大家好！", "intro"),
        Cue(3600.0, 3602.0, "最后一条"),
    ]
    assert parse_webvtt(serialise(cues)) == cues


def test_the_format_is_recognised_from_the_text():
    assert parse_captions("\ufeff" + VTT)[0].identifier == "intro"
    assert parse_captions(SRT)[0].identifier == "1"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("1\n00:00:01 --> 00:00:02\n文字\n", 2, "时间格式不正确"),
        ("1\n00:00:03,000 --> 00:00:02,000\n文字\n", 2, "结束时间须晚于开始时间"),
        ("一\n00:00:01,000 --> 00:00:02,000\n文字\n", 1, "序号"),
        ("1\n00:00:01,000 --> 00:00:02,000\n甲\n\n2\n00:00:00,500 --> 00:00:02,000\n乙\n", 5, "先后"),
        ("WEBVTT\n\n00:00:01.000 --> \n文字\n", 3, "结束时间"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n甲\n00:03.000 --> 00:04.000\n乙\n", 5, "空一行"),
        ("WEBVTX\n", 1, "WEBVTT"),
    ],
)
def test_a_bad_file_is_refused_with_its_line(text, line, words):
    with pytest.raises(CaptionError) as refused:
        parse_captions(text)

    assert refused.value.line == line
    assert str(refused.value).startswith(f"第{line}行：")
    assert words in str(refused.value)


def test_an_empty_file_is_refused():
    with pytest.raises(CaptionError, match="没有字幕"):
        parse_captions("\n\n")
    with pytest.raises(CaptionError, match="没有字幕"):
        parse_captions("WEBVTT\n\n")


def test_chinese_windows_encoding_is_read():
    assert decode("1\n00:00:01,000 --> 00:00:02,000\n你好\n".encode("gb18030")).endswith("你好\n")


def test_times_format_with_milliseconds():
    assert format_time(3723.4567) == "01:02:03.457"
    assert format_time(0) == "00:00:00.000"
