"""Telling the askers behind a rectification item of each status it reaches, by the contact they gave.

The same path as questions.services.askers (decrypt inside the job, e-mail or SMS by the contact's
kind, a row per message that records what and when, never to where), with its own claim row
(RectificationMessage, one per item, question, status and channel): questions.AskerMessage allows one
message per question and kind, and an item's askers are told of every change. Askers whose contact was
deleted after the retention period (or who left none) are skipped.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from portal.followups.enums import RectificationStatus
from portal.followups.models import RectificationItem, RectificationMessage
from portal.notifications.sms import send_sms
from portal.questions.enums import MessageChannel
from portal.questions.models import AskerContact, Question
from portal.questions.pii import decrypt_contact
from portal.questions.services.askers import CHANNEL_FOR, receipt_url

logger = logging.getLogger(__name__)


def tell_rectification_askers(item: RectificationItem, status: str) -> None:
    """After commit, tell the askers behind ``item`` that it is now ``status``."""
    from portal.followups.tasks import tell_rectification_askers_task  # noqa: PLC0415 -- tasks import this

    transaction.on_commit(partial(tell_rectification_askers_task.enqueue, item_id=item.pk, status=status))


def askers_behind(item: RectificationItem) -> list[Question]:
    """The cited questions and every question merged into them: each one an asker."""
    cited = list(item.questions.order_by("pk"))
    merged = Question.objects.filter(merged_into__in=cited).order_by("pk")
    return list({q.pk: q for q in [*cited, *merged]}.values())


def deliver(item_id: int, status: str) -> int:
    """Send the message for ``status`` to each asker behind the item with a contact; returns how many went out."""
    item = RectificationItem.objects.select_related("interview", "owner_unit").get(pk=item_id)
    targets = askers_behind(item)
    contacts = {a.question_id: a for a in AskerContact.objects.filter(question__in=targets).select_related("question")}
    sent = 0
    for target in targets:
        asker = contacts.get(target.pk)
        if asker is None or not asker.has_contact or asker.purged_at is not None:
            continue
        channel = CHANNEL_FOR[asker.contact_kind]
        message = _claim(item, target, status, channel)
        if message is None:
            continue
        try:
            _send(channel, decrypt_contact(asker), item, target, status)
        except Exception as exc:
            logger.warning("rectification message %s (%s) failed: %s", message.pk, channel, type(exc).__name__)
            RectificationMessage.objects.filter(pk=message.pk).update(error=type(exc).__name__[:200])
            continue
        RectificationMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now())
        sent += 1
    return sent


def _claim(item, question, status, channel) -> RectificationMessage | None:
    """The row this run may send, or None (sent already, or being sent); a failed one is retried once claimed."""
    key = {"item": item, "question": question, "status": status, "channel": channel}
    try:
        with transaction.atomic():
            return RectificationMessage.objects.create(**key)
    except IntegrityError:
        pass
    failed = RectificationMessage.objects.filter(**key, sent_at=None).exclude(error="").first()
    if failed is not None and RectificationMessage.objects.filter(pk=failed.pk, error=failed.error).update(error=""):
        return failed
    return None


def _send(channel: str, address: str, item: RectificationItem, question: Question, status: str) -> None:
    context = {
        "item": item,
        "interview": item.interview,
        "question": question,
        "status": RectificationStatus(status).label,
        "code": question.formatted_receipt_code,
        "receipt_url": receipt_url(question.receipt_code),
        "url": settings.PORTAL_PUBLIC_URL.rstrip("/")
        + reverse("website:rectification", args=[item.interview_id])
        + f"#item-{item.pk}",
    }
    if channel == MessageChannel.EMAIL:
        subject = render_to_string("followups/mail/rectification_subject.txt", context).strip()
        send_mail(subject, render_to_string("followups/mail/rectification.txt", context), None, [address])
    else:
        send_sms(address, render_to_string("followups/mail/rectification_sms.txt", context).strip())
