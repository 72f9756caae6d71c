"""Staff see on the interview page which reminders will be sent, when and to whom, and which were sent."""

import re

import pytest
from django.urls import reverse

from portal.interviews.scheduling import set_recording_date
from portal.notifications.models import Reminder, ReminderStatus
from tests.factories import at

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(at(2025, 9, 1, 10, 0), tick=False)


@pytest.fixture
def scheduled(interview, coordinator):
    return set_recording_date(interview, at(2025, 10, 20, 14, 30), actor=coordinator)


def _section(client, interview) -> str:
    html = client.get(reverse("backoffice:interview-detail", args=[interview.pk])).text
    return re.search(r'<section id="reminders".*?</section>', html, re.S).group(0)


@pytest.mark.parametrize("viewer", ["coordinator", "editor", "co_editor", "operator"])
def test_everyone_who_sees_the_interview_sees_its_upcoming_reminders(client, scheduled, viewer, request):
    client.force_login(request.getfixturevalue(viewer))

    section = _section(client, scheduled)

    count = Reminder.objects.filter(interview=scheduled, status=ReminderStatus.PENDING).count()
    assert f"待发送的提醒：共{count}条" in section
    assert '<th scope="row">2025-10-06 09:00</th>' in section
    assert "截止提醒：访谈“城镇燃气“安心用气工程””的“起草访谈稿”将于2025-10-13截止（还有7天）" in section
    assert "<td>桥林街道</td>" in section


def test_sent_and_failed_reminders_are_listed_with_their_result(client, scheduled, coordinator):
    first, second = Reminder.objects.filter(interview=scheduled).order_by("due_at")[:2]
    Reminder.objects.filter(pk=first.pk).update(status=ReminderStatus.SENT, sent_at=first.due_at, delivered=3)
    Reminder.objects.filter(pk=second.pk).update(status=ReminderStatus.FAILED, last_error="SMTP 服务器拒绝连接")
    client.force_login(coordinator)

    section = _section(client, scheduled)

    assert "最近发送的提醒" in section
    assert "已发送给3人" in section
    assert "发送失败：SMTP 服务器拒绝连接" in section


def test_an_interview_without_deadlines_says_nothing_is_pending(client, interview, coordinator):
    client.force_login(coordinator)

    assert "没有待发送的提醒。" in _section(client, interview)


def test_an_outsider_gets_a_404_and_sees_no_reminders(client, scheduled, outsider):
    client.force_login(outsider)

    response = client.get(reverse("backoffice:interview-detail", args=[scheduled.pk]))

    assert response.status_code == 404
    assert "截止提醒" not in response.text
