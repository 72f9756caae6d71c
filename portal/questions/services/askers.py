"""Telling askers: by e-mail or SMS through the contact they gave, once per question, kind and channel.

Services call ``tell_askers`` inside their transaction; the job runs after commit with ids only, and
decrypts the contact inside the job. An AskerMessage row records what was sent and when, never to
where; its unique constraint is the claim that keeps a message from going out twice.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from portal.notifications.sms import send_sms
from portal.questions.enums import AnswerStatus, ContactKind, MessageChannel, MessageKind
from portal.questions.models import AskerContact, AskerMessage, Question
from portal.questions.pii import decrypt_contact

logger = logging.getLogger(__name__)

CHANNEL_FOR = {ContactKind.EMAIL: MessageChannel.EMAIL, ContactKind.MOBILE: MessageChannel.SMS}


def tell_askers(question: Question, kind: str) -> None:
    """After commit, tell the asker(s) of ``question``; for an answer, every asker merged into it too."""
    from portal.questions.tasks import tell_askers_task  # noqa: PLC0415 -- tasks import the services

    transaction.on_commit(partial(tell_askers_task.enqueue, question_id=question.pk, kind=kind))


def receipt_url(code: str) -> str:
    """Where an asker looks the question up (the website's receipt page once it exists)."""
    try:
        path = reverse("website:question-receipt", args=[code])
    except NoReverseMatch:
        path = "/"
    return settings.PORTAL_PUBLIC_URL.rstrip("/") + path


def recipients(question: Question, kind: str) -> list[Question]:
    if kind == MessageKind.ANSWERED:
        return [question, *Question.objects.filter(merged_into=question).order_by("pk")]
    return [question]


def deliver(question_id: int, kind: str) -> int:
    """Send what ``kind`` calls for to each asker concerned that left a contact; returns how many went out."""
    question = Question.objects.select_related("interview", "forward_channel", "merged_into").get(pk=question_id)
    sent = 0
    for target in recipients(question, kind):
        asker = AskerContact.objects.filter(question=target).select_related("question").first()
        if asker is None or not asker.has_contact:
            continue
        channel = CHANNEL_FOR[asker.contact_kind]
        message = _claim(target, kind, channel)
        if message is None:
            continue
        try:
            _send(channel, decrypt_contact(asker), target, question, kind)
        except Exception as exc:
            logger.warning("asker message %s (%s, %s) failed: %s", message.pk, kind, channel, type(exc).__name__)
            AskerMessage.objects.filter(pk=message.pk).update(error=type(exc).__name__[:200])
            continue
        AskerMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now())
        sent += 1
    return sent


def _claim(question: Question, kind: str, channel: str) -> AskerMessage | None:
    """The message row this run may send, or None: sent already, or being sent by another run.

    A message that failed earlier (``error`` set, never sent) is claimed again by clearing its error,
    a conditional update only one run can win; so running the job again retries failures only.
    """
    try:
        with transaction.atomic():
            return AskerMessage.objects.create(question=question, kind=kind, channel=channel)
    except IntegrityError:
        pass
    failed = AskerMessage.objects.filter(question=question, kind=kind, channel=channel, sent_at=None).exclude(error="")
    message = failed.first()
    if message is not None and AskerMessage.objects.filter(pk=message.pk, error=message.error).update(error=""):
        return message
    return None


def _context(target: Question, source: Question, kind: str) -> dict:
    root = source.answer_root if kind == MessageKind.ANSWERED else source
    answer = getattr(root, "answer", None) if root.answer_status != AnswerStatus.LIVE else None
    return {
        "interview": source.interview,
        "question": target,
        "root": root,
        "answer": answer,
        "answered_live": root.answer_status == AnswerStatus.LIVE,
        "code": target.formatted_receipt_code,
        "url": receipt_url(target.receipt_code),
        "channel": source.forward_channel,
        "note": source.public_note,
    }


def _send(channel: str, address: str, target: Question, source: Question, kind: str) -> None:
    context = _context(target, source, kind)
    if channel == MessageChannel.EMAIL:
        subject = render_to_string(f"questions/mail/{kind}_subject.txt", context).strip()
        body = render_to_string(f"questions/mail/{kind}.txt", context)
        send_mail(subject, body, None, [address])
    else:
        send_sms(address, render_to_string(f"questions/mail/{kind}_sms.txt", context).strip())
