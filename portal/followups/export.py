"""The summary as DOCX (charts as PNG) and PDF (charts as SVG): title, facts, charts, text, opinions, items.

Both read a SummaryView, so the staff page, the public section and the exports show the same figures.
"""

import html
import io
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from portal.core.docx import BODY_FONT, HEADING_FONT, TITLE_FONT, a4_document, add_paragraph, add_run, to_bytes
from portal.core.pdf import render_pdf
from portal.followups.charts import render_png, render_svg
from portal.followups.queries import SummaryView, items_of

BODY_SIZE = 16  # 三号
SMALL_SIZE = 12
TITLE_SIZE = 22  # 二号
PDF_TEMPLATE = "exports/summary.html"
BLOCK_END = re.compile(r"</(?:p|li|h3|h4)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


def fact_rows(facts) -> list[tuple[str, str]]:
    """(label, value) of every figure, as the page table, the PDF and the DOCX print them."""

    def known(value) -> str:
        return "—" if value is None else str(value)

    rows = [
        (_("收到网友提问"), str(facts.received)),
        (_("已发布"), str(facts.published)),
        (_("未采纳"), str(facts.rejected)),
        *[(_("其中：%(reason)s") % {"reason": label}, str(n)) for label, n in facts.rejected_by_reason],
        (_("已合并"), str(facts.merged)),
        (_("已转办"), str(facts.forwarded)),
        (_("访谈中答复"), str(facts.answered_live)),
        (_("书面答复"), str(facts.answered_written)),
        (_("不予答复（已说明理由）"), str(facts.declined)),
        (_("逾期未答复"), str(facts.overdue)),
        (_("页面浏览量"), known(facts.page_views)),
        (_("直播同时在线人数峰值"), known(facts.peak_viewers)),
    ]
    return rows


def paragraphs(body: str) -> list[str]:
    """The sanitised rich text as plain paragraphs (DOCX has no HTML)."""
    parts = (html.unescape(TAG.sub("", part)).strip() for part in BLOCK_END.split(body or ""))
    return [part for part in parts if part]


def export_title(view: SummaryView) -> str:
    return _("“%(title)s”在线访谈总结") % {"title": view.interview.title}


def _heading(document, text: str) -> None:
    add_paragraph(document, text, font=HEADING_FONT, size=BODY_SIZE)


def summary_docx(view: SummaryView) -> bytes:
    document = a4_document()
    add_paragraph(
        document, export_title(view), align=WD_ALIGN_PARAGRAPH.CENTER, font=TITLE_FONT, size=TITLE_SIZE, bold=True
    )
    interview = view.interview
    meta = []
    if interview.recording_at:
        meta.append(_("访谈时间：%(at)s") % {"at": timezone.localtime(interview.recording_at).strftime("%Y年%m月%d日")})
    if interview.lead_unit_id:
        meta.append(_("第一责任单位：%(unit)s") % {"unit": interview.lead_unit})
    for line in meta:
        add_paragraph(document, line, align=WD_ALIGN_PARAGRAPH.CENTER, size=SMALL_SIZE)

    _heading(document, _("一、网友提问基本情况"))
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in fact_rows(view.facts):
        cells = table.add_row().cells
        add_run(cells[0].paragraphs[0], label, size=SMALL_SIZE)
        add_run(cells[1].paragraphs[0], value, size=SMALL_SIZE)
    for chart in view.charts:
        add_paragraph(document, chart.title, align=WD_ALIGN_PARAGRAPH.CENTER, font=HEADING_FONT, size=SMALL_SIZE)
        document.add_picture(io.BytesIO(render_png(chart)), width=Cm(15))
        add_paragraph(document, chart.description, size=SMALL_SIZE)
    if view.facts.largest_groups:
        add_paragraph(document, _("网友关注最多的问题"), font=HEADING_FONT, size=SMALL_SIZE)
        for group in view.facts.largest_groups:
            add_paragraph(document, _("%(n)s人次：%(text)s") % {"n": group.size, "text": group.text}, size=SMALL_SIZE)

    _heading(document, _("二、访谈总结"))
    for text in paragraphs(view.summary.body):
        add_paragraph(document, text, indent=True, size=BODY_SIZE)

    _heading(document, _("三、网民意见建议梳理"))
    for number, point in enumerate(view.points, start=1):
        add_paragraph(document, f"{number}. {point.text}", indent=True, size=BODY_SIZE)
        for question in point.questions.all():
            add_paragraph(
                document, _("依据：%(text)s") % {"text": question.public_text}, size=SMALL_SIZE, font=BODY_FONT
            )

    items = list(items_of(interview))
    if items:
        _heading(document, _("四、整改事项"))
        for number, item in enumerate(items, start=1):
            add_paragraph(document, f"{number}. {item.what}", indent=True, size=BODY_SIZE)
            add_paragraph(
                document,
                _("责任单位：%(unit)s；完成时限：%(date)s；状态：%(status)s")
                % {
                    "unit": item.owner_unit,
                    "date": item.due_date.strftime("%Y-%m-%d"),
                    "status": item.get_status_display(),
                },
                size=SMALL_SIZE,
            )
    return to_bytes(document)


def summary_pdf(view: SummaryView) -> bytes:
    context = {
        "title": export_title(view),
        "view": view,
        "rows": fact_rows(view.facts),
        "charts": [(chart, render_svg(chart)) for chart in view.charts],
        "items": list(items_of(view.interview)),
    }
    return render_pdf(PDF_TEMPLATE, context)
