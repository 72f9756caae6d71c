"""The plan as a DOCX laid out like the notice: red-headed 文件, 文号, title, table with ★, 备注."""

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import RGBColor

from portal.core.docx import BODY_FONT, HEADING_FONT, TITLE_FONT, a4_document, add_paragraph, add_run, to_bytes
from portal.planning.models import Plan

RED = RGBColor(0xC0, 0x00, 0x00)


def _body(document, text: str) -> None:
    for block in (line.strip() for line in text.splitlines()):
        if not block:
            continue
        is_heading = block[:2] in {"一、", "二、", "三、", "四、", "五、", "六、"}
        add_paragraph(document, block, indent=not is_heading, font=HEADING_FONT if is_heading else BODY_FONT)


def _signature(document, plan: Plan) -> None:
    """The issuer and date under the notice, then whether it is public (此件公开发布)."""
    if plan.issued_on:
        add_paragraph(document, plan.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
        issued = f"{plan.issued_on.year}年{plan.issued_on.month}月{plan.issued_on.day}日"
        add_paragraph(document, issued, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if plan.disclosure:
        add_paragraph(document, f"（{plan.disclosure}）", indent=True)


def _month(month: int) -> str:
    return f"{month}月"


def plan_docx(plan: Plan) -> bytes:
    document = a4_document()

    add_paragraph(document, f"{plan.issuer}文件", align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=26, color=RED)
    if plan.doc_number:
        add_paragraph(document, plan.doc_number, align=WD_ALIGN_PARAGRAPH.CENTER)
    if plan.notice_title:
        add_paragraph(document, plan.notice_title, align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=22)
    if plan.addressee:
        add_paragraph(document, f"{plan.addressee}：")
    if plan.notice_body:
        _body(document, plan.notice_body)
        _signature(document, plan)
    add_paragraph(document, plan.title, align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=22)
    _body(document, plan.preamble)

    add_paragraph(document, f"{plan.year}年在线访谈工作安排", align=WD_ALIGN_PARAGRAPH.CENTER, font=HEADING_FONT)
    rows = list(plan.rows.select_related("lead_unit").prefetch_related("co_units"))
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, label in zip(table.rows[0].cells, ("序号", "访谈时间", "访谈内容", "责任单位"), strict=True):
        cell.text = ""
        add_run(cell.paragraphs[0], label, font=HEADING_FONT, size=12)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, (str(row.seq), _month(row.month), row.topic, row.units_text), strict=True):
            cell.text = ""
            add_run(cell.paragraphs[0], value, size=12)
    add_paragraph(document, f"（备注：{plan.note}）", size=12)

    _body(document, plan.body)
    if plan.contact_name or plan.contact_phone:
        add_paragraph(document, f"联系人：{plan.contact_name}　联系电话：{plan.contact_phone}", indent=True)
    if not plan.notice_body:
        _signature(document, plan)
    if plan.cc:
        add_paragraph(document, f"抄送：{plan.cc}。", size=14)
    if plan.printed_on:
        printed = f"{plan.printed_on.year}年{plan.printed_on.month}月{plan.printed_on.day}日印发"
        add_paragraph(document, f"{plan.issuer}　　{printed}", size=14)

    return to_bytes(document)
