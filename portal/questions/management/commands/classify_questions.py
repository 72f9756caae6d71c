"""``manage.py classify_questions``: train the category suggester on one CSV and label another."""

from django.core.management.base import BaseCommand, CommandError

from portal.questions.textproc.classifier import CategorySuggester, question_text, read_labelled_csv
from portal.questions.textproc.csvio import CsvError, read_rows, with_columns, write_rows


class Command(BaseCommand):
    help = (
        "用带标签的 CSV（title、detail、label_l1 列）训练分类建议器，为另一个 CSV 的每行加上 predicted_label 列。"
        " Train the category suggester on a labelled CSV and add predicted_label to another CSV."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--train", required=True, help="训练数据 CSV：title、label_l1 列，可选 detail 列")
        parser.add_argument("--predict", required=True, help="待分类 CSV：title 列，可选 detail 列")
        parser.add_argument("--out", required=True, help="输出 CSV：待分类文件的各列加 predicted_label")

    def handle(self, *args, **options):
        try:
            texts, labels = read_labelled_csv(options["train"])
        except FileNotFoundError as error:
            raise CommandError(f"找不到文件：{options['train']}") from error
        except ValueError as error:
            raise CommandError(f"训练文件 {options['train']} 无法使用：{error}") from error
        try:
            columns, rows = read_rows(options["predict"], required=["title"])
        except CsvError as error:
            raise CommandError(str(error)) from error
        if not texts:
            raise CommandError(f"训练文件 {options['train']} 中没有带标签（label_l1）的行。")
        suggester = CategorySuggester().fit(texts, labels)
        predicted = suggester.predict([question_text(row["title"], row.get("detail", "")) for row in rows])
        for row, label in zip(rows, predicted, strict=True):
            row["predicted_label"] = label
        count = write_rows(options["out"], with_columns(columns, ["predicted_label"]), rows)
        self.stdout.write(
            f"已用 {len(texts)} 行训练（{len(suggester.labels)} 个类别），为 {count} 行写入 {options['out']}。"
        )
