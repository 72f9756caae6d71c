"""A small audit log with known times, people, actions, objects and addresses."""

import pytest

from portal.audit.models import AuditEntry
from portal.audit.services import log_action
from portal.core.context import client_ip
from tests.factories import PlanFactory, at


def entry(obj, action, *, actor, when, ip=None, data=None) -> AuditEntry:
    token = client_ip.set(ip)
    try:
        made = log_action(obj, action, actor=actor, data=data)
    finally:
        client_ip.reset(token)
    AuditEntry.objects.filter(pk=made.pk).update(created_at=when)
    made.refresh_from_db()
    return made


@pytest.fixture
def audit_log(interview, coordinator, editor, operator):
    coordinator.full_name = "杨慧"
    coordinator.save()
    editor.full_name = "王芳"
    editor.save()
    plan = PlanFactory(year=2025)
    return {
        "purged": entry(None, "questions.contacts.purged", actor=None, when=at(2025, 8, 1, 3, 0), data={"rows": 4}),
        "cancelled": entry(
            interview,
            "interviews.interview.state_changed",
            actor=coordinator,
            when=at(2025, 9, 1, 10, 0),
            ip="10.1.2.3",
            data={"from": "planned", "to": "cancelled", "reason": "主要嘉宾临时公务"},
        ),
        "renamed": entry(
            interview,
            "interviews.interview.updated",
            actor=editor,
            when=at(2025, 9, 5, 9, 0),
            ip="2001:db8::1",
            data={"title": {"from": "燃气安全", "to": "城镇燃气“安心用气工程”"}},
        ),
        "plan": entry(plan, "planning.plan.updated", actor=operator, when=at(2025, 9, 10, 23, 30), ip="10.1.2.4"),
        "plan_obj": plan,
    }
