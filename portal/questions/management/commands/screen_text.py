"""``manage.py screen_text``: mask personal data in the title and detail columns of a CSV."""

from django.core.management.base import BaseCommand, CommandError

from portal.questions.textproc.csvio import CsvError, read_rows, with_columns, write_rows
from portal.questions.textproc.screening import mask_personal_data

ADDED = ["title_masked", "detail_masked", "findings"]


class Command(BaseCommand):
    help = (
        "隐去 CSV 中 title、detail 列的个人信息（手机号、固定电话、身份证号、银行卡号、电子邮箱），"
        "加上 title_masked、detail_masked 和 findings（发现的类别，以分号分隔）列。"
        " Mask personal data in the title and detail columns of a CSV."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="输入 CSV：title 列，可选 detail 列")
        parser.add_argument("--out", required=True, help="输出 CSV：输入的各列加 title_masked、detail_masked、findings")

    def handle(self, *args, **options):
        try:
            columns, rows = read_rows(options["input"], required=["title"])
        except CsvError as error:
            raise CommandError(str(error)) from error
        flagged = 0
        for row in rows:
            row["title_masked"], title_findings = mask_personal_data(row["title"])
            row["detail_masked"], detail_findings = mask_personal_data(row.get("detail", ""))
            kinds = sorted({finding.kind for finding in (*title_findings, *detail_findings)})
            row["findings"] = ";".join(kinds)
            flagged += bool(kinds)
        count = write_rows(options["out"], with_columns(columns, ADDED), rows)
        self.stdout.write(f"{count} 行中 {flagged} 行含个人信息，已写入 {options['out']}。")
