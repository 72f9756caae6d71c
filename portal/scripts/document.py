"""A script (访谈稿) as plain data: what DOCX import produces and what exports, diffs and word counts read.

Kept free of models so that the parsing, counting, comparing and rendering code can be tested on its
own and reused for any revision (a revision's stored snapshot converts to and from this shape).
"""

from dataclasses import dataclass, field

HOST_LABEL = "主持人"
GUEST_LABEL = "嘉宾"


@dataclass(frozen=True)
class Paragraph:
    """One spoken paragraph as it appears in the exported script: ``speaker：text``."""

    speaker: str  # 主持人, 嘉宾 or a guest's name as written in the document
    text: str


@dataclass(frozen=True)
class ScriptItem:
    """One question-and-answer item: the question as asked on air and the guest's answer."""

    question: str
    answer: str
    guest_name: str = ""  # the guest who answers; "" when not yet chosen
    question_ids: tuple[int, ...] = ()  # the netizen questions (representative picks) it covers
    key: str = ""  # a stable identity across revisions, so comparisons pair items that moved

    def paragraphs(self) -> list[Paragraph]:
        return [
            Paragraph(HOST_LABEL, self.question),
            Paragraph(self.guest_name or GUEST_LABEL, self.answer),
        ]


@dataclass(frozen=True)
class ScriptHeader:
    title: str = ""
    time: str = ""  # as printed, e.g. "2025年3月18日 14:30"
    place: str = ""
    guests: tuple[str, ...] = ()  # "单位职务 姓名" lines
    host: str = ""


@dataclass(frozen=True)
class ScriptDocument:
    header: ScriptHeader = field(default_factory=ScriptHeader)
    opening: tuple[Paragraph, ...] = ()
    items: tuple[ScriptItem, ...] = ()
    closing: tuple[Paragraph, ...] = ()

    def paragraphs(self) -> list[Paragraph]:
        """Every spoken paragraph in reading order, as exported."""
        spoken = list(self.opening)
        for item in self.items:
            spoken.extend(item.paragraphs())
        spoken.extend(self.closing)
        return spoken
