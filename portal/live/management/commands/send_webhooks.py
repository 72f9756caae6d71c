"""Enqueue the webhook deliveries that are due: the safety net behind the jobs' own run_after retries.

Needed only with a task backend that cannot defer jobs, or after a worker was killed mid-attempt; harmless
otherwise (an attempt claims its delivery, so a delivery is never sent twice at once). Cron-able.
"""

from django.core.management.base import BaseCommand

from portal.live.webhooks.delivery import send_due_deliveries


class Command(BaseCommand):
    help = "Enqueue every pending webhook delivery that is due."

    def handle(self, *args, **options):
        count = send_due_deliveries()
        self.stdout.write(f"{count} webhook deliveries enqueued")
