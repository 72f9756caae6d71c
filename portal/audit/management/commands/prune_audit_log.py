from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.audit.retention import prune_audit_log, prune_cutoff, retention_days


class Command(BaseCommand):
    help = "Delete audit entries older than PORTAL_AUDIT_RETENTION_DAYS (never under 183 days); run daily."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count what would be deleted")

    def handle(self, *args, dry_run=False, **options):
        cutoff = prune_cutoff()
        count = prune_audit_log(dry_run=dry_run)
        verb = "would delete" if dry_run else "deleted"
        before = timezone.localtime(cutoff).strftime("%Y-%m-%d %H:%M")
        self.stdout.write(f"{verb} {count} audit entries older than {before} ({retention_days()} days)")
