"""Identity verification before a question is accepted (后台实名、前台昵称), when the setting asks for it.

PORTAL_QUESTION_IDENTITY = "sms": the asker receives a one-time code on a mainland mobile
(``send_verification_code``) and types it back (``verify_code``). "oidc": the website runs the
OpenID Connect login with the provider and, on the callback, calls ``record_oidc_identity``.
Either way the asker gets a signed, time-limited ticket that the question form carries, and the
question is linked to a VerifiedIdentity that stores only a keyed hash of the subject. The
verified identity is never shown, to staff or anyone else.
"""

import secrets
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.crypto import keyed_hash
from portal.notifications.sms import send_sms
from portal.questions.enums import IdentityMode
from portal.questions.exceptions import VerificationRefused
from portal.questions.models import PhoneVerification, VerifiedIdentity
from portal.questions.pii import normalise_mobile

TICKET_SALT = "portal.questions.identity"
CODES_PER_CLIENT_PER_HOUR = 5


def identity_mode() -> str:
    return settings.PORTAL_QUESTION_IDENTITY


def _mobile(raw: str) -> str:
    number = normalise_mobile(raw)
    if number is None:
        raise VerificationRefused(_("请填写11位手机号码。"), field="mobile")
    return number


def _code_hash(phone_hash: str, code: str) -> str:
    return keyed_hash(f"{phone_hash}:{code}", purpose="sms-code")


def send_verification_code(*, mobile: str, client_key: str) -> PhoneVerification:
    """Send a 6-digit code to ``mobile``. Refused when SMS verification is off, or too soon again."""
    if identity_mode() != IdentityMode.SMS:
        raise VerificationRefused(_("当前未启用短信验证。"))
    number = _mobile(mobile)
    phone_hash = keyed_hash(number, purpose="mobile")
    now = timezone.now()
    wait = settings.PORTAL_SMS_CODE_RESEND_SECONDS
    if PhoneVerification.objects.filter(phone_hash=phone_hash, created_at__gt=now - timedelta(seconds=wait)).exists():
        raise VerificationRefused(_("验证码已发送，请%(seconds)s秒后再获取。") % {"seconds": wait}, field="mobile")
    client_counter = f"questions:sms-codes:{client_key}:{int(now.timestamp()) // 3600}"
    if cache.get(client_counter, 0) >= CODES_PER_CLIENT_PER_HOUR:
        raise VerificationRefused(_("获取验证码过于频繁，请一小时后再试。"), field="mobile")
    cache.add(client_counter, 0, timeout=3600)
    cache.incr(client_counter)

    code = f"{secrets.randbelow(10**6):06d}"
    ttl = settings.PORTAL_SMS_CODE_TTL_SECONDS
    verification = PhoneVerification.objects.create(
        phone_hash=phone_hash, code_hash=_code_hash(phone_hash, code), expires_at=now + timedelta(seconds=ttl)
    )
    text = _("【浦口区在线访谈】您的验证码是%(code)s，%(minutes)s分钟内有效。如非本人操作，请忽略本短信。") % {
        "code": code,
        "minutes": max(1, ttl // 60),
    }
    # Sent from memory once the row is saved, not through the job queue: a queued job keeps its
    # arguments in the database, and neither the number nor the code may be stored.
    transaction.on_commit(partial(send_sms, number, text))
    return verification


def verify_code(*, mobile: str, code: str) -> str:
    """Check the code sent to ``mobile``; return an identity ticket for the question form.

    Each try counts, right or wrong, and is saved even when the check fails; after the limit the
    code is dead and a new one must be requested.
    """
    number = _mobile(mobile)
    phone_hash = keyed_hash(number, purpose="mobile")
    verification = PhoneVerification.objects.filter(phone_hash=phone_hash, verified_at=None).first()
    now = timezone.now()
    if verification is None or verification.expires_at <= now:
        raise VerificationRefused(_("验证码已失效，请重新获取。"), field="sms_code")
    if verification.attempts >= settings.PORTAL_SMS_CODE_MAX_ATTEMPTS:
        raise VerificationRefused(_("验证码输入错误次数过多，请重新获取。"), field="sms_code")
    PhoneVerification.objects.filter(pk=verification.pk).update(attempts=F("attempts") + 1)
    if not secrets.compare_digest(_code_hash(phone_hash, (code or "").strip()), verification.code_hash):
        raise VerificationRefused(_("验证码不正确。"), field="sms_code")
    PhoneVerification.objects.filter(pk=verification.pk).update(verified_at=now)
    identity = _identity(IdentityMode.SMS, keyed_hash(number, purpose="identity"))
    return identity_ticket(identity)


def record_oidc_identity(*, provider: str, subject: str) -> str:
    """After the website's OpenID Connect callback: the identity behind ``subject`` at ``provider``."""
    if identity_mode() != IdentityMode.OIDC:
        raise VerificationRefused(_("当前未启用统一身份认证登录。"))
    identity = _identity(f"{IdentityMode.OIDC}:{provider}", keyed_hash(f"{provider}|{subject}", purpose="identity"))
    return identity_ticket(identity)


def _identity(provider: str, subject_hash: str) -> VerifiedIdentity:
    now = timezone.now()
    identity, created = VerifiedIdentity.objects.get_or_create(
        provider=provider, subject_hash=subject_hash, defaults={"last_verified_at": now}
    )
    if not created:
        VerifiedIdentity.objects.filter(pk=identity.pk).update(last_verified_at=now)
    return identity


def identity_ticket(identity: VerifiedIdentity) -> str:
    return signing.TimestampSigner(salt=TICKET_SALT).sign_object({"i": identity.pk, "p": identity.provider})


def identity_from_ticket(ticket: str) -> VerifiedIdentity:
    """The identity a ticket stands for, if the ticket is genuine, fresh and of the current mode."""
    max_age = settings.PORTAL_IDENTITY_TICKET_MAX_AGE_SECONDS
    refusal = VerificationRefused(_("请先完成身份验证。"), field="identity")
    try:
        payload = signing.TimestampSigner(salt=TICKET_SALT).unsign_object(ticket or "", max_age=max_age)
    except signing.SignatureExpired as exc:
        raise VerificationRefused(_("身份验证已过期，请重新验证。"), field="identity") from exc
    except signing.BadSignature as exc:
        raise refusal from exc
    if payload["p"].split(":")[0] != identity_mode():
        raise refusal
    identity = VerifiedIdentity.objects.filter(pk=payload["i"]).first()
    if identity is None:
        raise refusal
    return identity
