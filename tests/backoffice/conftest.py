"""Shapes the back-office tests share: an overdue interview, plans in both states, a unit administrator."""

import datetime as dt

import pytest
from django.utils import timezone

from portal.accounts.enums import Role
from portal.planning.models import PlanStatus
from portal.planning.services import approve_plan
from portal.questions.services.screening import reset_caches
from tests.factories import InterviewFactory, PlanFactory, PlanRowFactory, staff
from tests.questions.factories import QuestionFactory, open_interview


@pytest.fixture
def unit_admin(lead_unit):
    return staff(lead_unit, Role.UNIT_ADMIN, username="unit_admin")


@pytest.fixture
def overdue_interview(units):
    """城建局's interview whose R was ten days ago and is still planned: every step before R is overdue."""
    return InterviewFactory(
        title="渐进式延迟退休政策解读",
        lead_unit=units["lead"],
        year=timezone.localdate().year,
        recording_at=timezone.now() - dt.timedelta(days=10),
        steps=["topic"],
    )


@pytest.fixture
def draft_plan(units):
    plan = PlanFactory(year=2031, title="2031年浦口区政府门户网站在线访谈活动实施方案")
    PlanRowFactory(plan=plan, seq=1, month=4, topic="强化基金招商，赋能高质量发展", lead_unit=units["lead"])
    return plan


@pytest.fixture
def approved_plan(units, coordinator):
    plan = PlanFactory(year=2032, title="2032年浦口区政府门户网站在线访谈活动实施方案", status=PlanStatus.DRAFT)
    row = PlanRowFactory(plan=plan, seq=1, month=5, topic="体育赛事赋能旅游消费", lead_unit=units["lead"])
    row.co_units.set([units["co"]])
    return approve_plan(plan, actor=coordinator)


# --- Netizen questions ---------------------------------------------------------------------------

CONTACT_PHONE = "13912345678"  # given as the contact: never shown in full anywhere in the back office


@pytest.fixture(autouse=True)
def _fresh_question_caches(settings):
    settings.PORTAL_CHALLENGE_MIN_SECONDS = 0
    reset_caches()
    yield
    reset_caches()


@pytest.fixture
def preview(units):
    """城建局's interview (桥林街道 co-unit) whose preview went out now: the question window is open."""
    return open_interview(title="城镇燃气“安心用气工程”", lead_unit=units["lead"], co_units=[units["co"]])


@pytest.fixture
def pending(preview):
    """A waiting question with a phone number in its text and another number as the asker's contact."""
    return QuestionFactory(
        interview=preview,
        nickname="桥林老住户",
        text="老旧小区燃气管道什么时候改造？可以打我电话13812345678联系。",
        public_text="老旧小区燃气管道什么时候改造？可以打我电话【手机号已隐去】联系。",
        findings=[{"kind": "mobile", "start": 21, "end": 32}],
        has_personal_data=True,
        asker__contact=CONTACT_PHONE,
    )
