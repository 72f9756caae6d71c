"""The published questions on the interview's page: only published ones, masked, grouped, answered, supported."""

import gzip
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview
from portal.questions.enums import AnswerKind, QuestionState
from portal.questions.models import Category, Question, QuestionGroup
from portal.questions.services.answers import check_answer, mark_answered_live, save_answer
from portal.questions.services.moderation import approve_question, forward_question, merge_question, reject_question
from tests.questions.factories import QuestionFactory, hotline, reason
from tests.website.conftest import parse, text
from tests.website.questions_data import NOW, ask_through_page, published_preview

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.usefixtures("question_settings")]

S = QuestionState


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def preview(units, editor, operator):
    return published_preview(units, editor=editor, operator=operator)


def published(interview, **kwargs):
    return QuestionFactory(interview=interview, state=S.PUBLISHED, **kwargs)


def listed(client, interview, query: str = "") -> list[str]:
    tree = parse(client.get(interview.get_absolute_url() + query))
    return [text(p) for p in tree.xpath('//section[@id="asked"]//*[@class="question-text"]')]


def test_the_public_page_shows_published_questions_only(client, preview, operator):
    shown = published(preview, text="已发布的问题：燃气管道改造何时开工？")
    for state, words in [(S.PENDING, "待审核"), (S.REJECTED, "未采纳"), (S.FORWARDED, "已转办"), (S.MERGED, "已合并")]:
        QuestionFactory(interview=preview, state=state, text=f"{words}的问题：燃气管道改造何时开工？")

    assert listed(client, preview) == [shown.text]
    page = client.get(preview.get_absolute_url()).content.decode("utf-8")
    for words in ("待审核的问题", "未采纳的问题", "已转办的问题", "已合并的问题"):
        assert words not in page


def test_personal_data_typed_in_a_question_is_masked(client, preview, operator):
    ask_through_page(client, preview, text="我住桥林街道，电话13812345678，身份证320111199001011234，燃气何时改造？")
    approve_question(Question.objects.get(), actor=operator)

    [shown] = listed(client, preview)
    assert "13812345678" not in shown
    assert "【手机号已隐去】" in shown


def test_the_nickname_is_shown_unless_the_asker_opted_in_to_the_real_name(client, preview):
    published(preview, nickname="老张", asker__real_name="张三丰")
    published(preview, nickname="小李", show_real_name=True, asker__real_name="李四光")

    tree = parse(client.get(preview.get_absolute_url()))
    names = [text(h) for h in tree.xpath('//*[@class="question-asker"]')]
    assert sorted(names) == ["李四光的提问", "老张的提问"]
    assert "张三丰" not in client.get(preview.get_absolute_url()).content.decode("utf-8")


def test_similar_questions_are_grouped_with_the_size_shown(client, preview, operator):
    group = QuestionGroup.objects.create(interview=preview)
    first = published(preview, group=group, text="燃气管道改造什么时候开始？我们小区等了很久。")
    published(preview, group=group, text="老旧小区燃气改造何时开工？")
    merged = QuestionFactory(interview=preview, state=S.PENDING, text="燃气改造何时开始施工？")
    merge_question(merged, into=first, actor=operator)
    published(preview, text="公交线路调整会不会影响上学？")

    tree = parse(client.get(preview.get_absolute_url()))
    groups = tree.xpath('//ol[@class="question-groups"]/li')
    assert len(groups) == 2
    sizes = [text(p) for p in tree.xpath('//*[@class="group-size"]')]
    assert sizes == ["同类问题2个，共3位网友提出"]
    assert "查看其余1个同类问题" in text(tree.xpath("//details/summary")[0])
    assert "2位网友提出" in text(tree.xpath(f'//*[@id="q-{first.pk}"]')[0])


def test_answers_are_shown_with_their_status(client, preview, editor, operator):
    written = published(preview, text="燃气管道改造什么时候开始施工？")
    declined = published(preview, text="能不能给每户补贴燃气费两千元？")
    live = published(preview, text="改造期间停气会提前通知吗？谢谢。")
    waiting = published(preview, text="改造后燃气费会不会上涨？请回答。")
    save_answer(written, actor=editor, body="改造工程将于2025年11月开工。", submit=True)
    check_answer(written, actor=operator, publish=True)
    save_answer(declined, actor=editor, body="燃气费补贴不属于本单位职权。", kind=AnswerKind.DECLINED, submit=True)
    check_answer(declined, actor=operator, publish=True)
    Interview.objects.filter(pk=preview.pk).update(state=InterviewState.LIVE)
    mark_answered_live(live, actor=operator, entry_ref="entry-3")

    tree = parse(client.get(preview.get_absolute_url()))

    def status(question):
        item = tree.xpath(f'//*[@id="q-{question.pk}"]')[0]
        return text(item.xpath('.//*[contains(@class, "tag answer-")]')[0]), text(item)

    assert status(written)[0] == "已书面答复"
    assert "改造工程将于2025年11月开工。" in status(written)[1]
    assert status(declined)[0] == "未答复"
    assert "未答复的原因" in status(declined)[1]
    assert "不属于本单位职权" in status(declined)[1]
    assert status(live)[0] == "已现场答复"
    assert status(waiting)[0] == "待答复"


def test_a_confirmed_category_is_shown(client, preview):
    category = Category.objects.get(name="城乡建设")
    question = published(preview, category=category)
    assert "城乡建设" not in text(parse(client.get(preview.get_absolute_url())).xpath(f'//*[@id="q-{question.pk}"]')[0])

    Question.objects.filter(pk=question.pk).update(category_confirmed_at=NOW)
    tree = parse(client.get(preview.get_absolute_url()))
    assert "城乡建设" in text(tree.xpath(f'//*[@id="q-{question.pk}"]')[0])


def test_support_counts_once_per_person_without_javascript(client, preview):
    question = published(preview)
    url = reverse("website:question-support", args=[question.pk])
    back = preview.get_absolute_url() + "?page=1"

    first = client.post(url, {"next": back})
    again = client.post(url, {"next": back})

    assert first.status_code == again.status_code == 302
    assert first["Location"] == f"{back}#q-{question.pk}"
    assert Question.objects.get(pk=question.pk).support_count == 1
    tree = parse(client.get(back))
    assert "您已经关注过这个问题" in text(tree.xpath('//*[@class="messages"]')[0])
    item = tree.xpath(f'//*[@id="q-{question.pk}"]')[0]
    assert text(item.xpath('.//*[@class="support-count"]')[0]) == "1人关注"
    assert item.xpath(".//button/@aria-disabled") == ["true"]

    other = client.post(url, HTTP_USER_AGENT="另一台电脑")
    assert other.status_code == 302
    assert Question.objects.get(pk=question.pk).support_count == 2


def test_support_with_htmx_updates_in_place(client, preview):
    question = published(preview)
    response = client.post(reverse("website:question-support", args=[question.pk]), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    tree = parse(response)
    assert text(tree.xpath(f'//*[@id="support-count-{question.pk}"]')[0]) == "1人关注"
    assert tree.xpath(f'//button[@id="support-button-{question.pk}"]/@aria-disabled') == ["true"]
    assert text(tree.xpath('//*[@id="support-live"][@hx-swap-oob]')[0]) == "感谢关注！现有1人关注。"


def test_only_published_questions_of_public_interviews_can_be_supported(client, preview):
    pending = QuestionFactory(interview=preview, state=S.PENDING)
    assert client.post(reverse("website:question-support", args=[pending.pk])).status_code == 404
    assert Question.objects.get(pk=pending.pk).support_count == 0
    assert client.get(reverse("website:question-support", args=[pending.pk])).status_code == 405


def test_the_list_is_paginated_by_group(client, preview):
    for n in range(12):
        published(preview, text=f"第{n}个问题：燃气管道改造的第{n}项安排是什么？")

    assert len(listed(client, preview)) == 10
    assert len(listed(client, preview, "?page=2")) == 2
    tree = parse(client.get(preview.get_absolute_url()))
    assert tree.xpath('//nav[@aria-label="网友提问分页"]//a[@aria-current="page"]')


def test_the_most_supported_come_first_when_asked(client, preview):
    published(preview, text="第一个问题：燃气管道改造何时开始？", support_count=1)
    popular = published(preview, text="第二个问题：燃气管道改造要多久？", support_count=9)

    assert listed(client, preview, "?order=support")[0] == popular.text


def test_the_moderation_report_counts_every_outcome(client, preview, operator):
    published(preview)
    into = published(preview)
    QuestionFactory(interview=preview)
    reject_question(QuestionFactory(interview=preview), actor=operator, reason=reason())
    reject_question(QuestionFactory(interview=preview), actor=operator, reason=reason())
    reject_question(QuestionFactory(interview=preview), actor=operator, reason=reason("内容不够明确"))
    merge_question(QuestionFactory(interview=preview), into=into, actor=operator)
    forward_question(QuestionFactory(interview=preview), actor=operator, channel=hotline())

    tree = parse(client.get(preview.get_absolute_url()))
    table = tree.xpath('//section[@id="report"]//table')[0]
    assert table.xpath("caption")
    rows = {text(row.xpath("th")[0]): text(row.xpath("td")[0]) for row in table.xpath("tbody/tr")}
    assert rows == {
        "收到提问": "8",
        "待审核": "1",
        "已发布": "2",
        "未采纳": "3",
        "其中：与本期访谈主题无关": "2",
        "其中：内容不够明确": "1",
        "已合并（与相同问题一并答复）": "1",
        "已转办": "1",
        "其中：转12345政务服务便民热线": "1",
    }
    assert table.xpath('thead//th[@scope="col"]')
    assert table.xpath('tbody//th[@scope="row"]')


def test_the_question_list_costs_the_same_queries_for_one_or_three_questions(client, preview, editor, operator):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(preview.get_absolute_url()).status_code == 200
        return len(captured.captured_queries)

    category = Category.objects.get(name="城乡建设")
    first = published(preview, category=category, category_confirmed_at=NOW)
    save_answer(first, actor=editor, body="将于11月开工。", submit=True)
    check_answer(first, actor=operator, publish=True)
    queries()  # the first request fills the site settings' cache
    one = queries()
    group = QuestionGroup.objects.create(interview=preview)
    for n in range(2):
        question = published(preview, category=category, category_confirmed_at=NOW, group=group)
        save_answer(question, actor=editor, body=f"答复{n}。", submit=True)
        check_answer(question, actor=operator, publish=True)
    client.post(reverse("website:question-support", args=[first.pk]))

    assert queries() == one
    assert len(listed(client, preview)) == 3


def test_a_full_page_of_questions_with_the_form_stays_light(client, preview):
    """HTML + CSS + JS under 100 KB compressed (product.md §11), with ten groups of long questions and the form."""
    groups = [QuestionGroup.objects.create(interview=preview) for _n in range(10)]
    for n in range(30):
        published(preview, group=groups[n % 10], text=f"第{n}个问题：" + "燃气管道改造的安排和进度如何？" * 30)
    response = client.get(preview.get_absolute_url())
    tree = parse(response)
    assets = tree.xpath("//script/@src | //link[@rel='stylesheet']/@href")
    paths = [finders.find(asset.removeprefix(settings.STATIC_URL)) for asset in assets]

    total = len(gzip.compress(response.content)) + sum(len(gzip.compress(Path(p).read_bytes())) for p in paths)

    assert any(asset.endswith("questions.js") for asset in assets)
    assert total < 100 * 1024, total
