from django.core.management.base import BaseCommand, CommandError

from portal.questions.services.categories import load_category_samples, train_category_suggester


class Command(BaseCommand):
    help = (
        "Load a labelled UTF-8 CSV (title, detail, label_l1) as bootstrap rows for the category suggester "
        "and train it on them plus the questions staff have confirmed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--csv", required=True, help="labelled CSV with a header: title, detail, label_l1")
        parser.add_argument("--replace", action="store_true", help="drop earlier bootstrap rows first")

    def handle(self, *args, csv: str, replace: bool, **options):
        try:
            loaded = load_category_samples(csv, replace=replace)
        except (OSError, KeyError, ValueError) as exc:
            raise CommandError(f"cannot read {csv}: {exc}") from exc
        model = train_category_suggester(actor=None)
        if model is None:
            raise CommandError(f"loaded {loaded} rows, but training needs at least two categories")
        self.stdout.write(f"loaded {loaded} rows; trained on {model.sample_count} ({', '.join(model.labels)})")
