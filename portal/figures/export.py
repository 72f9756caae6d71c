"""The year's figures as an XLSX workbook: 年度报表, 计划执行 and 单位按时率, each with a title row."""

import datetime as dt
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from portal.figures.queries import YearFigures

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE_FONT = Font(bold=True, size=14)
HEADER_FONT = Font(bold=True)


def _sheet(workbook: Workbook, title: str, heading: str, headers: list[tuple[str, int]], rows: list[list]) -> None:
    """A sheet: a title row, a bold header row (with column widths) and the rows; frozen below the headers."""
    sheet = workbook.create_sheet(title)
    sheet.append([heading])
    sheet.cell(row=1, column=1).font = TITLE_FONT
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append([name for name, _width in headers])
    for index, (_name, width) in enumerate(headers, start=1):
        sheet.cell(row=2, column=index).font = HEADER_FONT
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(cell.value, str))
    sheet.freeze_panes = "A3"


def year_figures_xlsx(figures: YearFigures, generated_on: dt.date) -> bytes:
    year, report = figures.year, figures.report
    stamp = f"（生成日期：{generated_on:%Y-%m-%d}）"
    workbook = Workbook()
    workbook.remove(workbook.active)

    _sheet(
        workbook,
        "年度报表",
        f"{year}年政府网站工作年度报表·在线访谈{stamp}",
        [("指标", 24), ("数值", 10), ("统计口径", 70)],
        [
            ["访谈期数", report.interviews_held, f"状态为已结束或已备案、录制时间在{year}年的访谈"],
            ["网民留言数", report.messages_received, f"{year}年度访谈收到的全部网友提问，含未采纳、已合并和已转办的"],
            ["答复数", report.answered, "在访谈中答复与书面答复之和"],
            ["其中：访谈中答复", report.answered_live, ""],
            ["其中：书面答复", report.answered_written, ""],
            ["不予答复（已说明理由）", report.declined, "不计入答复数"],
        ],
    )

    plan_rows = [
        [
            item.row.seq if item.row else "计划外",
            f"{item.row.month}月" if item.row else "",
            item.row.topic if item.row else item.interview.title,
            str(item.lead_unit or ""),
            item.recorded_on.strftime("%Y-%m-%d") if item.recorded_on else "",
            item.outcome_label,
            item.shift_text,
        ]
        for item in [*figures.plan_outcomes, *figures.unplanned]
    ]
    plan_title = figures.plan.doc_number if figures.plan and figures.plan.doc_number else "无已审定的年度计划"
    _sheet(
        workbook,
        "计划执行",
        f"{year}年在线访谈计划执行情况（{plan_title}）{stamp}",
        [
            ("序号", 8),
            ("计划月份", 10),
            ("访谈内容", 48),
            ("第一责任单位", 20),
            ("实际录制日期", 14),
            ("执行情况", 10),
            ("与计划相比", 14),
        ],
        plan_rows,
    )

    _sheet(
        workbook,
        "单位按时率",
        f"{year}年各第一责任单位步骤按时完成情况（截至{figures.today:%Y-%m-%d}）{stamp}",
        [
            ("第一责任单位", 24),
            ("按时完成", 10),
            ("逾期完成", 10),
            ("仍逾期未完成", 14),
            ("尚未到期", 10),
            ("按时率", 10),
        ],
        [
            [str(p.unit), p.on_time, p.late, p.overdue, p.not_due, p.rate if p.rate is not None else "—"]
            for p in figures.punctuality
        ],
    )
    sheet = workbook["单位按时率"]
    for (cell,) in sheet.iter_rows(min_row=3, min_col=6, max_col=6):
        if isinstance(cell.value, float):
            cell.number_format = "0%"

    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
