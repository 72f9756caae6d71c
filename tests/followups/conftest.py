"""A held interview of 城建局 (桥林街道 co-unit) with questions in every state: the known fixture of the facts."""

import datetime as dt

import pytest

from portal.interviews.enums import InterviewState, StepKind
from portal.interviews.models import Interview
from portal.notifications.sms import LocmemSmsGateway
from portal.questions.enums import AnswerStatus, QuestionState
from portal.questions.models import Category, QuestionGroup, RejectionReason
from tests.factories import InterviewFactory, at
from tests.questions.factories import QuestionFactory

S = QuestionState
NOW = at(2025, 10, 30, 10, 0)  # R + 15 working days: written answers (R + 5) are overdue
R = at(2025, 10, 9, 14, 30)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture(autouse=True)
def _sms():
    LocmemSmsGateway.outbox.clear()
    yield
    LocmemSmsGateway.outbox.clear()


@pytest.fixture
def smsoutbox():
    return LocmemSmsGateway.outbox


@pytest.fixture
def held(units):
    interview = InterviewFactory(
        title="城镇燃气“安心用气工程”",
        lead_unit=units["lead"],
        co_units=[units["co"]],
        recording_at=R,
        confirmed=True,
        steps=[StepKind.TOPIC, StepKind.INTRODUCTION, StepKind.PREVIEW, StepKind.RECORDING],
    )
    Interview.objects.filter(pk=interview.pk).update(state=InterviewState.ENDED)
    interview.refresh_from_db()
    return interview


@pytest.fixture
def questions(held):
    """12 questions: 7 published (2 live, 1 written, 1 declined, 3 unanswered), 2 rejected, 2 merged, 1 forwarded.

    Categories of the published: 城乡建设 ×4, 交通运输 ×2, none ×1. Group A: three published plus the two merged.
    """
    # get_or_create: browser tests (transaction=True) flush the rows the data migrations made.
    building, _new = Category.objects.get_or_create(name="城乡建设", defaults={"sort_order": 10})
    traffic, _new = Category.objects.get_or_create(name="交通运输", defaults={"sort_order": 30})
    off_topic, _new = RejectionReason.objects.get_or_create(
        label="与本期访谈主题无关", defaults={"public_text": "您的提问与本期访谈主题关联不大。"}
    )
    group_a = QuestionGroup.objects.create(interview=held)

    def q(**kwargs):
        return QuestionFactory(interview=held, **kwargs)

    p = {
        "a1": q(state=S.PUBLISHED, group=group_a, category=building, answer_status=AnswerStatus.LIVE,
                text="老旧小区燃气管道改造什么时候开始？", support_count=5, asker__contact="a1@example.com"),
        "a2": q(state=S.PUBLISHED, group=group_a, category=building, answer_status=AnswerStatus.LIVE,
                asker__contact="13812345678"),
        "a3": q(state=S.PUBLISHED, group=group_a, category=building, answer_status=AnswerStatus.WRITTEN),
        "b1": q(state=S.PUBLISHED, category=building, answer_status=AnswerStatus.DECLINED,
                text="燃气费能不能降一点？"),
        "c1": q(state=S.PUBLISHED, category=traffic, text="施工期间道路怎么通行？", support_count=2),
        "c2": q(state=S.PUBLISHED, category=traffic),
        "d1": q(state=S.PUBLISHED),
    }  # fmt: skip
    p["m1"] = q(state=S.MERGED, merged_into=p["a1"], group=group_a, asker__contact="m1@example.com")
    p["m2"] = q(state=S.MERGED, merged_into=p["a1"], group=group_a)
    p["r1"] = q(state=S.REJECTED, rejection_reason=off_topic)
    p["r2"] = q(state=S.REJECTED, rejection_reason=off_topic)
    p["f1"] = q(state=S.FORWARDED)
    return p


def days(n: int) -> dt.date:
    return NOW.date() + dt.timedelta(days=n)
