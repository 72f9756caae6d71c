"""``manage.py group_questions``: give each row of a CSV the group of similar questions it belongs to."""

from django.core.management.base import BaseCommand, CommandError

from portal.questions.textproc.classifier import question_text
from portal.questions.textproc.csvio import CsvError, read_rows, with_columns, write_rows
from portal.questions.textproc.grouping import DEFAULT_THRESHOLD, group_texts


class Command(BaseCommand):
    help = (
        "把 CSV 中相似的问题（title 列，可选 detail 列）归组，加上 group_id 列（按首次出现编号，从 0 开始）。"
        " Group similar questions of a CSV and add a group_id column."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="输入 CSV：title 列，可选 detail 列")
        parser.add_argument("--out", required=True, help="输出 CSV：输入的各列加 group_id")
        parser.add_argument(
            "--threshold", type=float, default=DEFAULT_THRESHOLD, help=f"相似度阈值（默认 {DEFAULT_THRESHOLD}）"
        )

    def handle(self, *args, **options):
        if not 0 < options["threshold"] <= 1:
            raise CommandError("相似度阈值必须大于 0、不超过 1。")
        try:
            columns, rows = read_rows(options["input"], required=["title"])
        except CsvError as error:
            raise CommandError(str(error)) from error
        groups = group_texts([question_text(row["title"], row.get("detail", "")) for row in rows], options["threshold"])
        for row, group in zip(rows, groups, strict=True):
            row["group_id"] = str(group)
        count = write_rows(options["out"], with_columns(columns, ["group_id"]), rows)
        self.stdout.write(f"{count} 行分为 {len(set(groups))} 组，已写入 {options['out']}。")
