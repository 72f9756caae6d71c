import re

import pytest
from django.urls import reverse

from portal.interviews.enums import InterviewState
from portal.interviews.lifecycle import transition_interview
from portal.interviews.scheduling import set_recording_date
from tests.factories import GuestFactory, InterviewFactory, at

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _detail(client, interview):
    return client.get(reverse("backoffice:interview-detail", args=[interview.pk]))


# The list -------------------------------------------------------------------------------------


def test_list_groups_interviews_by_year_with_state_r_and_lead_unit(client, coordinator, units):
    InterviewFactory(title="全民消防安全宣传教育", year=2024, lead_unit=units["co"], state=InterviewState.FILED)
    InterviewFactory(title="城镇燃气", year=2027, lead_unit=units["lead"], recording_at=at(2027, 5, 20), confirmed=True)
    InterviewFactory(title="校家社协同育人", year=2027, lead_unit=units["lead"], is_demo=True)
    client.force_login(coordinator)

    html = client.get(reverse("backoffice:interview-list")).text

    assert re.findall(r'<h2 id="year-\d+">(\d+)年</h2>', html) == ["2027", "2024"]
    assert '2027-05-20 09:30 <span class="tag tag-done">已确认</span>' in html
    assert "待定" in html
    assert "已备案" in html
    assert html.count('<span class="tag tag-demo">演示</span>') == 1
    assert "城建局" in html


def test_list_filters_by_year(client, coordinator, units):
    InterviewFactory(title="全民消防安全宣传教育", year=2024, lead_unit=units["co"])
    InterviewFactory(title="城镇燃气", year=2027, lead_unit=units["lead"])
    client.force_login(coordinator)

    html = client.get(reverse("backoffice:interview-list"), {"year": 2024}).text

    assert "全民消防安全宣传教育" in html
    assert "城镇燃气" not in html
    assert '<option value="2024" selected>2024年</option>' in html


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow_with_interviews(client, coordinator, units, count, django_assert_num_queries):
    for number in range(count):
        InterviewFactory(title=f"访谈{number}", lead_unit=units["lead"], recording_at=at(2027, 6, 1 + number))
    client.force_login(coordinator)
    client.get(reverse("backoffice:interview-list"))

    with django_assert_num_queries(11):
        response = client.get(reverse("backoffice:interview-list"))

    assert response.text.count("/backoffice/interviews/") - 1 == count  # minus the menu link


# The detail page ------------------------------------------------------------------------------


def test_detail_shows_the_facts_guests_and_every_step(client, editor, interview, coordinator):
    set_recording_date(interview, at(2027, 5, 20), actor=coordinator)
    GuestFactory(interview=interview, name="王建国", post="局长", unit_name="城建局")
    client.force_login(editor)

    html = _detail(client, interview).text

    assert "<h1>城镇燃气“安心用气工程”</h1>" in html
    assert "城建局★" in html
    assert "桥林街道" in html
    assert "2027-05-20 09:30" in html
    assert "（暂定）" in html
    assert "区融媒体中心演播室" in html
    assert 'type="datetime-local" name="recording_at" value="2027-05-20T09:30"' in html
    assert "王建国" in html
    assert "城建局局长" in html
    assert len(re.findall(r'<tr id="step-\d+"', html)) == 12
    assert "2a</td>" in html
    assert "文字简介" in html
    assert "2027-04-20" in html  # 文字简介: R − 1 month
    assert "筹备中" in html
    assert "尚未公开" in html


def test_detail_warns_when_a_deadline_year_is_provisional(client, editor, units):
    interview = InterviewFactory(lead_unit=units["lead"], recording_at=at(2027, 5, 20))
    official = InterviewFactory(lead_unit=units["lead"], recording_at=at(2025, 5, 20))
    client.force_login(editor)

    warning = "2027年节假日安排尚未公布，截止日期按周末和已登记的节假日暂定计算"

    assert warning in _detail(client, interview).text
    assert "节假日安排尚未公布" not in _detail(client, official).text


def test_detail_shows_history_and_audit_entries_without_addresses_for_an_editor(client, editor, coordinator, interview):
    set_recording_date(interview, at(2027, 5, 20), actor=coordinator)
    transition_interview(interview, InterviewState.POSTPONED, actor=coordinator, reason="领导另有公务")
    client.force_login(editor)

    html = _detail(client, interview).text

    assert "筹备中 → 已延期" in html
    assert "领导另有公务" in html
    assert "未定 → 2027-05-20 09:30" in html
    assert "设定暂定录制日期" in html
    assert "变更访谈状态" in html
    assert "来源地址" not in html


def test_detail_shows_addresses_to_the_auditor_only(client, auditor, editor, coordinator, interview):
    client.force_login(coordinator)
    client.post(
        reverse("backoffice:recording-set", args=[interview.pk]),
        {"recording_at": "2027-05-20T09:30"},
        REMOTE_ADDR="10.1.2.3",
    )
    client.force_login(auditor)
    auditor_html = _detail(client, interview).text
    client.force_login(editor)
    editor_html = _detail(client, interview).text

    assert "来源地址" in auditor_html
    assert "10.1.2.3" in auditor_html
    assert "设定暂定录制日期" in editor_html
    assert "10.1.2.3" not in editor_html


def test_detail_offers_actions_by_permission(client, editor, coordinator, producer, interview):
    client.force_login(editor)
    editor_html = _detail(client, interview).text
    client.force_login(coordinator)
    coordinator_html = _detail(client, interview).text
    client.force_login(producer)
    producer_html = _detail(client, interview).text

    assert "设定暂定时间" in editor_html
    assert "设定暂定时间" not in producer_html
    assert "<legend>提出录制时间</legend>" in editor_html
    assert "<legend>提出录制时间</legend>" in producer_html
    assert "<legend>添加嘉宾</legend>" in editor_html
    assert "变更为“已取消”" not in editor_html
    assert "变更为“已取消”" in coordinator_html
    assert "变更为“已延期”" in coordinator_html
    assert "保存主持人" in producer_html
    assert "保存主持人" not in editor_html
    assert "<legend>添加嘉宾</legend>" not in producer_html


def test_detail_shows_an_offer_that_is_not_possible_yet_disabled_with_the_reason(client, operator, interview):
    client.force_login(operator)

    html = _detail(client, interview).text

    assert "暂不能操作：录制日期尚未确认，不能开始直播。" in html
    assert 'disabled aria-describedby="problems-live"' in html


@pytest.mark.parametrize("guests", [1, 3])
def test_detail_query_count_is_fixed(client, coordinator, units, guests, django_assert_num_queries):
    interview = InterviewFactory(lead_unit=units["lead"], co_units=[units["co"]], recording_at=at(2027, 5, 20))
    GuestFactory.create_batch(guests, interview=interview, name="嘉宾")
    client.force_login(coordinator)
    _detail(client, interview)

    # 3 for the reminders: the first 50 pending, their count, the last sent; 1 for the page views (受众数据);
    # 1 for the 备案 panel's record
    with django_assert_num_queries(28):
        response = _detail(client, interview)

    assert response.text.count("<strong>嘉宾</strong>") == guests


# Editing --------------------------------------------------------------------------------------


def test_edit_saves_title_outline_and_place(client, editor, interview):
    client.force_login(editor)
    url = reverse("backoffice:interview-edit", args=[interview.pk])

    form = client.get(url)
    response = client.post(
        url, {"title": "城镇燃气安心用气", "outline": "一、政策背景", "place": "区融媒体中心二号演播室"}
    )

    assert 'value="城镇燃气“安心用气工程”"' in form.text
    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.title, interview.outline, interview.place) == (
        "城镇燃气安心用气",
        "一、政策背景",
        "区融媒体中心二号演播室",
    )


def test_edit_of_a_cancelled_interview_is_refused_and_keeps_the_input(client, coordinator, units):
    interview = InterviewFactory(title="原主题", lead_unit=units["lead"], state=InterviewState.CANCELLED)
    client.force_login(coordinator)

    response = client.post(
        reverse("backoffice:interview-edit", args=[interview.pk]),
        {"title": "新主题", "outline": "新提纲", "place": "演播室"},
    )

    assert response.status_code == 400
    assert "“已取消”的访谈不能再修改。" in response.text
    assert 'value="新主题"' in response.text
    interview.refresh_from_db()
    assert interview.title == "原主题"


def test_edit_requires_a_title(client, editor, interview):
    client.force_login(editor)

    response = client.post(reverse("backoffice:interview-edit", args=[interview.pk]), {"title": "", "place": "X"})

    assert response.status_code == 400
    assert "这个字段是必填项。" in response.text


def test_edit_is_refused_to_a_center(client, operator, interview):
    client.force_login(operator)

    assert client.get(reverse("backoffice:interview-edit", args=[interview.pk])).status_code == 403
