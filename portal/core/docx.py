"""Shared python-docx helpers for the DOCX exports (plan, script, later summary and 实录).

Chinese text needs its font named twice: ``w:ascii``/``w:hAnsi`` (python-docx's ``font.name``) for Latin
text and ``w:eastAsia`` for Chinese, or Word and WPS fall back to their default East Asian font.
"""

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SONG_FONT = "宋体"


def set_run_font(run, font: str) -> None:
    """Name ``font`` for Latin and East Asian text, so Word and WPS both show it."""
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def add_run(paragraph, text: str, *, font: str = BODY_FONT, size: float = 16, bold: bool = False, color=None):
    run = paragraph.add_run(text)
    set_run_font(run, font)
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    return run


def add_paragraph(document, text: str = "", *, align=None, indent: bool = False, **run_options):
    """A paragraph of one run; ``indent`` is the customary two-character first-line indent (at 16 pt)."""
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(2 * run_options.get("size", 16))
    if text:
        add_run(paragraph, text, **run_options)
    return paragraph


def a4_document(*, top: float = 3.7, bottom: float = 3.5, left: float = 2.8, right: float = 2.6):
    """An empty A4 document with the margins of GB/T 9704 (党政机关公文格式) by default, in cm."""
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.left_margin, section.right_margin = Cm(left), Cm(right)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    return document


def to_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
