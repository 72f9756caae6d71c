import re

import pytest
from django.urls import reverse

from portal.notifications.models import Notification
from tests.factories import InterviewFactory, at

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _row_titles(html: str) -> list[str]:
    return [title for title, _step in _rows(html)]


def _rows(html: str) -> list[tuple[str, str]]:
    """(interview title, step) of each to-do row."""
    return re.findall(
        r'<th scope="row"><a href="/backoffice/interviews/\d+/">([^<]+)</a>.*?</th>\s*<td>([^<]+)</td>', html
    )


def test_dashboard_lists_my_units_open_steps_overdue_first(client, editor, units, overdue_interview):
    later = InterviewFactory(title="校家社协同育人", lead_unit=units["lead"], recording_at=at(2027, 6, 15))
    client.force_login(editor)

    response = client.get(reverse("backoffice:dashboard"))

    html = response.text
    titles = _row_titles(html)
    assert titles[0] == "渐进式延迟退休政策解读"
    assert titles[-1] == "校家社协同育人"
    assert titles.index("校家社协同育人") > titles.index("渐进式延迟退休政策解读")
    assert '<span class="tag tag-overdue">已逾期</span>' in html
    assert "2027-05-14" in html  # 文字简介: R − 1 month, moved back from Saturday 15 May to Friday 14 May
    assert "2027年节假日安排尚未公布，此日期为暂定" in html
    assert "城建局" in html
    assert f'href="/backoffice/interviews/{later.pk}/"' in html
    assert ("渐进式延迟退休政策解读", "1 确定主题") not in _rows(html)  # done steps are not to-dos
    assert ("校家社协同育人", "1 确定主题") in _rows(html)


def test_dashboard_shows_unread_count_and_the_latest_five_notifications(client, editor):
    for number in range(6):
        Notification.objects.create(recipient=editor, title=f"提醒{number}")
    Notification.objects.filter(title="提醒0").update(read_at="2026-01-01T00:00:00Z")
    client.force_login(editor)

    html = client.get(reverse("backoffice:dashboard")).text

    assert "站内消息（5条未读）" in html
    assert list(re.findall(r"提醒\d", html)) == ["提醒5", "提醒4", "提醒3", "提醒2", "提醒1"]


def test_dashboard_of_a_center_lists_the_steps_it_owns(client, operator, overdue_interview):
    client.force_login(operator)

    html = client.get(reverse("backoffice:dashboard")).text

    assert "2b 发布访谈预告" in html
    assert "1 确定主题" not in html
    assert "3 起草访谈稿" not in html


@pytest.mark.parametrize("count", [1, 3])
def test_dashboard_query_count_does_not_grow_with_interviews(client, editor, units, count, django_assert_num_queries):
    for number in range(count):
        InterviewFactory(title=f"访谈{number}", lead_unit=units["lead"], recording_at=at(2027, 6, 15 + number))
    client.force_login(editor)
    client.get(reverse("backoffice:dashboard"))  # warm the per-process caches (singleton units, calendar)

    with django_assert_num_queries(13):
        response = client.get(reverse("backoffice:dashboard"))

    assert len(set(_row_titles(response.text))) == count


def test_inbox_marks_everything_read(client, editor, coordinator):
    Notification.objects.create(recipient=editor, title="访谈“城镇燃气”录制时间已确认")
    Notification.objects.create(recipient=coordinator, title="别人的消息")
    client.force_login(editor)

    page = client.get(reverse("backoffice:inbox"))
    response = client.post(reverse("backoffice:inbox"), {"read_all": "1"})

    assert "访谈“城镇燃气”录制时间已确认" in page.text
    assert "别人的消息" not in page.text
    assert "1条未读" in page.text
    assert response.status_code == 302
    assert Notification.objects.get(recipient=editor).read_at is not None
    assert Notification.objects.get(recipient=coordinator).read_at is None


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, editor, interview):
    first = Notification.objects.create(recipient=editor, title="甲", url=interview.get_backoffice_url())
    second = Notification.objects.create(recipient=editor, title="乙")
    client.force_login(editor)

    response = client.post(reverse("backoffice:inbox"), {"open": first.pk})

    assert response.status_code == 302
    assert response["Location"] == interview.get_backoffice_url()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None


def test_an_external_link_in_a_notification_is_not_followed(client, editor):
    notification = Notification.objects.create(recipient=editor, title="甲", url="https://evil.example/")
    client.force_login(editor)

    response = client.post(reverse("backoffice:inbox"), {"open": notification.pk})

    assert response["Location"] == reverse("backoffice:inbox")


def test_nobody_opens_someone_elses_notification(client, editor, coordinator):
    other = Notification.objects.create(recipient=coordinator, title="别人的消息")
    client.force_login(editor)

    response = client.post(reverse("backoffice:inbox"), {"open": other.pk})

    assert response.status_code == 404
    other.refresh_from_db()
    assert other.read_at is None
