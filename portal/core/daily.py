"""Jobs that run once a day whatever the number of workers: the askers' data purge, the audit log's pruning.

The reminder worker (``manage.py run_reminders``) calls ``start_daily_jobs`` every round; the first
worker to write a job's DailyRun row for the day enqueues it on the job runner, the others find the
row and do nothing. A cron that runs ``run_reminders --once`` starts them too.
"""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from portal.core.models import DailyRun

_started_on: dict[str, dt.date] = {}  # this process's memory, so most rounds cost no query


def start_daily_jobs(today: dt.date | None = None) -> list[str]:
    """Enqueue each job of PORTAL_DAILY_JOBS not yet started today; returns the names it started."""
    today = today or timezone.localdate()
    started = []
    for name, task_path in settings.PORTAL_DAILY_JOBS.items():
        if _started_on.get(name) == today:
            continue
        try:
            with transaction.atomic():
                DailyRun.objects.create(job=name, day=today)
                # The database job runner enqueues in this transaction: the claim and the job go together.
                import_string(task_path).enqueue()
        except IntegrityError:
            pass  # another worker started it today
        else:
            started.append(name)
        _started_on[name] = today
    return started


def forget() -> None:
    """Tests: forget what this process started."""
    _started_on.clear()
