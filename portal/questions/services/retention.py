"""Askers' personal data over time: deleted after the retention period (PIPL Art. 19; 等保 个人信息保护),
re-encrypted when the data key rotates.

The period (PORTAL_CONTACT_RETENTION_DAYS) runs from the later of the interview's written-answer
deadline and the question's answer, so the asker can always be told the answer first; a question
with neither (an interview that never got a date) counts from its submission. Only the contact, its
masked hint and the real name go, and the question's original wording gives way to its masked text
(what the asker typed may itself hold a phone number); the question, its history and the messages
sent stay.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from portal.audit.services import log_action
from portal.core.crypto import get_provider
from portal.interviews.enums import StepKind
from portal.interviews.models import InterviewStep
from portal.questions.enums import EventKind
from portal.questions.models import AskerContact, PhoneVerification, Question
from portal.questions.pii import decrypt_contact, decrypt_real_name, encrypt_contact, encrypt_real_name
from portal.questions.services.common import record


def retention_starts(asker: AskerContact, answers_due: dt.date | None) -> dt.datetime:
    question = asker.question
    candidates = []
    if answers_due is not None:
        day_after = answers_due + dt.timedelta(days=1)
        candidates.append(dt.datetime.combine(day_after, dt.time.min, tzinfo=timezone.get_current_timezone()))
    answered_at = question.answer_root.answered_at
    if answered_at is not None:
        candidates.append(answered_at)
    return max(candidates) if candidates else question.created_at


def purge_question_contacts(now: dt.datetime | None = None) -> int:
    """Delete contacts and real names past retention; returns how many askers were purged. Idempotent."""
    now = now or timezone.now()
    keep = dt.timedelta(days=settings.PORTAL_CONTACT_RETENTION_DAYS)
    candidates = (
        AskerContact.objects.filter(purged_at=None, question__created_at__lte=now - keep)
        .select_related("question__merged_into")
        .order_by("pk")
    )
    due_by_interview = dict(InterviewStep.objects.filter(kind=StepKind.ANSWERS).values_list("interview_id", "due_date"))
    purged = 0
    for asker in candidates.iterator():
        if retention_starts(asker, due_by_interview.get(asker.question.interview_id)) + keep <= now:
            with transaction.atomic():
                _purge(asker, now)
            purged += 1
    # Codes for identity checks hold only hashes, but have no use after their few minutes.
    PhoneVerification.objects.filter(expires_at__lt=now - dt.timedelta(days=1)).delete()
    if purged:
        log_action(None, "questions.contacts.purged", actor=None, data={"rows": purged})
    return purged


def purge_asker(asker: AskerContact, now: dt.datetime | None = None) -> bool:
    """Delete one asker's contact, its masked hint and the real name now; the question keeps its masked text.

    Used by the retention purge and by a deletion request on a filed interview (portal/filing/redaction.py),
    which records the event itself. True if anything was deleted (False: already purged).
    """
    updated = AskerContact.objects.filter(pk=asker.pk, purged_at=None).update(
        contact_ciphertext="", contact_hint="", real_name_ciphertext="", purged_at=now or timezone.now()
    )
    if updated:
        Question.objects.filter(pk=asker.question_id).update(text=F("public_text"))
    return bool(updated)


def _purge(asker: AskerContact, now: dt.datetime) -> None:
    if purge_asker(asker, now):
        record(asker.question, EventKind.CONTACT_PURGED, actor=None, audit=False)


def rotate_contact_keys(batch_size: int = 500) -> int:
    """Re-encrypt every stored contact and real name still under an older key; returns how many rows changed."""
    provider = get_provider()
    rewritten = 0
    askers = AskerContact.objects.exclude(contact_ciphertext="", real_name_ciphertext="").select_related("question")
    for asker in askers.order_by("pk").iterator(chunk_size=batch_size):
        stale = [t for t in (asker.contact_ciphertext, asker.real_name_ciphertext) if t and provider.needs_rotation(t)]
        if not stale:
            continue
        code = asker.question.receipt_code
        AskerContact.objects.filter(pk=asker.pk).update(
            contact_ciphertext=encrypt_contact(decrypt_contact(asker), receipt_code=code),
            real_name_ciphertext=encrypt_real_name(decrypt_real_name(asker), receipt_code=code),
        )
        rewritten += 1
    if rewritten:
        log_action(None, "questions.contacts.rekeyed", actor=None, data={"rows": rewritten})
    return rewritten
