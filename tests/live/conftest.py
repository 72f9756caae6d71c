"""The live tests' shapes: an interview recorded today, started by the digital center's operator."""

import pytest
from django.utils import timezone

from portal.live.fanout import set_broker
from portal.live.fanout.brokers import MemoryBroker
from portal.live.services import start_live
from portal.questions.enums import QuestionState
from tests.factories import GuestFactory, InterviewFactory
from tests.live.webhook_support import fake_receiver, make_endpoint
from tests.questions.factories import QuestionFactory


@pytest.fixture(autouse=True)
def memory_broker():
    """A fresh in-process broker per test, as a freshly started server has."""
    broker = MemoryBroker()
    old = set_broker(broker)
    yield broker
    set_broker(old)


@pytest.fixture
def today_interview(units):
    """城建局's interview recorded today (R confirmed), not yet live; not in a plan, so public once live."""
    return InterviewFactory(
        title="城镇燃气“安心用气工程”",
        lead_unit=units["lead"],
        co_units=[units["co"]],
        recording_at=timezone.now(),
        confirmed=True,
        host_name="王芳",
    )


@pytest.fixture
def guest(today_interview):
    return GuestFactory(interview=today_interview, name="张三", post="局长", unit_name="城建局")


@pytest.fixture
def live_interview(today_interview, operator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return start_live(today_interview, actor=operator)


@pytest.fixture
def published_question(today_interview):
    return QuestionFactory(
        interview=today_interview,
        nickname="桥林老住户",
        text="老旧小区燃气管道什么时候改造？",
        public_text="老旧小区燃气管道什么时候改造？",
        state=QuestionState.PUBLISHED,
    )


@pytest.fixture
def receiver():
    """Webhook receivers faked with ``responses`` (tests/live/webhook_support.py)."""
    with fake_receiver() as mock:
        yield mock


@pytest.fixture
def endpoint(operator):
    """An active webhook endpoint (浦口发布) that wants every event."""
    return make_endpoint(operator)
