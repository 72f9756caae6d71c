"""The one publish path of the live record.

``record_event`` runs inside the caller's transaction: it numbers the change (the interview's LiveSession row
is the counter, read under the interview's row lock), stores what viewers receive, and arranges for
``publish_event`` to run once after commit. ``publish_event`` hands the event to the fan-out; it never raises
into the staff request: if the broker is down, the event is in the database anyway, and viewers get it by
polling or when they reconnect. Later consumers (webhooks to 浦口发布, feeds) hook in here.
"""

import logging
from functools import partial

from django.db import transaction
from django.utils import timezone

from portal.interviews.models import Interview
from portal.live.models import LiveEntry, LiveEvent, LiveSession
from portal.live.rendering import encode, event_payload

logger = logging.getLogger(__name__)


def locked_session(interview: Interview) -> LiveSession:
    """The interview's live session under a lock that serialises every live write of that interview.

    The interview row is locked first, so two operators creating the session at once cannot both insert
    it; on SQLite writers are serialised anyway (IMMEDIATE transactions).
    """
    # No ordering: the default one joins the plan row, which FOR UPDATE may not lock (PostgreSQL).
    list(Interview.objects.select_for_update().filter(pk=interview.pk).order_by().values_list("pk", flat=True))
    session, _created = LiveSession.objects.select_for_update().get_or_create(interview_id=interview.pk)
    return session


def record_event(session: LiveSession, kind: str, *, actor, entry: LiveEntry | None = None, at=None) -> LiveEvent:
    """Number the change ``kind`` (of ``entry``), store it and publish it after commit. Needs ``locked_session``.

    ``at`` is for history loaded rather than lived through (the demo's past broadcast); it defaults to now.
    """
    session.last_seq += 1
    session.save(update_fields=["last_seq"])
    now = at or timezone.now()
    payload = event_payload(interview_id=session.interview_id, seq=session.last_seq, kind=kind, entry=entry, at=now)
    event = LiveEvent.objects.create(
        interview_id=session.interview_id,
        seq=session.last_seq,
        entry=entry,
        kind=kind,
        op=payload["op"],
        payload=payload,
        actor=actor if getattr(actor, "pk", None) else None,
    )
    transaction.on_commit(partial(publish_event, event))
    return event


def publish_event(event: LiveEvent) -> None:
    """Hand a committed event to the fan-out and to the webhooks, once. Never raises: the database holds it."""
    from portal.live.fanout import get_broker  # noqa: PLC0415 -- the fan-out is loaded only when publishing

    try:
        get_broker().publish(event.interview_id, event.seq, encode(event.payload))
    except Exception:
        logger.warning(
            "live event %s#%s not published; viewers get it by polling", event.interview_id, event.seq, exc_info=True
        )
    try:
        from portal.live.webhooks.delivery import dispatch  # noqa: PLC0415 -- as above

        dispatch(event)
    except Exception:
        logger.warning("live event %s#%s not sent to webhooks", event.interview_id, event.seq, exc_info=True)
