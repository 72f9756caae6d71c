"""The column's home page (phases) and 往期回顾 (held interviews by year), and their query counts."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview
from tests.factories import GuestFactory, InterviewFactory, UnitFactory, at
from tests.website.conftest import parse, sections, text
from tests.website.data import publish_preview, row_interview

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def set_state(interview, state, **fields) -> Interview:
    Interview.objects.filter(pk=interview.pk).update(state=state, **fields)
    return Interview.objects.get(pk=interview.pk)


@pytest.fixture
def season(plan_2025):
    """Four of the plan's interviews in four phases as of 2025-03-15, and one not yet published."""
    preview = publish_preview(row_interview(plan_2025, 1), at=at(2025, 3, 10))
    Interview.objects.filter(pk=preview.pk).update(recording_at=at(2025, 4, 15), recording_confirmed_at=at(2025, 3, 1))
    GuestFactory(interview=preview, name="李明", post="主任", unit_name="国资办")
    upcoming = publish_preview(row_interview(plan_2025, 2), at=at(2025, 2, 1))
    live = set_state(row_interview(plan_2025, 3), InterviewState.LIVE, recording_at=at(2025, 3, 15))
    ended = set_state(row_interview(plan_2025, 4), InterviewState.ENDED, recording_at=at(2025, 2, 10))
    return {
        "preview": preview,
        "upcoming": upcoming,
        "live": live,
        "ended": ended,
        "draft": row_interview(plan_2025, 5),
    }


def test_home_shows_each_phase_in_its_section(client, season):
    with time_machine.travel(at(2025, 3, 15, 12), tick=False):
        tree = parse(client.get(reverse("website:home")))

    assert sections(tree) == {
        "直播中": ["校家社协同育人"],
        "访谈预告": ["强化基金招商，赋能高质量发展"],
        "即将开始": ["体育赛事赋能旅游消费"],
        "往期回顾": ["渐进式延迟退休政策解读"],
    }
    card = tree.xpath('//section[@aria-labelledby="section-preview"]//li[contains(@class, "card")]')[0]
    assert [text(dt) for dt in card.xpath(".//dt")] == ["访谈时间", "责任单位", "访谈嘉宾", "提问截止"]
    assert [text(dd) for dd in card.xpath(".//dd")] == [
        "2025-04-15 09:30",
        "国资办★ 商务局",
        "国资办主任李明",
        "2025-03-30 09:30",
    ]
    assert text(card.xpath('.//*[contains(@class, "tag")]')[0]) == "预告"
    upcoming = tree.xpath('//section[@aria-labelledby="section-upcoming"]//dd')
    assert text(upcoming[0]) == "2025年5月", "without a date the plan's month is shown"
    assert tree.xpath('//section[@aria-labelledby="section-review"]//a[@href="/archive/"]')
    assert "执法改革" not in text(tree), "an interview without a published preview is not public"


def test_phases_move_with_the_clock(client, season):
    with time_machine.travel(at(2025, 4, 1, 12), tick=False):
        tree = parse(client.get(reverse("website:home")))

    assert sections(tree)["即将开始"] == ["强化基金招商，赋能高质量发展", "体育赛事赋能旅游消费"]
    assert "访谈预告" not in sections(tree), "an empty section is omitted"


def test_postponed_and_cancelled_are_shown_as_such(client, season):
    set_state(season["upcoming"], InterviewState.POSTPONED)
    set_state(season["preview"], InterviewState.CANCELLED)
    with time_machine.travel(at(2025, 3, 15, 12), tick=False):
        tree = parse(client.get(reverse("website:home")))

    assert sections(tree)["延期与取消"] == ["强化基金招商，赋能高质量发展", "体育赛事赋能旅游消费"]
    tags = [text(t) for t in tree.xpath('//section[@aria-labelledby="section-changed"]//*[contains(@class, "tag-")]')]
    assert tags == ["已取消", "延期"]


def test_an_empty_column_says_so_once(client, plan_2025):
    tree = parse(client.get(reverse("website:home")))

    assert tree.xpath("//main//section") == []
    assert [text(p) for p in tree.xpath('//p[@class="section-empty"]')] == [
        "近期暂无访谈安排，请查看年度访谈计划或往期回顾。"
    ]


def test_archive_lists_held_interviews_by_year_newest_first(client, season):
    filed = set_state(InterviewFactory(title="二〇二五年早些的一期", year=2025), InterviewState.FILED)
    Interview.objects.filter(pk=filed.pk).update(recording_at=at(2025, 1, 20))
    for title in ("全民消防安全宣传教育", "发展数字农业，助推乡村产业振兴", "地方(非遗)文化的旅游价值"):
        InterviewFactory(title=title, year=2024, lead_unit=None, state=InterviewState.FILED)

    tree = parse(client.get(reverse("website:archive")))

    assert sections(tree) == {
        "2025年": ["渐进式延迟退休政策解读", "二〇二五年早些的一期"],
        "2024年": ["地方(非遗)文化的旅游价值", "发展数字农业，助推乡村产业振兴", "全民消防安全宣传教育"],
    }
    old = tree.xpath('//section[@aria-labelledby="year-2024"]//li')[0]
    assert [text(dt) for dt in old.xpath(".//dt")] == ["访谈时间"], "only what is known of a 2024 interview"
    assert text(old.xpath(".//dd")[0]) == "2024年"
    assert len(tree.xpath("//h1")) == 1


def test_demo_interviews_are_marked(client, plan_2025):
    demo = InterviewFactory(title="演示访谈", is_demo=True, state=InterviewState.ENDED)
    tree = parse(client.get(reverse("website:home")))

    assert "演示数据" in text(tree.xpath('//*[contains(@class, "demo-banner")]')[0])
    card = tree.xpath(f'//li[.//a[@href="{demo.get_absolute_url()}"]]')[0]
    assert text(card.xpath('.//*[contains(@class, "tag-demo")]')[0]) == "演示"
    assert not parse(client.get(reverse("website:plan-detail", args=[2025]))).xpath('//*[@class="demo-banner"]')


def _public_interview(n: int, state=InterviewState.PLANNED) -> Interview:
    interview = InterviewFactory(
        title=f"访谈{n}", state=state, recording_at=at(2025, 5, n), co_units=[UnitFactory(name=f"配合{n}")]
    )
    GuestFactory(interview=interview, name=f"嘉宾{n}")
    return publish_preview(interview, at=at(2025, 4, 1))


@pytest.mark.parametrize(
    ("url_name", "state"), [("website:home", InterviewState.PLANNED), ("website:archive", InterviewState.ENDED)]
)
def test_query_count_does_not_grow_with_interviews(client, django_assert_num_queries, url_name, state):
    url = reverse(url_name)
    _public_interview(1, state)
    client.get(url)  # warm the site-settings cache
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    _public_interview(2, state)
    _public_interview(3, InterviewState.LIVE if state == InterviewState.PLANNED else InterviewState.FILED)

    with django_assert_num_queries(len(one.captured_queries)):
        tree = parse(client.get(url))
    assert len(tree.xpath('//li[contains(@class, "card")]')) == 3
