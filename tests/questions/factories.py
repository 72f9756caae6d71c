"""Factories and helpers of the questions tests. A question made here skips intake (no screening, no grouper);
tests of intake itself go through ``ask()``, which is the real submit_question with a solved challenge."""

import factory

from portal.interviews.enums import StepKind
from portal.questions.antiabuse import client_key, new_challenge
from portal.questions.enums import ContactKind, QuestionState, Via
from portal.questions.models import (
    AskerContact,
    ForwardChannel,
    Question,
    QuestionGroup,
    RejectionReason,
)
from portal.questions.models.questions import RECEIPT_ALPHABET
from portal.questions.pii import contact_hint, encrypt_contact, encrypt_real_name, parse_contact
from portal.questions.services.intake import submit_question
from portal.questions.textproc.ngrams import index_text
from tests.factories import InterviewFactory, at

NOW = at(2025, 9, 1, 10, 0)
R = at(2025, 10, 9, 14, 30)
CLIENT = client_key("203.0.113.7", "Mozilla/5.0 (测试)")


def open_interview(**kwargs):
    """R set and confirmed, introduction submitted and preview published now: the window is open."""
    kwargs.setdefault("recording_at", R)
    kwargs.setdefault("confirmed", True)
    return InterviewFactory(steps=[StepKind.TOPIC, StepKind.INTRODUCTION, StepKind.PREVIEW], **kwargs)


def ask(interview, **overrides):
    """submit_question as the public form sends it, with the anti-abuse question answered correctly."""
    challenge = new_challenge()
    fields = {
        "interview": interview,
        "nickname": "热心市民",
        "text": "请问桥林街道老旧小区的燃气管道改造什么时候开始？",
        "contact": "",
        "consent": True,
        "via": Via.PREVIEW,
        "client_key": CLIENT,
        "challenge_token": challenge.token,
        "challenge_answer": challenge.answer,
    }
    fields.update(overrides)
    return submit_question(**fields)


def _code(n: int) -> str:
    digits, alphabet = [], RECEIPT_ALPHABET
    for _i in range(10):
        n, rest = divmod(n, len(alphabet))
        digits.append(alphabet[rest])
    return "".join(reversed(digits))


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question as intake leaves it; ``asker__contact="13812345678"``, ``asker__real_name="张三"`` encrypt them."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    interview = factory.SubFactory(InterviewFactory)
    receipt_code = factory.Sequence(lambda n: _code(n + 1000))
    nickname = "热心市民"
    text = factory.Sequence(lambda n: f"请问第{n}号燃气管道改造工程什么时候开始施工？")
    public_text = factory.LazyAttribute(lambda q: q.text)
    search_index = factory.LazyAttribute(lambda q: index_text(f"{q.nickname} {q.public_text}"))
    state = QuestionState.PENDING
    responsible_unit = factory.LazyAttribute(lambda q: q.interview.lead_unit)

    @factory.post_generation
    def asker(self, create, extracted, contact: str = "", real_name: str = "", **kwargs):
        if not create:
            return
        kind, value = parse_contact(contact) if contact else (ContactKind.NONE, "")
        AskerContact.objects.create(
            question=self,
            contact_kind=kind,
            contact_ciphertext=encrypt_contact(value, receipt_code=self.receipt_code),
            contact_hint=contact_hint(kind, value),
            real_name_ciphertext=encrypt_real_name(real_name, receipt_code=self.receipt_code),
            consent_version="2025-1",
            consented_at=self.created_at,
        )
        if self.group_id is None:
            self.group = QuestionGroup.objects.create(interview=self.interview)
            self.save(update_fields=["group"])


def reason(label: str = "与本期访谈主题无关") -> RejectionReason:
    return RejectionReason.objects.get(label=label)


def hotline() -> ForwardChannel:
    return ForwardChannel.objects.get(name="12345政务服务便民热线")
