"""The plan as a DOCX laid out like the notice: red-headed 文件, 文号, title, table with ★, 备注."""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from portal.planning.models import Plan

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
RED = RGBColor(0xC0, 0x00, 0x00)


def _run(paragraph, text: str, *, font: str = BODY_FONT, size: float = 16, bold: bool = False, color=None):
    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if color is not None:
        run.font.color.rgb = color
    return run


def _paragraph(document, text: str = "", *, align=None, indent: bool = False, **run_options):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)
    if text:
        _run(paragraph, text, **run_options)
    return paragraph


def _body(document, text: str) -> None:
    for block in (line.strip() for line in text.splitlines()):
        if not block:
            continue
        is_heading = block[:2] in {"一、", "二、", "三、", "四、", "五、", "六、"}
        _paragraph(document, block, indent=not is_heading, font=HEADING_FONT if is_heading else BODY_FONT)


def _signature(document, plan: Plan) -> None:
    """The issuer and date under the notice, then whether it is public (此件公开发布)."""
    if plan.issued_on:
        _paragraph(document, plan.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
        issued = f"{plan.issued_on.year}年{plan.issued_on.month}月{plan.issued_on.day}日"
        _paragraph(document, issued, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if plan.disclosure:
        _paragraph(document, f"（{plan.disclosure}）", indent=True)


def _month(month: int) -> str:
    return f"{month}月"


def plan_docx(plan: Plan) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    _paragraph(document, f"{plan.issuer}文件", align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=26, color=RED)
    if plan.doc_number:
        _paragraph(document, plan.doc_number, align=WD_ALIGN_PARAGRAPH.CENTER)
    if plan.notice_title:
        _paragraph(document, plan.notice_title, align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=22)
    if plan.addressee:
        _paragraph(document, f"{plan.addressee}：")
    if plan.notice_body:
        _body(document, plan.notice_body)
        _signature(document, plan)
    _paragraph(document, plan.title, align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=22)
    _body(document, plan.preamble)

    _paragraph(document, f"{plan.year}年在线访谈工作安排", align=WD_ALIGN_PARAGRAPH.CENTER, font=HEADING_FONT)
    rows = list(plan.rows.select_related("lead_unit").prefetch_related("co_units"))
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, label in zip(table.rows[0].cells, ("序号", "访谈时间", "访谈内容", "责任单位"), strict=True):
        cell.text = ""
        _run(cell.paragraphs[0], label, font=HEADING_FONT, size=12)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, (str(row.seq), _month(row.month), row.topic, row.units_text), strict=True):
            cell.text = ""
            _run(cell.paragraphs[0], value, size=12)
    _paragraph(document, f"（备注：{plan.note}）", size=12)

    _body(document, plan.body)
    if plan.contact_name or plan.contact_phone:
        _paragraph(document, f"联系人：{plan.contact_name}　联系电话：{plan.contact_phone}", indent=True)
    if not plan.notice_body:
        _signature(document, plan)
    if plan.cc:
        _paragraph(document, f"抄送：{plan.cc}。", size=14)
    if plan.printed_on:
        printed = f"{plan.printed_on.year}年{plan.printed_on.month}月{plan.printed_on.day}日印发"
        _paragraph(document, f"{plan.issuer}　　{printed}", size=14)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
