"""Abuse checks that need no outside service (no third-party CAPTCHA, nothing leaves the server).

- A question in words that a person answers and a screen reader reads aloud (“三加五等于几？”). Its
  answer travels in a signed, time-limited token as a keyed digest, never in clear; each token
  is good for one attempt, so answers cannot be tried one after another.
- A honeypot field that people never see and bots fill in, and a minimum time to fill the form.
- Per-client rate limits in the cache. The client key is a keyed hash of address and user agent
  computed by the view (``client_key``); the raw address is never stored.
"""

import secrets
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.crypto import keyed_hash
from portal.questions.exceptions import IntakeRefused

SALT = "portal.questions.challenge"
NUMERALS = "零一二三四五六七八九"


@dataclass(frozen=True)
class Challenge:
    prompt: str
    token: str
    answer: str = field(repr=False)  # for tests and the benchmark; a view renders prompt and token only


def client_key(ip: str | None, user_agent: str | None) -> str:
    """What identifies a client for rate limits and support, without keeping its address."""
    return keyed_hash(f"{ip or ''}|{user_agent or ''}", purpose="client")


def supporter_key(client: str) -> str:
    return keyed_hash(client, purpose="supporter")


def chinese_number(n: int) -> str:
    """0–99 in Chinese numerals, as a person would say them (十二, 二十, 三十五)."""
    if n < 10:
        return NUMERALS[n]
    tens, ones = divmod(n, 10)
    return f"{NUMERALS[tens] if tens > 1 else ''}十{NUMERALS[ones] if ones else ''}"


def parse_answer(text: str) -> int | None:
    """A number typed as digits (half or full width) or in Chinese numerals; None if it is neither."""
    text = unicodedata.normalize("NFKC", text or "").strip().rstrip("。.")
    if text.isdigit():
        return int(text)
    for n in range(100):
        if chinese_number(n) == text:
            return n
    return None


def _digest(nonce: str, answer: int) -> str:
    return keyed_hash(f"{nonce}:{answer}", purpose="challenge")


def new_challenge(rng: secrets.SystemRandom | None = None) -> Challenge:
    """A fresh arithmetic question in words and the token that checks its answer."""
    rng = rng or secrets.SystemRandom()
    a, b = rng.randint(2, 9), rng.randint(1, 9)
    if rng.random() < 0.5:
        answer, prompt = a + b, _("%(a)s加%(b)s等于几？") % {"a": chinese_number(a), "b": chinese_number(b)}
    else:
        a, b = max(a, b), min(a, b)
        answer, prompt = a - b, _("%(a)s减%(b)s等于几？") % {"a": chinese_number(a), "b": chinese_number(b)}
    nonce = secrets.token_urlsafe(12)
    payload = {"n": nonce, "d": _digest(nonce, answer), "t": int(timezone.now().timestamp())}
    token = signing.TimestampSigner(salt=SALT).sign_object(payload)
    return Challenge(prompt=_("验证问题：%(q)s（请填写数字）") % {"q": prompt}, token=token, answer=str(answer))


def verify_challenge(token: str, answer: str) -> None:
    """Accept the answer or raise IntakeRefused. The token is spent by this call, right or wrong."""
    max_age = settings.PORTAL_CHALLENGE_MAX_AGE_SECONDS
    try:
        payload = signing.TimestampSigner(salt=SALT).unsign_object(token or "", max_age=max_age)
    except signing.SignatureExpired as exc:
        raise IntakeRefused(_("验证问题已过期，请回答新的验证问题。"), field="challenge_answer") from exc
    except signing.BadSignature as exc:
        raise IntakeRefused(_("验证问题无效，请回答新的验证问题。"), field="challenge_answer") from exc
    if not cache.add(f"questions:challenge:{payload['n']}", 1, timeout=max_age):
        raise IntakeRefused(_("该验证问题已经使用过，请回答新的验证问题。"), field="challenge_answer")
    if timezone.now().timestamp() - payload["t"] < settings.PORTAL_CHALLENGE_MIN_SECONDS:
        raise IntakeRefused(_("提交过快，请核对内容后再提交。"), field="challenge_answer")
    number = parse_answer(answer)
    if number is None or not secrets.compare_digest(_digest(payload["n"], number), payload["d"]):
        raise IntakeRefused(_("验证问题的答案不正确，请回答新的验证问题。"), field="challenge_answer")


def check_honeypot(value: str) -> None:
    """The hidden field is empty for people; a bot that fills it gets a refusal that tells it nothing."""
    if value:
        raise IntakeRefused(_("提交未成功，请刷新页面后重试。"))


# --- Rate limits ------------------------------------------------------------------------------


def _limits(client: str, interview_id: int) -> list[tuple[str, int, int]]:
    """(cache key, limit, window in seconds) of every limit that applies; a limit of 0 is off."""
    now = int(timezone.now().timestamp())
    window = settings.PORTAL_QUESTION_RATE_WINDOW_MINUTES * 60
    day = 24 * 3600
    limits = []
    if settings.PORTAL_QUESTION_RATE_PER_INTERVIEW and window:
        key = f"questions:rate:i{interview_id}:{client}:{now // window}"
        limits.append((key, settings.PORTAL_QUESTION_RATE_PER_INTERVIEW, window))
    if settings.PORTAL_QUESTION_RATE_PER_DAY:
        today = timezone.localdate().isoformat()  # the portal's day, not UTC's
        limits.append((f"questions:rate:day:{client}:{today}", settings.PORTAL_QUESTION_RATE_PER_DAY, day))
    return limits


def check_rate_limits(client: str, interview_id: int) -> None:
    """Refuse when the client has used up a limit. Only accepted questions count (``count_submission``)."""
    for key, limit, window in _limits(client, interview_id):
        if cache.get(key, 0) >= limit:
            if window >= 24 * 3600:
                raise IntakeRefused(_("今天提交的问题已达上限，请明天再来。"))
            raise IntakeRefused(
                _("提问过于频繁，请%(minutes)s分钟后再试。") % {"minutes": settings.PORTAL_QUESTION_RATE_WINDOW_MINUTES}
            )


def count_submission(client: str, interview_id: int) -> None:
    for key, _limit, window in _limits(client, interview_id):
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
