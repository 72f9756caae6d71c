"""The searched audit log as CSV (UTF-8 with a BOM, so that Excel reads the Chinese) and XLSX."""

import csv
import datetime as dt
from collections.abc import AsyncIterator, Iterator
from io import BytesIO, StringIO

from asgiref.sync import sync_to_async
from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from portal.audit.models import AuditEntry
from portal.audit.queries import in_batches

BOM = "\ufeff"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# An XLSX is built in memory; beyond this, the page asks for a narrower search or the CSV.
XLSX_MAX_ROWS = 50_000

COLUMNS = [
    ("时间", 20),
    ("操作人", 14),
    ("账号", 14),
    ("操作", 22),
    ("操作代码", 34),
    ("对象类型", 12),
    ("对象编号", 10),
    ("对象", 36),
    ("详情", 60),
    ("来源地址", 18),
]


def _type_name(entry: AuditEntry) -> str:
    if entry.content_type is None:
        return ""
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name) if model else entry.content_type.model


def entry_row(entry: AuditEntry) -> list[str]:
    return [
        timezone.localtime(entry.created_at).strftime("%Y-%m-%d %H:%M:%S"),
        entry.actor_name,
        entry.actor.username if entry.actor else "",
        entry.action_label,
        entry.action,
        _type_name(entry),
        entry.object_id,
        entry.object_repr,
        entry.summary,
        entry.ip_address or "",
    ]


def csv_chunks(entries: QuerySet[AuditEntry]) -> Iterator[str]:
    """The CSV text piece by piece: the BOM and headers, then one piece per batch of entries."""
    buffer = StringIO()
    writer = csv.writer(buffer)

    def take() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([name for name, _width in COLUMNS])
    yield BOM + take()
    for batch in in_batches(entries):
        writer.writerows(entry_row(entry) for entry in batch)
        yield take()


async def acsv_chunks(entries: QuerySet[AuditEntry]) -> AsyncIterator[str]:
    """The same pieces for an ASGI server, each batch read in the thread that holds the database connection."""
    chunks = csv_chunks(entries)
    done = object()
    while True:
        chunk = await sync_to_async(next, thread_sensitive=True)(chunks, done)
        if chunk is done:
            return
        yield chunk


def entries_xlsx(entries: QuerySet[AuditEntry], heading: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("审计日志")
    for index, (_name, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    bold = Font(bold=True)
    sheet.append([heading])
    sheet.append([_bold(sheet, name, bold) for name, _width in COLUMNS])
    for batch in in_batches(entries):
        for entry in batch:
            sheet.append(entry_row(entry))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bold(sheet, value: str, font: Font) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    return cell


def export_heading(filters: dict[str, str], generated_at: dt.datetime) -> str:
    described = "；".join(f"{label}：{value}" for label, value in filters.items()) or "全部记录"
    return f"审计日志导出（{described}）生成于{timezone.localtime(generated_at):%Y-%m-%d %H:%M}"
