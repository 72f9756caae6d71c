"""Netizens submit questions: on the preview page while the window is open, on the live page while live.

``submit_question`` is the only way a question comes in. It refuses with IntakeRefused before it
writes anything, so the form comes back filled with the reasons; on success the question is
screened, grouped, given a suggested category and a receipt code (查询码), and waits for moderation.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.interviews.enums import InterviewState, StepKind, StepStatus
from portal.interviews.models import Interview, InterviewStep
from portal.questions import antiabuse
from portal.questions.enums import EventKind, IdentityMode, QuestionState, Via
from portal.questions.exceptions import IntakeRefused, VerificationRefused
from portal.questions.models import AskerContact, Category, Question, QuestionGroup
from portal.questions.models.questions import RECEIPT_ALPHABET, RECEIPT_LENGTH
from portal.questions.pii import contact_hint, encrypt_contact, encrypt_real_name, parse_contact
from portal.questions.services.common import record
from portal.questions.services.identity import identity_from_ticket, identity_mode
from portal.questions.services.screening import (
    active_category,
    category_suggester,
    current_group,
    group_key,
    rename_group_key,
    screen_text,
)
from portal.questions.textproc.ngrams import index_text
from portal.questions.textproc.screening import mask_personal_data

TEXT_MIN, TEXT_MAX = 10, 500
CLOSED_BY_STATE = {
    InterviewState.POSTPONED: _lazy("本期访谈已延期，网友提问征集暂停，恢复后将另行公告。"),
    InterviewState.CANCELLED: _lazy("本期访谈已取消，不再征集网友提问。"),
    InterviewState.LIVE: _lazy("访谈正在直播，请在直播页面的互动区提问。"),
}
NICKNAME_MAX = 20
REAL_NAME_MAX = 20
RECEIPT_ATTEMPTS = 5  # draws of a 查询码 before giving up (a clash is one chance in about 10^15)


def new_receipt_code() -> str:
    """A random 查询码. Its uniqueness is the database's (a unique column): ``store_question`` retries on a clash."""
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _i in range(RECEIPT_LENGTH))


def _read_interview(scope, pk: int) -> Interview:
    """The interview as it is now, with its preview's publication time, in one query.

    Raises Interview.DoesNotExist when it is not in ``scope`` (the website passes the public ones).
    """
    published = InterviewStep.objects.filter(interview=OuterRef("pk"), kind=StepKind.PREVIEW, status=StepStatus.DONE)
    return (
        scope.only("pk", "state", "lead_unit_id")
        .annotate(preview_published_at=Subquery(published.values("completed_at")[:1]))
        .get(pk=pk)
    )


def _check_window(interview: Interview, via: str) -> None:
    now = timezone.now()
    if via == Via.LIVE:
        if interview.state != InterviewState.LIVE:
            raise IntakeRefused(_("访谈直播尚未开始或已经结束，现在不能在直播中提问。"))
        return
    if via != Via.PREVIEW:
        raise IntakeRefused(_("提问渠道无效。"))
    window = Interview.window_from(interview.preview_published_at)
    if window is None:
        raise IntakeRefused(_("本期访谈的网友提问征集尚未开通。"))
    if interview.state != InterviewState.PLANNED:
        closed = CLOSED_BY_STATE.get(interview.state) or _("本期访谈的网友提问征集已截止，感谢您的关注。")
        raise IntakeRefused(str(closed))
    if now >= window[1]:
        raise IntakeRefused(
            _("本期访谈的网友提问征集已于%(time)s截止，感谢您的关注。")
            % {"time": timezone.localtime(window[1]).strftime("%Y-%m-%d %H:%M")}
        )


def _field_errors(*, nickname, text, contact, consent, real_name, show_real_name) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not nickname:
        errors["nickname"] = [_("请填写昵称。")]
    elif len(nickname) > NICKNAME_MAX:
        errors["nickname"] = [_("昵称不能超过%(n)s个字。") % {"n": NICKNAME_MAX}]
    elif mask_personal_data(nickname)[1]:
        errors["nickname"] = [_("昵称会公开显示，请不要在昵称中填写电话号码、证件号码等个人信息。")]
    if len(text) < TEXT_MIN:
        errors["text"] = [_("问题内容不能少于%(n)s个字（现有%(count)s个字）。") % {"n": TEXT_MIN, "count": len(text)}]
    elif len(text) > TEXT_MAX:
        errors["text"] = [_("问题内容不能超过%(n)s个字（现有%(count)s个字）。") % {"n": TEXT_MAX, "count": len(text)}]
    try:
        parse_contact(contact)
    except ValidationError as exc:
        errors["contact"] = list(exc.messages)
    if not consent:
        errors["consent"] = [_("请阅读并同意《网友提问隐私声明》后再提交。")]
    if len(real_name) > REAL_NAME_MAX:
        errors["real_name"] = [_("真实姓名不能超过%(n)s个字。") % {"n": REAL_NAME_MAX}]
    elif show_real_name and not real_name:
        errors["real_name"] = [_("选择公开真实姓名时，请填写真实姓名。")]
    return errors


def submit_question(
    *,
    interview: Interview,
    nickname: str,
    text: str,
    contact: str = "",
    consent: bool,
    real_name: str = "",
    show_real_name: bool = False,
    via: str | None = None,
    scope=None,
    client_key: str,
    challenge_token: str,
    challenge_answer: str,
    honeypot: str = "",
    identity_ticket: str = "",
) -> Question:
    """Accept a netizen's question or raise IntakeRefused (nothing saved; ``field`` says where).

    Only ``interview.pk`` is read: the interview is read again, in one query, within ``scope`` (a
    queryset; all interviews by default, the public ones on the website: Interview.DoesNotExist
    when it is not in it). ``via`` defaults to the live page while live, else the preview page.

    Checks, in order: the honeypot, the window (preview: open by the server clock; live: the
    interview is LIVE), every field at once, the identity ticket when verification is on, the
    client's rate limits, then the anti-abuse question (which spends its token). The real name is
    kept only encrypted and shown only when ``show_real_name`` (PIPL Art. 25); the contact is
    encrypted with a masked hint for staff. Neither reaches a log, an event or the audit trail.
    """
    antiabuse.check_honeypot(honeypot)
    # Read afresh: the window follows the preview step, which may have changed since the page was built.
    interview = _read_interview(Interview.objects.all() if scope is None else scope, interview.pk)
    if via is None:
        via = Via.LIVE if interview.state == InterviewState.LIVE else Via.PREVIEW
    _check_window(interview, via)

    nickname, text, real_name = (nickname or "").strip(), (text or "").strip(), (real_name or "").strip()
    errors = _field_errors(
        nickname=nickname,
        text=text,
        contact=contact,
        consent=consent,
        real_name=real_name,
        show_real_name=show_real_name,
    )
    identity = None
    if identity_mode() != IdentityMode.OFF:
        try:
            identity = identity_from_ticket(identity_ticket)
        except VerificationRefused as refused:
            errors["identity"] = [refused.message]
    if errors:
        field, messages = next(iter(errors.items()))
        raise IntakeRefused(messages[0], field=field, errors=errors)
    antiabuse.check_rate_limits(client_key, interview.pk)
    antiabuse.verify_challenge(challenge_token, challenge_answer)

    question = store_question(
        interview,
        via=via,
        nickname=nickname,
        text=text,
        contact=contact,
        real_name=real_name,
        show_real_name=show_real_name,
        identity=identity,
    )
    antiabuse.count_submission(client_key, interview.pk)
    return question


def store_question(
    interview: Interview, *, via, nickname, text, contact, real_name, show_real_name, identity
) -> Question:
    """Screen, group, suggest a category and save: the question, its asker's contact and a ``submitted`` event.

    ``submit_question`` calls it once a netizen's submission passed every check; loading history
    (the demo seeder) calls it directly, without the window, the challenge or the rate limits.

    What needs no database is done before the transaction, since SQLite's write lock is held
    from its start. A 查询码 that clashes with an existing one (one chance in about 10^15) makes
    the unique column refuse the row; the question is then saved again under a new code.
    """
    screening = screen_text(text)
    suggested, confidence = _suggest_category(screening.masked)
    kind, value = parse_contact(contact)
    fields = {
        "interview_id": interview.pk,  # not the instance, whose prefetched steps are the preview's only
        "via": via,
        "nickname": nickname,
        "show_real_name": show_real_name and bool(real_name),
        "text": text,
        "public_text": screening.masked,
        "findings": [{"kind": f.kind, "start": f.start, "end": f.end} for f in screening.findings],
        "sensitive_words": list(screening.sensitive_words),
        "spam_signals": list(screening.spam_signals),
        "has_personal_data": bool(screening.findings),
        "has_sensitive_words": bool(screening.sensitive_words),
        "looks_like_spam": bool(screening.spam_signals),
        "search_index": index_text(f"{nickname} {screening.masked}"),
        "state": QuestionState.PENDING,
        "category": suggested,
        "suggested_category": suggested,
        "suggestion_confidence": confidence,
        "responsible_unit_id": interview.lead_unit_id,
    }
    contact_fields = {
        "contact_kind": kind,
        "contact_hint": contact_hint(kind, value),
        "consent_version": settings.PORTAL_PRIVACY_NOTICE_VERSION,
        "identity": identity,
    }
    key = taken = None
    for attempt in range(RECEIPT_ATTEMPTS):
        code = new_receipt_code()
        contact_fields["contact_ciphertext"] = encrypt_contact(value, receipt_code=code)
        contact_fields["real_name_ciphertext"] = encrypt_real_name(real_name, receipt_code=code)
        try:
            with transaction.atomic():
                if key is None:  # grouped inside the transaction: see group_key
                    key = group_key(interview.pk, code, screening.masked)
                elif key == taken:  # the grouper knows the question by the code that was taken
                    rename_group_key(interview.pk, taken, code)
                    key = code
                return _insert(interview.pk, code, key, fields, contact_fields)
        except IntegrityError:
            if attempt + 1 == RECEIPT_ATTEMPTS or not Question.objects.filter(receipt_code=code).exists():
                raise
            taken = code
    raise AssertionError("unreachable")  # pragma: no cover -- the last attempt returns or raises


def _insert(interview_id: int, code: str, key: str, fields: dict, contact_fields: dict) -> Question:
    group_id = None if key == code else current_group(interview_id, key)
    if group_id is None:
        group_id = QuestionGroup.objects.create(interview_id=interview_id).pk
    question = Question.objects.create(receipt_code=code, group_id=group_id, **fields)
    AskerContact.objects.create(question=question, consented_at=timezone.now(), **contact_fields)
    record(question, EventKind.SUBMITTED, actor=None, data={"via": fields["via"]}, audit=False)
    return question


def _suggest_category(text: str) -> tuple[Category | None, float | None]:
    suggester = category_suggester()
    if suggester is None:
        return None, None
    label, confidence = suggester.suggest(text)
    category = active_category(label)
    return (category, float(confidence)) if category else (None, None)
