"""Draft captions from the final script (pure): caption-sized lines spread over the video's duration."""

import re

from portal.scripts.document import ScriptDocument
from portal.videos.webvtt import Cue

MAX_LINE_CHARS = 20
# A clause ends after one of these marks (kept with the clause).
_CLAUSE = re.compile(r"[^，。！？；：、,.!?;:…]+[，。！？；：、,.!?;:…]*")
# A sentence ends after one of these; a caption line never runs on into the next sentence.
_SENTENCE = re.compile(r"[^。！？!?…]+[。！？!?…]*")
# Marks a caption line does not need at its end (questions and exclamations keep theirs).
_TRAILING = "，。、；：,.;:"


def _hard_split(text: str, size: int) -> list[str]:
    return [text[index : index + size] for index in range(0, len(text), size)]


def caption_lines(text: str, max_chars: int = MAX_LINE_CHARS) -> list[str]:
    """Split a paragraph into lines of at most ``max_chars`` characters, at punctuation where possible."""
    text = re.sub(r"\s+", " ", text).strip()
    lines: list[str] = []
    for sentence in _SENTENCE.findall(text):
        lines.extend(_pack(sentence, max_chars))
    cleaned = [line.rstrip(_TRAILING).strip() for line in lines]
    return [line for line in cleaned if line]


def _pack(sentence: str, max_chars: int) -> list[str]:
    """The clauses of one sentence, packed greedily into lines of at most ``max_chars``."""
    lines: list[str] = []
    current = ""
    for clause in _CLAUSE.findall(sentence):
        clause = clause.strip()
        if not clause:
            continue
        if len(current) + len(clause) <= max_chars:
            current += clause
            continue
        if current:
            lines.append(current)
        pieces = _hard_split(clause, max_chars)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines


def draft_captions(document: ScriptDocument, duration: float, max_chars: int = MAX_LINE_CHARS) -> list[Cue]:
    """One cue per line, each lasting in proportion to its length, together filling ``duration``.

    A draft for 融媒体中心 to correct: the script is what was planned, not a transcript.
    """
    lines = [
        (paragraph.speaker, line)
        for paragraph in document.paragraphs()
        for line in caption_lines(paragraph.text, max_chars)
    ]
    if not lines or duration <= 0:
        return []
    total = sum(len(line) for _speaker, line in lines)
    cues: list[Cue] = []
    start = 0.0
    elapsed = 0
    for speaker, line in lines:
        elapsed += len(line)
        end = round(duration * elapsed / total, 3)
        text = f"<v {speaker}>{line}" if speaker else line
        cues.append(Cue(round(start, 3), end, text))
        start = end
    return cues
