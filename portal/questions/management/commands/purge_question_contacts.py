from django.core.management.base import BaseCommand

from portal.questions.services.retention import purge_question_contacts


class Command(BaseCommand):
    help = "Delete askers' contacts and real names past PORTAL_CONTACT_RETENTION_DAYS (idempotent; run daily)."

    def handle(self, *args, **options):
        purged = purge_question_contacts()
        self.stdout.write(f"purged the personal data of {purged} asker(s)")
