"""One interview's public page: only published interviews, what is known of them, and the article meta tags."""

import re

import pytest
import time_machine
from django.urls import reverse

from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview
from tests.factories import GuestFactory, InterviewFactory, PlanFactory, PlanRowFactory, at
from tests.website.conftest import meta, parse, text
from tests.website.data import publish_preview, row_interview

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def published(plan_2025):
    interview = publish_preview(row_interview(plan_2025, 8), at=at(2025, 10, 10, 16, 5))
    Interview.objects.filter(pk=interview.pk).update(
        recording_at=at(2025, 11, 12, 9, 30),
        recording_confirmed_at=at(2025, 10, 1),
        host_name="王芳",
        outline="一、燃气安全检查\n二、老旧管网改造",
    )
    GuestFactory(interview=interview, name="张三", post="局长", unit_name="城建局", photo="guests/2025/zhang.jpg")
    GuestFactory(interview=interview, name="李四", post="副主任", unit_name="桥林街道")
    return Interview.objects.get(pk=interview.pk)


def test_an_unpublished_interview_is_not_found_and_a_published_one_renders(client, plan_2025, published):
    draft = row_interview(plan_2025, 1)
    assert client.get(reverse("website:interview-detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("website:interview-detail", args=[999999])).status_code == 404

    with time_machine.travel(at(2025, 10, 20), tick=False):
        tree = parse(client.get(published.get_absolute_url()))

    assert [text(h) for h in tree.xpath("//h1")] == ["城镇燃气“安心用气工程”"]
    facts = dict(zip([text(d) for d in tree.xpath("//dl/dt")], [text(d) for d in tree.xpath("//dl/dd")], strict=True))
    assert facts == {
        "访谈时间": "2025-11-12 09:30",
        "访谈地点": "区融媒体中心演播室",
        "第一责任单位": "城建局",
        "配合单位": "桥林街道",
        "主持人": "王芳",
    }
    assert text(tree.xpath('//*[contains(@class, "tag-preview")]')[0]) == "预告"
    assert tree.xpath("//img/@alt") == ["张三局长"]
    assert [text(p) for p in tree.xpath('//*[@class="guest-name"]')] == ["张三", "李四"]
    assert "城建局局长" in text(tree.xpath('//*[@class="guest-post"]')[0])
    assert "燃气安全检查" in text(tree.xpath('//*[@class="outline"]')[0])
    window = text(tree.xpath('//section[@aria-labelledby="questions-title"]')[0])
    assert "征集时间：2025-10-10 16:05 至 2025-10-30 16:05" in window
    assert "征集中" in window
    assert tree.xpath(f'//a[@href="{reverse("website:plan-detail", args=[2025])}"]')


def test_the_question_window_closes(client, published):
    with time_machine.travel(at(2025, 11, 1), tick=False):
        tree = parse(client.get(published.get_absolute_url()))
    assert "已截止" in text(tree.xpath('//section[@aria-labelledby="questions-title"]')[0])
    assert text(tree.xpath('//*[contains(@class, "tag-upcoming")]')[0]) == "即将开始"


def test_article_meta_tags(client, published):
    tree = parse(client.get(published.get_absolute_url()))

    assert meta(tree, "ArticleTitle") == "城镇燃气“安心用气工程”"
    assert meta(tree, "PubDate") == "2025-10-10 16:05"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", meta(tree, "PubDate"))
    assert meta(tree, "ContentSource") == "城建局"
    assert meta(tree, "SiteName") == "南京市浦口区人民政府"
    assert meta(tree, "ColumnName") == "在线访谈"
    assert text(tree.xpath("//title")[0]) == "城镇燃气“安心用气工程” - 在线访谈 - 南京市浦口区人民政府"


def test_an_interview_of_a_draft_plan_is_not_public(client):
    row = PlanRowFactory(plan=PlanFactory(year=2026))
    interview = publish_preview(InterviewFactory(plan_row=row, year=2026), at=at(2025, 1, 1))
    assert client.get(interview.get_absolute_url()).status_code == 404


def test_a_cancelled_interview_says_so(client, published):
    Interview.objects.filter(pk=published.pk).update(state=InterviewState.CANCELLED)
    tree = parse(client.get(published.get_absolute_url()))

    assert "本期访谈已取消" in text(tree.xpath('//*[contains(@class, "status-notice")]')[0])
    assert text(tree.xpath('//*[contains(@class, "tag-cancelled")]')[0]) == "已取消"
    assert not tree.xpath('//*[@id="questions-title"]'), "no question window for a cancelled interview"


def test_a_postponed_interview_says_so(client, published):
    Interview.objects.filter(pk=published.pk).update(state=InterviewState.POSTPONED, recording_confirmed_at=None)
    with time_machine.travel(at(2025, 11, 20), tick=False):
        tree = parse(client.get(published.get_absolute_url()))

    assert "本期访谈已延期" in text(tree.xpath('//*[contains(@class, "status-notice")]')[0])
    assert text(tree.xpath("//dl/dd")[0]) == "时间待定"


def test_a_held_interview_without_details_shows_only_what_is_known(client):
    interview = InterviewFactory(title="全民消防安全宣传教育", year=2024, lead_unit=None, state=InterviewState.FILED)
    tree = parse(client.get(interview.get_absolute_url()))

    assert [text(d) for d in tree.xpath("//dl/dt")] == ["访谈时间"]
    assert text(tree.xpath("//dl/dd")[0]) == "2024年"
    assert not tree.xpath('//*[@id="guests-title"] | //*[@id="outline-title"] | //*[@id="questions-title"]')
    assert meta(tree, "ContentSource") == "南京市浦口区城市数字治理中心"
