"""The 图文实录 after the live as DOCX and PDF: title, time, place, guests, host, then every entry in order.

Each published entry appears in publication order with its speaker and time, its text, its quoted netizen
question and its photos (embedded: the DOCX from storage, the PDF as data: URLs, the only URLs render_pdf
loads). A corrected entry shows its corrected text with “（已更正 HH:MM）”. A withdrawn entry keeps its place,
speaker and time but not a word of its text: “（此条已撤回 HH:MM）”, as the public page shows it — the record
says that something was said and taken back, and never what. 补录 entries are marked “（补录）”.
"""

import base64
import io
import logging
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from portal.core.docx import BODY_FONT, HEADING_FONT, TITLE_FONT, a4_document, add_paragraph, add_run, to_bytes
from portal.core.pdf import render_pdf
from portal.live import queries
from portal.live.enums import Speaker
from portal.scripts.document import HOST_LABEL, ScriptDocument, ScriptHeader
from portal.scripts.export import header_lines
from portal.scripts.queries import header_of

logger = logging.getLogger(__name__)

BODY_SIZE = 14
TITLE_SIZE = 22
TIME_COLOR = RGBColor(0x59, 0x59, 0x59)
PHOTO_WIDTH_CM = 14.0
PDF_TEMPLATE = "exports/live_record.html"


@dataclass(frozen=True)
class RecordPhoto:
    content: bytes
    mime: str
    caption: str
    width: int
    height: int

    @property
    def data_url(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.content).decode('ascii')}"


@dataclass(frozen=True)
class RecordEntry:
    speaker: str  # the label: 主持人, the guest's name, 网友“昵称”
    time: str  # HH:MM of publication
    paragraphs: tuple[str, ...]  # the quoted netizen question, then the text a line each; ("",) when withdrawn
    marks: tuple[str, ...]  # （已更正 HH:MM）, （补录）, （此条已撤回 HH:MM）
    photos: tuple[RecordPhoto, ...]
    withdrawn: bool


def _hm(value) -> str:
    return timezone.localtime(value).strftime("%H:%M") if value else ""


def _label(entry) -> str:
    if entry.speaker == Speaker.HOST:
        return HOST_LABEL
    if entry.speaker == Speaker.NETIZEN:
        nickname = entry.question.nickname if entry.question_id else entry.speaker_name
        return _("网友“%(name)s”") % {"name": nickname}
    return entry.speaker_name or str(Speaker.GUEST.label)


def _photos(entry) -> tuple[RecordPhoto, ...]:
    photos = []
    for photo in entry.photos.all():
        try:
            with photo.image.open("rb") as file:
                content = file.read()
        except OSError:
            logger.warning("live record: photo %s is missing from storage; left out", photo.pk)
            continue
        mime = "image/png" if photo.image.name.lower().endswith(".png") else "image/jpeg"
        photos.append(RecordPhoto(content, mime, photo.caption, photo.width, photo.height))
    return tuple(photos)


def record_entry(entry) -> RecordEntry:
    marks = []
    if entry.is_backfill:
        marks.append(_("（补录）"))
    if entry.is_withdrawn:
        marks.append(_("（此条已撤回 %(time)s）") % {"time": _hm(entry.withdrawn_at)})
        return RecordEntry(_label(entry), _hm(entry.published_at), ("",), tuple(marks), (), True)
    if entry.corrected_at:
        marks.append(_("（已更正 %(time)s）") % {"time": _hm(entry.corrected_at)})
    paragraphs = [entry.question.public_text] if entry.question_id else []
    paragraphs += [line.strip() for line in entry.text.splitlines() if line.strip()]
    return RecordEntry(
        _label(entry), _hm(entry.published_at), tuple(paragraphs or [""]), tuple(marks), _photos(entry), False
    )


def record_header(interview) -> ScriptHeader:
    """The script's header (title, time, place, guests, host); the time is when the live actually ran."""
    header = header_of(interview)
    session = queries.session_of(interview)
    if session is not None and session.started_at:
        start = timezone.localtime(session.started_at)
        time = f"{start.year}年{start.month}月{start.day}日 {start:%H:%M}"
        if session.ended_at and timezone.localtime(session.ended_at).date() == start.date():
            time += f"—{_hm(session.ended_at)}"
        header = ScriptHeader(header.title, time, header.place, header.guests, header.host)
    return header


def record_entries(interview) -> list[RecordEntry]:
    return [record_entry(entry) for entry in queries.public_entries(interview, oldest_first=True)]


def record_title(interview) -> str:
    return _("%(title)s（图文实录）") % {"title": interview.title}


def record_docx(interview) -> bytes:
    header = record_header(interview)
    document = a4_document()
    add_paragraph(
        document, record_title(interview), align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=TITLE_SIZE, bold=True
    )
    for label, value in header_lines(ScriptDocument(header=header)):
        paragraph = add_paragraph(document)
        if label:
            add_run(paragraph, f"{label}：", font=HEADING_FONT, size=BODY_SIZE)
        else:
            paragraph.paragraph_format.left_indent = Pt(4 * BODY_SIZE)
        add_run(paragraph, value, size=BODY_SIZE)
    add_paragraph(document)
    for entry in record_entries(interview):
        paragraphs = []
        for text in entry.paragraphs:
            paragraph = add_paragraph(document, indent=True, size=BODY_SIZE)
            if not paragraphs:
                add_run(paragraph, f"{entry.time} ", size=BODY_SIZE - 2, color=TIME_COLOR)
                add_run(paragraph, f"{entry.speaker}：", font=BODY_FONT, size=BODY_SIZE, bold=True)
            if text:
                add_run(paragraph, text, size=BODY_SIZE)
            paragraphs.append(paragraph)
        if entry.marks:
            add_run(paragraphs[-1], "".join(entry.marks), size=BODY_SIZE - 2, color=TIME_COLOR)
        for photo in entry.photos:
            add_paragraph(document).add_run().add_picture(io.BytesIO(photo.content), width=Cm(PHOTO_WIDTH_CM))
            if photo.caption:
                add_paragraph(document, photo.caption, align=WD_ALIGN_PARAGRAPH.CENTER, size=BODY_SIZE - 3)
    return to_bytes(document)


def record_pdf(interview) -> bytes:
    context = {
        "title": record_title(interview),
        "header": record_header(interview),
        "entries": record_entries(interview),
    }
    return render_pdf(PDF_TEMPLATE, context)
