"""Shapes the back-office tests share: an overdue interview, plans in both states, a unit administrator."""

import datetime as dt

import pytest
from django.utils import timezone

from portal.accounts.enums import Role
from portal.planning.models import PlanStatus
from portal.planning.services import approve_plan
from tests.factories import InterviewFactory, PlanFactory, PlanRowFactory, staff


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
