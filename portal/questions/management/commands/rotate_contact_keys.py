from django.core.management.base import BaseCommand

from portal.questions.services.retention import rotate_contact_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt askers' contacts and real names under the current data key (PORTAL_DATA_KEY_ID). "
        "Run after adding a new key and moving the old one to PORTAL_DATA_OLD_KEYS; idempotent."
    )

    def handle(self, *args, **options):
        rewritten = rotate_contact_keys()
        self.stdout.write(f"re-encrypted {rewritten} asker record(s)")
