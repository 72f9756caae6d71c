"""Reminders are data (product.md §10): rows written ahead of time, claimed once by a worker, then sent.

This module is the interface other apps call. Interview deadlines: ``sync_deadline_reminders`` after R
is set or moved and after a step's status changes. Things waiting for someone (a script review, a date
proposal, a 督办 notice): ``schedule_wait`` when the wait starts and ``cancel_wait`` when it ends.
"""

import datetime as dt
from collections.abc import Iterable


def sync_deadline_reminders(interview) -> None:
    """(Re)write the pending deadline reminders of every step of the interview from its current deadlines."""
    # Implemented by the reminders work (issue 4, part 5).


def schedule_wait(
    *,
    key: str,
    interview,
    unit_ids: Iterable[int],
    title: str,
    url: str = "",
    start: dt.datetime | None = None,
) -> None:
    """Remind the units that something waits for them, from ``start`` (default now), until cancelled.

    ``key`` names the wait (e.g. ``script-review:<revision id>:digital``); scheduling the same key
    again replaces its pending reminders.
    """
    # Implemented by the reminders work (issue 4, part 5).


def cancel_wait(key: str) -> None:
    """The wait is over (reviewed, answered, acknowledged): drop its pending reminders."""
    # Implemented by the reminders work (issue 4, part 5).
