"""WebVTT captions: parse, serialise, and convert SRT (pure; no Django models).

Only what browsers need for a ``<track kind="captions">``: cues with start, end, optional identifier
and text (voice tags such as ``<v 主持人>`` are kept as written). NOTE, STYLE and REGION blocks are
skipped on reading. Every refusal names the line it concerns, counted from 1.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

ARROW = "-->"
_VTT_TIME = re.compile(r"^(?:(\d{1,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$")
_SRT_TIME = re.compile(r"^(\d{1,}):([0-5]\d):([0-5]\d)[,.](\d{1,3})$")
MAX_CAPTION_BYTES = 2 * 1024 * 1024


class CaptionError(ValueError):
    """A caption file that cannot be read; the message is user-facing and names the line."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        if line is not None:
            message = _("第%(line)s行：%(message)s") % {"line": line, "message": message}
        super().__init__(message)


@dataclass(frozen=True)
class Cue:
    start: float  # seconds
    end: float
    text: str
    identifier: str = ""


def format_time(seconds: float) -> str:
    millis = round(max(seconds, 0) * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _seconds(match: re.Match, *, srt: bool = False) -> float:
    hours, minutes, secs, fraction = match.groups()
    millis = int(fraction.ljust(3, "0")) if srt else int(fraction)
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(secs) + millis / 1000


def _lines(text: str) -> list[str]:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _blocks(lines: list[str], first: int = 0):
    """(line number of the block's first line, its lines) for each block separated by blank lines."""
    block: list[str] = []
    start = first
    for index in range(first, len(lines)):
        if lines[index].strip():
            if not block:
                start = index
            block.append(lines[index])
        elif block:
            yield start + 1, block
            block = []
    if block:
        yield start + 1, block


def _timing(line: str, number: int, *, srt: bool) -> tuple[float, float]:
    pattern = _SRT_TIME if srt else _VTT_TIME
    left, _sep, right = line.partition(ARROW)
    parts = right.split()
    if not parts:
        raise CaptionError(_("时间行缺少结束时间，应为“00:00:01.000 --> 00:00:03.500”。"), number)
    start_match, end_match = pattern.match(left.strip()), pattern.match(parts[0])
    example = "00:00:01,000 --> 00:00:03,500" if srt else "00:00:01.000 --> 00:00:03.500"
    if start_match is None or end_match is None:
        raise CaptionError(_("时间格式不正确，应为“%(example)s”。") % {"example": example}, number)
    start, end = _seconds(start_match, srt=srt), _seconds(end_match, srt=srt)
    if end <= start:
        raise CaptionError(_("结束时间须晚于开始时间。"), number)
    return start, end


def _check_order(cues: list[Cue], cue: Cue, number: int) -> None:
    if cues and cue.start < cues[-1].start:
        raise CaptionError(_("字幕须按开始时间先后排列，本条早于上一条。"), number)


def parse_webvtt(text: str) -> list[Cue]:
    lines = _lines(text)
    header = lines[0] if lines else ""
    if not (header == "WEBVTT" or header.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise CaptionError(_("WebVTT 文件须以“WEBVTT”开头。"), 1)
    # The header block (WEBVTT and any metadata lines) ends at the first blank line.
    first = next((index for index, line in enumerate(lines) if not line.strip()), len(lines))
    cues: list[Cue] = []
    for number, block in _blocks(lines, first):
        if block[0].startswith(("NOTE", "STYLE", "REGION")) and ARROW not in block[0]:
            continue
        identifier = ""
        if ARROW not in block[0]:
            if len(block) < 2 or ARROW not in block[1]:
                raise CaptionError(_("缺少时间行（形如“00:00:01.000 --> 00:00:03.500”）。"), number)
            identifier = block[0].strip()
            block, number = block[1:], number + 1
        start, end = _timing(block[0], number, srt=False)
        body = block[1:]
        for offset, line in enumerate(body, start=1):
            if ARROW in line:
                raise CaptionError(_("字幕文字中不能出现“-->”；两条字幕之间须空一行。"), number + offset)
        cue = Cue(start, end, "\n".join(body).strip(), identifier)
        _check_order(cues, cue, number)
        cues.append(cue)
    return cues


def parse_srt(text: str) -> list[Cue]:
    cues: list[Cue] = []
    for number, block in _blocks(_lines(text)):
        timing_index = 1 if ARROW not in block[0] else 0
        if timing_index and not block[0].strip().isdigit():
            raise CaptionError(
                _(
                    "不是有效的字幕文件：WebVTT 须以“WEBVTT”开头；SRT 每条字幕以序号开头，"
                    "下一行为时间（形如“00:00:01,000 --> 00:00:03,500”）。"
                ),
                number,
            )
        if len(block) <= timing_index or ARROW not in block[timing_index]:
            raise CaptionError(_("缺少时间行（形如“00:00:01,000 --> 00:00:03,500”）。"), number + timing_index)
        start, end = _timing(block[timing_index], number + timing_index, srt=True)
        body = "\n".join(block[timing_index + 1 :]).strip()
        cue = Cue(start, end, body, block[0].strip() if timing_index else "")
        _check_order(cues, cue, number)
        cues.append(cue)
    if not cues:
        raise CaptionError(_("文件中没有字幕。"))
    return cues


def parse_captions(text: str) -> list[Cue]:
    """WebVTT when the text starts with WEBVTT, else SRT."""
    if text.removeprefix("\ufeff").lstrip(" \t").startswith("WEBVTT"):
        cues = parse_webvtt(text.removeprefix("\ufeff").lstrip(" \t"))
        if not cues:
            raise CaptionError(_("文件中没有字幕。"))
        return cues
    return parse_srt(text)


def decode(data: bytes) -> str:
    if len(data) > MAX_CAPTION_BYTES:
        raise CaptionError(_("字幕文件过大（不超过2MB）。"))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CaptionError(_("无法识别字幕文件的文字编码，请另存为 UTF-8 后重新上传。"))


def serialise(cues: list[Cue]) -> str:
    parts = ["WEBVTT", ""]
    for cue in cues:
        if cue.identifier:
            parts.append(cue.identifier)
        parts.append(f"{format_time(cue.start)} {ARROW} {format_time(cue.end)}")
        parts.append(cue.text)
        parts.append("")
    return "\n".join(parts)
