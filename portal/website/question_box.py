"""The question box of an interview's page: the window, the identity check and the form, as the page shows them.

Validation is the domain's (``portal.questions.services.intake.submit_question``); this module only
keeps what the asker typed, places each refusal beside its field and decides which part of the box
to show: the form, the identity check before it, or why there is no form.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from portal.interviews.enums import InterviewState
from portal.questions.antiabuse import Challenge, new_challenge
from portal.questions.enums import IdentityMode, Via
from portal.questions.exceptions import VerificationRefused
from portal.questions.services.identity import identity_from_ticket, identity_mode
from portal.questions.services.intake import NICKNAME_MAX, REAL_NAME_MAX, TEXT_MAX, TEXT_MIN
from portal.website import oidc

# The asker's verified identity (a signed ticket, never the number) between the check and the form.
IDENTITY_COOKIE = "portal_q_identity"

TEXT_FIELDS = ("nickname", "text", "contact", "real_name", "challenge_answer")
CHECKBOXES = ("show_real_name", "consent")
# The order of the error summary, and where each of its links goes.
SUMMARY_ORDER = ("identity", "nickname", "text", "contact", "real_name", "consent", "challenge_answer")
ANCHOR = {"identity": "verify"}
NON_FIELD = "form"
HONEYPOT = "homepage"


@dataclass
class AskForm:
    """The question form's values as typed, the refusals by field, and a fresh anti-abuse question."""

    values: dict[str, str] = field(default_factory=lambda: dict.fromkeys(TEXT_FIELDS, ""))
    checks: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(CHECKBOXES, False))
    errors: dict[str, list[str]] = field(default_factory=dict)
    challenge: Challenge = field(default_factory=new_challenge)

    @classmethod
    def from_post(cls, post) -> "AskForm":
        values = {name: post.get(name, "") for name in TEXT_FIELDS}
        # Browsers send a textarea's line breaks as CRLF; count a line break as one character, as the page does.
        values["text"] = values["text"].replace("\r\n", "\n")
        return cls(values=values, checks={name: post.get(name) == "1" for name in CHECKBOXES})

    def refuse(self, errors: dict[str, list[str]]) -> None:
        """Show ``errors`` (the domain's, by field) and ask a new question: the old one may be spent."""
        self.errors = {NON_FIELD if key == "__all__" else key: list(messages) for key, messages in errors.items()}
        self.values["challenge_answer"] = ""
        self.challenge = new_challenge()

    @property
    def summary(self) -> list[tuple[str, str]]:
        """(link target or "", message) for the error summary, in the order of the fields on the page."""
        items = [("", message) for message in self.errors.get(NON_FIELD, [])]
        for name in SUMMARY_ORDER:
            target = ANCHOR.get(name, f"id_{name}")
            items.extend((target, message) for message in self.errors.get(name, []))
        return items

    @property
    def text_length(self) -> int:
        return len(self.values["text"].strip())

    @property
    def count_message(self) -> str:
        """The character count as the page shows it before any script runs (questions.js says the same)."""
        n = self.text_length
        if n == 0:
            return f"可输入{TEXT_MIN}至{TEXT_MAX}个字"
        if n > TEXT_MAX:
            return f"已超出{n - TEXT_MAX}个字（最多{TEXT_MAX}个字）"
        if n < TEXT_MIN:
            return f"已输入{n}个字，至少还需{TEXT_MIN - n}个字"
        return f"已输入{n}个字，还可以输入{TEXT_MAX - n}个字"

    @property
    def has_values(self) -> bool:
        return any(self.values[name].strip() for name in TEXT_FIELDS if name != "challenge_answer") or any(
            self.checks.values()
        )


@dataclass
class QuestionBox:
    """What the 网友提问 section shows. ``mode``: open, live, closed, postponed, or None (no section)."""

    mode: str | None
    window: tuple | None
    form: AskForm | None = None
    identity: str = IdentityMode.OFF
    verified: bool = False
    sms_step: str = "mobile"  # mobile: ask for the number; code: ask for the code just sent
    mobile: str = ""
    code_sent: bool = False
    just_verified: bool = False
    verify_errors: dict[str, list[str]] = field(default_factory=dict)  # mobile, sms_code, form
    kept_text: str = ""  # what a late asker typed, shown so that it is not lost
    login_provider: str = ""  # identity "oidc" with a client configured: the provider's name on the login button
    closed_message: str = ""
    limits: dict = field(default_factory=dict)

    @property
    def via(self) -> str:
        return Via.LIVE if self.mode == "live" else Via.PREVIEW

    @property
    def accepts(self) -> bool:
        return self.mode in ("open", "live")

    @property
    def shows_form(self) -> bool:
        """The form is shown while questions are accepted, unless only an outside login could open it."""
        return self.accepts and (self.identity != IdentityMode.OIDC or self.verified)

    @property
    def asks_mobile(self) -> bool:
        return self.accepts and self.identity == IdentityMode.SMS and not self.verified

    @property
    def summary(self) -> list[tuple[str, str]]:
        """The error summary: the identity check's refusals, then the question form's."""
        items = [("", message) for message in self.verify_errors.get(NON_FIELD, [])]
        for name in ("mobile", "sms_code"):
            items.extend((f"id_{name}", message) for message in self.verify_errors.get(name, []))
        return items + (self.form.summary if self.form else [])


def box_mode(interview, now) -> str | None:
    window = interview.question_window()
    if interview.state == InterviewState.LIVE:
        return "live"
    if window is None or interview.state == InterviewState.CANCELLED:
        return None
    if interview.state == InterviewState.POSTPONED:
        return "postponed"
    return "open" if interview.question_window_open(now) else "closed"


def identity_ticket(request) -> str:
    return request.COOKIES.get(IDENTITY_COOKIE, "")


def is_verified(request) -> bool:
    """Whether the request carries a valid identity ticket of the current mode (only asked when a mode is on)."""
    try:
        identity_from_ticket(identity_ticket(request))
    except VerificationRefused:
        return False
    return True


def question_box(
    request, interview, *, form: AskForm | None = None, now=None, verified: bool | None = None, **extra
) -> QuestionBox:
    now = now or timezone.now()
    mode = box_mode(interview, now)
    mode_setting = identity_mode()
    box = QuestionBox(
        mode=mode,
        window=interview.question_window(),
        identity=mode_setting,
        limits={
            "text_min": TEXT_MIN,
            "text_max": TEXT_MAX,
            "nickname_max": NICKNAME_MAX,
            "real_name_max": REAL_NAME_MAX,
            "retention_days": settings.PORTAL_CONTACT_RETENTION_DAYS,
            "sms_minutes": max(1, settings.PORTAL_SMS_CODE_TTL_SECONDS // 60),
        },
        **extra,
    )
    if box.accepts:
        if verified is None:
            verified = mode_setting != IdentityMode.OFF and is_verified(request)
        box.verified = verified
        box.form = form or AskForm()
        if mode_setting == IdentityMode.OIDC:
            config = oidc.provider()
            box.login_provider = config.name if config else ""
            if not verified and form is not None:  # the login lapsed while typing: show what was typed
                box.kept_text = form.values["text"].strip()
    return box
