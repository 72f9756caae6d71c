"""UTF-8 CSV in and out for the command-line tools: header row kept, rows in order, new columns appended."""

import csv
import os
from collections.abc import Iterable, Sequence
from pathlib import Path


class CsvError(ValueError):
    """A file that cannot be used, with a message in Chinese for the person running the tool."""


def read_rows(path: str | os.PathLike, required: Sequence[str] = ()) -> tuple[list[str], list[dict[str, str]]]:
    """(columns, rows) of a UTF-8 CSV file with a header row; a byte-order mark is accepted."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            columns = list(reader.fieldnames or [])
            rows = [{column: row.get(column) or "" for column in columns} for row in reader]
    except FileNotFoundError as error:
        raise CsvError(f"找不到文件：{path}") from error
    except UnicodeDecodeError as error:
        raise CsvError(f"文件不是 UTF-8 编码：{path}") from error
    missing = [column for column in required if column not in columns]
    if missing:
        raise CsvError(f"文件 {path} 缺少列：{'、'.join(missing)}（现有列：{'、'.join(columns) or '无'}）")
    return columns, rows


def write_rows(path: str | os.PathLike, columns: Sequence[str], rows: Iterable[dict[str, str]]) -> int:
    """Write ``rows`` under a header of ``columns``; returns the number of rows written."""
    count = 0
    with Path(path).open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def with_columns(columns: Sequence[str], added: Sequence[str]) -> list[str]:
    """``columns`` followed by those of ``added`` not already among them (an existing one is overwritten in place)."""
    return [*columns, *(column for column in added if column not in columns)]
