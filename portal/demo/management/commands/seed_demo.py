"""``manage.py seed_demo``: the notice's units and 2025 plan, the 2024 archive, demo accounts and demo plan.

Idempotent: a second run on the same day changes nothing; a run on a later day moves the demo
interviews so each is again in its phase relative to today.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo.seeding import seed_all


class Command(BaseCommand):
    help = "载入浦政办发〔2025〕2号的单位与计划、2024年往期访谈、演示账号和本年度演示计划（可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="在 PORTAL_ENV=production 时仍然载入（演示账号的密码是公开的，生产环境不应载入）。",
        )

    def handle(self, *args, allow_production: bool = False, **options):
        if settings.PORTAL_ENV == "production" and not allow_production:
            raise CommandError(
                "生产环境不载入演示数据：演示账号的密码是公开的。确有需要请加 --allow-production。"
                " Refusing to load demo accounts with published passwords in production."
            )
        report = seed_all()
        verbose = options.get("verbosity", 1) >= 2
        for line in report.created:
            if verbose:
                self.stdout.write(f"  新建 {line}")
        for line in report.updated:
            if verbose:
                self.stdout.write(f"  更新 {line}")
        for line in report.warnings:
            self.stderr.write(self.style.WARNING(f"  注意：{line}"))
        if report.changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"演示数据已载入：新建 {len(report.created)} 项，更新 {len(report.updated)} 项。 Demo data loaded."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS("演示数据已是最新，无改动。 Demo data already up to date."))
