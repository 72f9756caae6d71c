"""The script as DOCX and PDF in the usual layout: title, time, place, guests, host, then who says what.

Both read a ScriptDocument, so any revision (draft, reviewed, 定稿) exports the same way. A paragraph whose
text has line breaks becomes several paragraphs; only the first carries the speaker's label.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from portal.core.docx import BODY_FONT, HEADING_FONT, TITLE_FONT, a4_document, add_paragraph, add_run, to_bytes
from portal.core.pdf import render_pdf
from portal.scripts.document import ScriptDocument

BODY_SIZE = 16  # 三号, as in 党政机关公文格式
TITLE_SIZE = 22  # 二号
PDF_TEMPLATE = "exports/script.html"


@dataclass(frozen=True)
class SpokenBlock:
    speaker: str
    lines: tuple[str, ...]


def spoken_blocks(doc: ScriptDocument) -> list[SpokenBlock]:
    """Each spoken paragraph with its text split at line breaks, blank lines dropped."""
    blocks = []
    for paragraph in doc.paragraphs():
        lines = tuple(line.strip() for line in paragraph.text.splitlines() if line.strip())
        blocks.append(SpokenBlock(paragraph.speaker, lines or ("",)))
    return blocks


def header_lines(doc: ScriptDocument) -> list[tuple[str, str]]:
    """(label, value) of the header as printed; a second guest and more get an empty label."""
    header = doc.header
    lines = []
    if header.time:
        lines.append((_("时间"), header.time))
    if header.place:
        lines.append((_("地点"), header.place))
    for position, guest in enumerate(header.guests):
        lines.append((_("嘉宾") if position == 0 else "", guest))
    if header.host:
        lines.append((_("主持人"), header.host))
    return lines


def script_docx(doc: ScriptDocument) -> bytes:
    document = a4_document()
    if doc.header.title:
        add_paragraph(
            document, doc.header.title, align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=TITLE_SIZE, bold=True
        )
    for label, value in header_lines(doc):
        paragraph = add_paragraph(document)
        if label:
            add_run(paragraph, f"{label}：", font=HEADING_FONT, size=BODY_SIZE)
        else:
            paragraph.paragraph_format.left_indent = Pt(4 * BODY_SIZE)  # under the first guest, past "嘉宾："
        add_run(paragraph, value, size=BODY_SIZE)
    add_paragraph(document)
    for block in spoken_blocks(doc):
        first = add_paragraph(document, indent=True, size=BODY_SIZE)
        add_run(first, f"{block.speaker}：", font=BODY_FONT, size=BODY_SIZE, bold=True)
        add_run(first, block.lines[0], size=BODY_SIZE)
        for line in block.lines[1:]:
            add_paragraph(document, line, indent=True, size=BODY_SIZE)
    return to_bytes(document)


def script_pdf(doc: ScriptDocument) -> bytes:
    return render_pdf(PDF_TEMPLATE, {"header": doc.header, "blocks": spoken_blocks(doc)})
