"""The drafted facts against a known fixture, and the charts drawn from them (SVG and PNG)."""

import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from portal.followups.charts import WIDTH, Chart, render_png, render_svg
from portal.followups.facts import summary_charts, summary_facts
from portal.live.audience import record_viewer_samples

pytestmark = [pytest.mark.django_db]

SVG = "{http://www.w3.org/2000/svg}"


def test_facts_of_the_known_fixture(held, questions, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        facts = summary_facts(held)

    assert (facts.received, facts.published, facts.rejected, facts.merged, facts.forwarded) == (12, 7, 2, 2, 1)
    assert facts.rejected_by_reason == [("与本期访谈主题无关", 2)]
    assert (facts.answered_live, facts.answered_written, facts.declined) == (2, 1, 1)
    assert (facts.unanswered, facts.overdue, facts.waiting) == (3, 3, 0)
    assert facts.by_category == [("城乡建设", 4), ("交通运输", 2), ("未分类", 1)]
    biggest = facts.largest_groups[0]
    assert (biggest.size, biggest.support, biggest.text) == (5, 5, "老旧小区燃气管道改造什么时候开始？")
    assert len(facts.largest_groups) == 5
    assert [g.size for g in facts.largest_groups[1:]] == [1, 1, 1, 1]
    assert (facts.page_views, facts.peak_viewers) == (0, 0)  # nobody has seen the page or watched the live


def test_the_query_count_does_not_grow_with_the_questions(held, questions, django_assert_max_num_queries):
    from tests.questions.factories import QuestionFactory  # noqa: PLC0415

    for _n in range(10):
        QuestionFactory(interview=held, state="published")
    with django_assert_max_num_queries(10):
        summary_facts(held)


def test_the_audience_figures_come_from_the_live_pages_counts(held, client):
    for _view in range(3):
        client.get(held.get_absolute_url(), HTTP_USER_AGENT="Mozilla/5.0 (Windows NT 10.0) Chrome/120")
    client.get(held.get_absolute_url(), HTTP_USER_AGENT="Baiduspider/2.0")  # robots are not counted
    at = held.recording_at
    record_viewer_samples({held.pk: 40}, process="a", at=at)
    record_viewer_samples({held.pk: 48}, process="b", at=at)
    record_viewer_samples({held.pk: 12}, process="a", at=at + dt.timedelta(minutes=5))

    facts = summary_facts(held)

    assert (facts.page_views, facts.peak_viewers) == (3, 88)


def test_nothing_overdue_before_the_deadline(held, questions, time_machine):
    time_machine.move_to("2025-10-10 10:00+08:00", tick=False)
    assert summary_facts(held).overdue == 0


def _parse(svg: str):
    return ET.fromstring(str(svg))  # noqa: S314 -- our own markup


def test_bar_chart_svg_is_labelled_xml_with_labels_and_values():
    chart = Chart(key="c", title="分类<统计>", description="城乡建设4个", bars=[("城乡建设", 4), ("交通运输", 2)])

    root = _parse(render_svg(chart))

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-c-title chart-c-desc"
    assert root.find(f"{SVG}title").text == "分类<统计>"
    assert root.find(f"{SVG}desc").get("id") == "chart-c-desc"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["城乡建设", "4", "交通运输", "2"]
    widths = [int(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] == 2 * widths[1]
    assert "Noto Sans CJK SC" in root.get("font-family")


def test_stacked_chart_names_every_part_with_its_number(held, questions):
    charts = summary_charts(summary_facts(held))
    answers = charts[0]
    root = _parse(render_svg(answers))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "访谈中答复：2" in texts
    assert "逾期未答复：3" in texts
    assert [c.key for c in charts] == ["answers", "rejected", "categories"]
    assert "访谈中答复2个" in answers.description


def test_an_empty_chart_says_so():
    root = _parse(render_svg(Chart(key="e", title="未采纳的原因", description="无", bars=[])))
    assert [t.text for t in root.iter(f"{SVG}text")] == ["无"]


def test_png_decodes_with_the_expected_size():
    chart = Chart(key="c", title="分类", description="", bars=[("城乡建设", 4), ("交通运输", 2), ("其他", 0)])

    image = Image.open(io.BytesIO(render_png(chart)))

    assert image.format == "PNG"
    assert image.size == (WIDTH * 2, chart.height * 2)
    assert image.getpixel((10, 10)) == (255, 255, 255)


def test_stacked_png_decodes():
    chart = Chart(key="s", title="答复", description="", bars=[("甲", 1), ("乙", 3)], stacked=True)
    image = Image.open(io.BytesIO(render_png(chart, scale=1)))
    assert image.size == (WIDTH, chart.height)
