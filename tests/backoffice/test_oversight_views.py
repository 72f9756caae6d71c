import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import InterviewFactory, at

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _titles(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/backoffice/interviews/\d+/">([^<]+)</a>', html)


@pytest.fixture
def year_of_interviews(units, overdue_interview):
    year = overdue_interview.year
    InterviewFactory(title="校家社协同育人", year=year, lead_unit=units["co"], is_demo=True)
    InterviewFactory(title="体育赛事赋能旅游消费", year=year, lead_unit=units["outsider"])
    return year


def test_oversight_puts_interviews_with_overdue_steps_first(client, coordinator, year_of_interviews):
    client.force_login(coordinator)

    response = client.get(reverse("backoffice:oversight"))

    html = response.text
    assert _titles(html)[0] == "渐进式延迟退休政策解读"
    assert sorted(_titles(html)[1:]) == ["体育赛事赋能旅游消费", "校家社协同育人"]
    assert '<td class="overdue">' in html
    assert '<span class="tag tag-overdue">已逾期</span>' in html
    assert '<span class="tag tag-demo">演示</span>' in html
    assert f'<option value="{year_of_interviews}" selected>' in html
    assert "<caption>" in html
    assert '<th scope="col">2a 文字简介</th>' in html


def test_oversight_counts_overdue_steps_per_unit(client, coordinator, units):
    InterviewFactory(
        title="城镇燃气", year=2025, lead_unit=units["lead"], recording_at=at(2025, 3, 10), steps=["topic"]
    )
    client.force_login(coordinator)

    html = client.get(reverse("backoffice:oversight"), {"year": 2025}).text

    counts = dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)项已逾期</td></tr>', html))
    # Everything but 确定主题 is past due. 城建局: 2a, 3, 4, 5, 7a, 7; 数字治理中心: 2b, 5, 6, 6a, 6b, 备案;
    # 融媒体中心: 5, 6, 6a, 6b.
    assert counts == {"城建局": "6", "区城市数字治理中心": "6", "区融媒体中心": "4"}
    assert "11个步骤已逾期" in html


def test_oversight_filters_by_unit(client, coordinator, units, year_of_interviews):
    client.force_login(coordinator)

    html = client.get(reverse("backoffice:oversight"), {"unit": units["co"].pk}).text

    assert _titles(html) == ["校家社协同育人"]


def test_oversight_shows_the_chosen_year(client, coordinator, units, year_of_interviews):
    InterviewFactory(title="全民消防安全宣传教育", year=2024, lead_unit=units["lead"])
    client.force_login(coordinator)

    html = client.get(reverse("backoffice:oversight"), {"year": 2024}).text

    assert _titles(html) == ["全民消防安全宣传教育"]
    assert "2024年没有逾期的步骤。" in html


def test_oversight_defaults_to_the_latest_year_with_interviews(client, coordinator, units):
    InterviewFactory(title="全民消防安全宣传教育", year=2024, lead_unit=units["lead"])
    InterviewFactory(title="地方(非遗)文化的旅游价值", year=2023, lead_unit=units["lead"])
    client.force_login(coordinator)

    html = client.get(reverse("backoffice:oversight")).text

    assert timezone.localdate().year != 2024
    assert _titles(html) == ["全民消防安全宣传教育"]


@pytest.mark.parametrize("count", [1, 3])
def test_oversight_query_count_does_not_grow(client, coordinator, units, count, django_assert_num_queries):
    for number in range(count):
        InterviewFactory(
            title=f"访谈{number}", year=2027, lead_unit=units["lead"], recording_at=at(2027, 5, 1 + number)
        )
    client.force_login(coordinator)
    client.get(reverse("backoffice:oversight"), {"year": 2027})

    with django_assert_num_queries(19):  # 访谈稿逾期: late finals and late reviews; 整改逾期: one query
        response = client.get(reverse("backoffice:oversight"), {"year": 2027})

    assert len(_titles(response.text)) == count


def test_oversight_is_not_for_responsible_units(client, editor):
    client.force_login(editor)

    assert client.get(reverse("backoffice:oversight")).status_code == 403


def test_oversight_page_title_is_plain_text_and_the_answers_section_appears_once(client, coordinator, units):
    client.force_login(coordinator)

    page = client.get(reverse("backoffice:oversight")).content.decode()

    assert re.search(r"<title>(.*?)</title>", page, re.S).group(1) == "督办总览 - 在线访谈平台（后台）"
    assert page.count('id="overdue-answers"') == 1
