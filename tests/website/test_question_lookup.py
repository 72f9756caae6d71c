"""查询我的提问: the look-up form, the page under a 查询码 in each state, its rate limit, and the privacy notice."""

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from portal.questions.models import Question
from portal.questions.services.answers import check_answer, save_answer
from portal.questions.services.moderation import approve_question, forward_question, merge_question, reject_question
from tests.questions.factories import QuestionFactory, hotline, reason
from tests.website.conftest import parse, text
from tests.website.questions_data import NOW, ask_through_page, published_preview

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.usefixtures("question_settings")]

LOOKUP = reverse("website:question-lookup")


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def preview(units, editor, operator):
    return published_preview(units, editor=editor, operator=operator)


@pytest.fixture
def asked(client, preview):
    """A question asked through the page, with a contact and a real name that is not to be shown."""
    ask_through_page(client, preview, contact="asker@example.com", real_name="王小明")
    return Question.objects.get()


def receipt(client, question):
    return parse(client.get(reverse("website:question-receipt", args=[question.receipt_code])))


def main_text(tree) -> str:
    return text(tree.xpath("//main")[0])


def refusal(response):
    return lxml_html.fromstring(response.content.decode("utf-8"))


def test_the_lookup_form_is_in_the_navigation_and_labelled(client, preview):
    tree = parse(client.get(preview.get_absolute_url()))
    assert tree.xpath(f'//nav[@aria-label="栏目导航"]//a[@href="{LOOKUP}"]')

    tree = parse(client.get(LOOKUP))
    assert tree.xpath('//label[@for="id_code"]')
    assert tree.xpath('//input[@id="id_code"]/@aria-describedby') == ["code-hint"]
    assert tree.xpath(f'//nav//a[@href="{LOOKUP}"]/@aria-current') == ["page"]


def test_a_right_code_as_people_type_it_leads_to_its_page(client, asked):
    typed = f" {asked.receipt_code[:5].lower()}-{asked.receipt_code[5:]} "

    response = client.get(LOOKUP, {"code": typed})

    assert response.status_code == 302
    assert response["Location"] == reverse("website:question-receipt", args=[asked.receipt_code])


@pytest.mark.parametrize(
    ("code", "status", "message"),
    [
        ("ABCDE-23456", 404, "没有找到查询码为“ABCDE-23456”的提问"),
        ("", 400, "请填写查询码"),
        ("——", 400, "请填写查询码"),
    ],
)
def test_a_wrong_code_says_so_beside_the_field(client, asked, code, status, message):
    response = client.get(LOOKUP, {"code": code})

    assert response.status_code == status
    tree = refusal(response)
    assert text(tree.xpath("//title")[0]).startswith("错误：")
    assert message in text(tree.xpath('//*[@id="code-error"]')[0])
    assert tree.xpath('//*[@class="error-summary"]//a[@href="#id_code"]')
    assert tree.xpath('//input[@id="id_code"]/@aria-describedby') == ["code-hint code-error"]
    assert tree.xpath('//input[@id="id_code"]/@value') == [code.strip()]


def test_an_unknown_code_in_the_address_is_not_found(client, asked):
    response = client.get(reverse("website:question-receipt", args=["ABCDE23456"]))
    assert response.status_code == 404
    assert "没有找到这个查询码对应的提问" in text(refusal(response).xpath('//*[@id="code-error"]')[0])


def test_look_ups_are_rate_limited_per_address(client, asked):
    for _n in range(30):
        client.get(LOOKUP, {"code": "ABCDE-23456"})

    response = client.get(LOOKUP, {"code": asked.receipt_code})

    assert response.status_code == 429
    assert "查询过于频繁" in text(refusal(response).xpath('//*[@id="code-error"]')[0])
    assert client.get(reverse("website:question-receipt", args=[asked.receipt_code])).status_code == 429
    other = client.get(LOOKUP, {"code": asked.receipt_code}, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302, "another address is not held back"


def test_a_waiting_question(client, asked):
    tree = receipt(client, asked)

    assert text(tree.xpath('//*[@class="receipt-value"]//strong')[0]) == asked.formatted_receipt_code
    steps = [text(li) for li in tree.xpath('//ol[@class="steps"]/li')]
    assert steps[0] == "提交\u30002025-09-01 10:00 您的问题已收到。"
    assert steps[1].startswith("审核进行中 正在等待工作人员审核"), steps
    assert len(steps) == 2
    assert "处理情况：待审核" in main_text(tree)


def test_a_published_and_answered_question(client, asked, editor, operator):
    approve_question(asked, actor=operator)
    tree = receipt(client, asked)
    assert "处理情况：已发布" in main_text(tree)
    assert "已通过审核" in main_text(tree)
    assert "等待答复" in main_text(tree)

    save_answer(asked, actor=editor, body="改造工程将于2025年11月开工。", submit=True)
    check_answer(asked, actor=operator, publish=True)
    tree = receipt(client, asked)
    assert "城建局已书面答复" in main_text(tree)
    assert "改造工程将于2025年11月开工。" in text(tree.xpath('//*[contains(@class, "answer")]')[0])


def test_a_rejected_question_shows_the_reason_and_the_note(client, asked, operator):
    reject_question(asked, actor=operator, reason=reason(), note="欢迎关注下一期访谈。")

    page = main_text(receipt(client, asked))

    assert "处理情况：未采纳" in page
    assert reason().public_text in page
    assert "说明：欢迎关注下一期访谈。" in page


def test_a_forwarded_question_shows_the_channel_and_the_note(client, asked, operator):
    forward_question(asked, actor=operator, channel=hotline(), note="已转12345热线办理。")

    page = main_text(receipt(client, asked))

    assert "处理情况：已转办" in page
    assert "已转交12345政务服务便民热线办理" in page
    assert "说明：已转12345热线办理。" in page


def test_a_merged_question_points_to_the_one_it_joined(client, asked, preview, operator):
    into = QuestionFactory(interview=preview, text="老旧小区燃气改造何时开工？大家都很关心。")
    approve_question(into, actor=operator)
    merge_question(asked, into=into, actor=operator)

    page = main_text(receipt(client, asked))

    assert "处理情况：已合并" in page
    assert into.formatted_receipt_code in page
    assert into.text in page


def test_no_page_under_a_code_shows_the_contact_or_an_unshown_real_name(client, asked, operator):
    urls = (reverse("website:question-receipt", args=[asked.receipt_code]), LOOKUP, asked.interview.get_absolute_url())
    for approve in (False, True):
        if approve:
            approve_question(asked, actor=operator)
        for url in urls:
            content = client.get(url).content.decode("utf-8")
            for secret in ("asker@example.com", "a***@example.com", "王小明"):
                assert secret not in content, (url, secret)


def test_the_privacy_notice_says_what_why_how_long_and_the_rights(client):
    tree = parse(client.get(reverse("website:privacy")))

    assert text(tree.xpath("//h1")[0]) == "网友提问隐私声明"
    headings = [text(h) for h in tree.xpath("//main//h2")]
    assert headings == [
        "一、我们收集哪些信息",
        "二、我们如何保护这些信息",
        "三、保存多长时间",
        "四、您的权利",
        "五、我们不会做的事",
    ]
    page = main_text(tree)
    assert "180天" in page
    assert "版本：2025-1" in page
    assert tree.xpath(f'//footer//a[@href="{reverse("website:privacy")}"]')
