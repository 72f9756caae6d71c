"""The question box on the interview's page: the preview, the form, its window, every refusal, and the receipt."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview
from portal.notifications.sms import LocmemSmsGateway
from portal.questions.enums import QuestionState, Via
from portal.questions.models import AskerContact, Question
from portal.questions.services.moderation import approve_question
from tests.website.conftest import parse, text
from tests.website.questions_data import (
    NOW,
    QUESTION,
    ask_through_page,
    form_of,
    published_preview,
    question_fields,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.usefixtures("question_settings")]

CLOSES = NOW + dt.timedelta(days=20)
TYPED = {
    "nickname": "老张",
    "text": QUESTION,
    "contact": "zhang@example.com",
    "real_name": "张三",
    "show_real_name": "1",
    "consent": "1",
}


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def preview(units, editor, operator):
    return published_preview(units, editor=editor, operator=operator)


def ask_url(interview) -> str:
    return reverse("website:question-ask", args=[interview.pk])


def field(tree, name):
    found = tree.xpath(f'//*[@name="{name}"]')
    assert found, name
    return found[0]


def lxml_tree(response):
    """The page of a refusal (parse() insists on 200; refusals are 400)."""
    return lxml_html.fromstring(response.content.decode("utf-8"))


def described_by(tree, element) -> str:
    return " ".join(text(tree.xpath(f'//*[@id="{ref}"]')[0]) for ref in element.get("aria-describedby").split())


def test_the_preview_page_shows_the_introduction_and_the_question_form(client, preview):
    tree = parse(client.get(preview.get_absolute_url()))

    intro = tree.xpath('//section[@aria-labelledby="intro-title"]')[0]
    assert "老旧小区燃气管道改造" in text(intro)
    assert not intro.xpath(".//script | .//*[@onclick]"), "the sanitised body, nothing else, is shown unescaped"
    assert intro.xpath(".//img/@alt") == ["桥林街道燃气管道改造施工现场"]
    assert [text(a) for a in intro.xpath(".//ul[@class='materials']//a")] == [
        "浦口区城镇燃气安全专项整治方案",
        "《方案》政策解读",
    ]
    box = tree.xpath('//section[@id="ask"]')[0]
    assert "征集截止：2025-09-21 10:00" in text(box)
    assert "征集时间：2025-09-01 10:00 至 2025-09-21 10:00" in text(box)

    for name in ("nickname", "text", "contact", "real_name", "challenge_answer"):
        element = field(tree, name)
        assert tree.xpath(f'//label[@for="{element.get("id")}"]'), name
    assert "不会公开" in described_by(tree, field(tree, "contact"))
    assert "180天自动删除" in described_by(tree, field(tree, "contact"))
    assert "10至500个字" in described_by(tree, field(tree, "text"))
    for name in ("show_real_name", "consent"):
        assert field(tree, name).get("checked") is None, f"{name} starts unticked"
        assert field(tree, name).xpath("ancestor::fieldset[legend]"), f"{name} sits in a fieldset with a legend"
    assert field(tree, "show_real_name").get("id") != field(tree, "real_name").get("id")
    assert tree.xpath(f'//fieldset//a[@href="{reverse("website:privacy")}"]')
    assert re.search(r"验证问题：.+等于几？", text(tree.xpath('//label[@for="id_challenge_answer"]')[0]))
    honeypot = field(tree, "homepage")
    assert honeypot.xpath("ancestor::*[@aria-hidden='true']")
    assert (honeypot.get("tabindex"), honeypot.get("autocomplete")) == ("-1", "off")
    assert tree.xpath(f'//section[@id="ask"]//a[@href="{reverse("website:question-lookup")}"]')
    assert tree.xpath('//form[@id="ask-form"]/@action') == [f"{ask_url(preview)}#ask"]
    assert not tree.xpath("//script[not(@src)] | //*[@style]"), "CSP: no inline script or style"


def test_a_question_is_accepted_and_the_receipt_shows_its_code(client, preview):
    response = ask_through_page(client, preview, **TYPED)

    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("website:question-receipt", args=[question.receipt_code]) + "#main"
    assert (question.nickname, question.text, question.via, question.state) == (
        "老张",
        QUESTION,
        Via.PREVIEW,
        QuestionState.PENDING,
    )
    assert question.show_real_name is True
    assert question.asker.consent_version == "2025-1"

    tree = parse(client.get(response["Location"]))
    assert text(tree.xpath('//*[@class="receipt-value"]//strong')[0]) == question.formatted_receipt_code
    assert "您的问题已提交" in text(tree.xpath('//*[@class="messages"]')[0])
    assert "处理情况：待审核" in text(tree.xpath("//main")[0])
    assert tree.xpath(f'//main//a[@href="{reverse("website:question-lookup")}"]')
    assert "接下来会怎样" in text(tree.xpath("//main")[0])


@pytest.mark.parametrize(
    "moment",
    [pytest.param(NOW, id="the opening instant"), pytest.param(CLOSES - dt.timedelta(seconds=1), id="the last second")],
)
def test_the_window_takes_questions_from_its_first_to_its_last_second(client, preview, time_machine, moment):
    time_machine.move_to(moment, tick=False)

    assert ask_through_page(client, preview).status_code == 302
    assert Question.objects.count() == 1


def test_a_question_sent_after_the_close_is_refused_and_the_text_kept(client, preview, time_machine):
    time_machine.move_to(CLOSES - dt.timedelta(minutes=5), tick=False)
    page = client.get(preview.get_absolute_url())
    time_machine.move_to(CLOSES, tick=False)

    response = client.post(ask_url(preview), {**form_of(page.content), **question_fields(**TYPED)})

    assert response.status_code == 400
    tree = lxml_tree(response)
    box = text(tree.xpath('//section[@id="ask"]')[0])
    assert "征集已结束" in box
    assert "本期访谈的网友提问征集已于2025-09-21 10:00截止" in box
    assert tree.xpath('//textarea[@id="kept-text"]')[0].text_content() == QUESTION
    assert not tree.xpath('//form[@id="ask-form"]')
    assert Question.objects.count() == 0

    tree = parse(client.get(preview.get_absolute_url()))
    assert "征集已结束" in text(tree.xpath('//section[@id="ask"]')[0])
    assert not tree.xpath('//form[@id="ask-form"]')


REFUSALS = [
    pytest.param({"nickname": ""}, "nickname", "请填写昵称", id="no nickname"),
    pytest.param({"nickname": "我的电话13812345678"}, "nickname", "昵称会公开显示", id="personal data in nickname"),
    pytest.param({"text": "燃气何时改造"}, "text", "问题内容不能少于10个字（现有6个字）", id="too short"),
    pytest.param({"text": "燃" * 501}, "text", "问题内容不能超过500个字", id="too long"),
    pytest.param({"contact": "12345"}, "contact", "请填写11位手机号码或电子邮箱地址", id="bad contact"),
    pytest.param({"contact": "zhang@"}, "contact", "请填写有效的电子邮箱地址", id="bad e-mail"),
    pytest.param({"consent": None}, "consent", "请阅读并同意《网友提问隐私声明》", id="no consent"),
    pytest.param({"real_name": ""}, "real_name", "选择公开真实姓名时，请填写真实姓名", id="opt-in without a name"),
    pytest.param({"challenge_answer": "九十九"}, "challenge_answer", "验证问题的答案不正确", id="wrong answer"),
]


@pytest.mark.parametrize(("overrides", "name", "message"), REFUSALS)
def test_every_refusal_comes_back_with_its_reason_and_everything_typed(client, preview, overrides, name, message):
    page = client.get(preview.get_absolute_url())
    token = form_of(page.content)
    data = {**token, **question_fields(**{**TYPED, **overrides})}

    response = client.post(ask_url(preview), data)

    assert response.status_code == 400
    assert Question.objects.count() == 0
    tree = lxml_tree(response)
    assert text(tree.xpath("//title")[0]).startswith("错误：")
    summary = tree.xpath('//*[@class="error-summary"]')[0]
    assert message in text(summary)
    assert summary.xpath(f'.//a[@href="#id_{name}"]'), "the summary links to the field"
    element = tree.xpath(f'//*[@id="id_{name}"]')[0]
    assert element.get("aria-invalid") == "true"
    assert message in described_by(tree, element), "the reason is tied to its field"
    expected = {**TYPED, **{key: value for key, value in overrides.items() if value is not None}}
    for key in ("nickname", "contact", "real_name"):
        assert field(tree, key).get("value") == expected[key], key
    assert field(tree, "text").text_content() == expected["text"]
    assert (field(tree, "show_real_name").get("checked") is not None) is True
    assert (field(tree, "consent").get("checked") is not None) is ("consent" not in overrides)
    assert field(tree, "challenge_answer").get("value") == ""
    assert field(tree, "challenge_token").get("value") != token["challenge_token"], "a fresh anti-abuse question"
    assert not tree.xpath("//script[not(@src)]")


def test_the_character_count_is_shown_without_javascript(client, preview):
    tree = lxml_tree(client.post(ask_url(preview), {**question_fields(text="燃气\r\n何时改造")}))

    assert text(tree.xpath('//*[@id="text-count"]')[0]) == "已输入7个字，至少还需3个字"
    assert "现有7个字" in text(tree.xpath('//*[@id="text-error"]')[0]), "a line break counts once"


def test_the_honeypot_refuses_without_saying_why(client, preview):
    response = ask_through_page(client, preview, homepage="https://spam.example/")

    assert response.status_code == 400
    assert "提交未成功，请刷新页面后重试" in text(lxml_tree(response).xpath('//*[@class="error-summary"]')[0])
    assert Question.objects.count() == 0


def test_the_rate_limit_refuses_with_a_message_and_keeps_the_form(client, preview, settings):
    settings.PORTAL_QUESTION_RATE_PER_INTERVIEW = 1
    assert ask_through_page(client, preview).status_code == 302

    response = ask_through_page(client, preview, **TYPED)

    assert response.status_code == 400
    tree = lxml_tree(response)
    assert "提问过于频繁，请10分钟后再试" in text(tree.xpath('//*[@class="error-summary"]')[0])
    assert field(tree, "nickname").get("value") == "老张"
    assert Question.objects.count() == 1


def test_behind_the_proxy_the_first_forwarded_hop_is_the_client(client, preview, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.PORTAL_QUESTION_RATE_PER_INTERVIEW = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_PROTO": "https"}
    client.defaults.update(proxy)

    client.defaults["HTTP_X_FORWARDED_FOR"] = "203.0.113.7, 10.0.0.1"
    assert ask_through_page(client, preview).status_code == 302
    client.defaults["HTTP_X_FORWARDED_FOR"] = "198.51.100.9, 10.0.0.1"
    assert ask_through_page(client, preview).status_code == 302, "another client behind the same proxy"
    client.defaults["HTTP_X_FORWARDED_FOR"] = "203.0.113.7, 10.0.0.9"
    assert ask_through_page(client, preview).status_code == 400, "the same client again"
    assert Question.objects.count() == 2


def test_the_contact_and_an_unshown_real_name_never_reach_a_page(client, preview, operator):
    response = ask_through_page(
        client, preview, contact="13912345678", real_name="王小明", text="我家电话是13812345678，" + QUESTION
    )
    question = Question.objects.get()
    assert AskerContact.objects.get().contact_hint == "139****5678"
    pages = [response["Location"], preview.get_absolute_url(), reverse("website:question-lookup")]
    approve_question(question, actor=operator)
    pages += [preview.get_absolute_url(), response["Location"]]

    for url in pages:
        content = client.get(url).content.decode("utf-8")
        for secret in ("13912345678", "139****5678", "王小明", "13812345678"):
            assert secret not in content, (url, secret)
    page = client.get(preview.get_absolute_url()).content.decode("utf-8")
    assert "我家电话是【手机号已隐去】" in page


def test_a_live_interview_takes_questions_on_its_page(client, preview):
    Interview.objects.filter(pk=preview.pk).update(state=InterviewState.LIVE)
    tree = parse(client.get(preview.get_absolute_url()))
    assert text(tree.xpath('//h2[@id="questions-title"]')[0]) == "直播互动提问"

    assert ask_through_page(client, preview).status_code == 302
    assert Question.objects.get().via == Via.LIVE


def test_a_cancelled_or_held_interview_has_no_form(client, preview):
    Interview.objects.filter(pk=preview.pk).update(state=InterviewState.ENDED)
    tree = parse(client.get(preview.get_absolute_url()))
    assert "征集已结束" in text(tree.xpath('//section[@id="ask"]')[0])
    assert client.post(ask_url(preview), question_fields()).status_code == 400

    Interview.objects.filter(pk=preview.pk).update(state=InterviewState.CANCELLED)
    tree = parse(client.get(preview.get_absolute_url()))
    assert not tree.xpath('//section[@id="ask"] | //form[@id="ask-form"]')

    late = client.post(ask_url(preview), question_fields())
    assert late.status_code == 400
    assert lxml_tree(late).xpath('//textarea[@id="kept-text"]')[0].text_content() == QUESTION, "what was typed is kept"


def test_with_sms_verification_the_form_first_checks_the_mobile(
    client, preview, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_QUESTION_IDENTITY = "sms"
    verify_url = reverse("website:question-verify", args=[preview.pk])
    tree = parse(client.get(preview.get_absolute_url()))
    assert text(tree.xpath('//fieldset[@id="verify"]/legend')[0]) == "第一步：验证手机号码"
    assert tree.xpath(f'//button[@formaction="{verify_url}#ask"][@value="send"]')

    refused = ask_through_page(client, preview, **TYPED)
    assert refused.status_code == 400
    assert "请先完成身份验证" in text(lxml_tree(refused).xpath('//*[@class="error-summary"]')[0])

    typed = question_fields(**TYPED)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(verify_url, {**typed, "mobile": "139 1234 5678", "action": "send", "step": "mobile"})
    assert sent.status_code == 200
    tree = parse(sent)
    assert field(tree, "nickname").get("value") == "老张", "the question typed so far comes back"
    assert tree.xpath('//input[@id="id_sms_code"]')
    code = re.search(r"\d{6}", LocmemSmsGateway.outbox[-1].text).group(0)

    wrong = client.post(verify_url, {**typed, "mobile": "13912345678", "sms_code": "000000", "action": "check"})
    assert wrong.status_code == 400
    assert "验证码不正确" in text(lxml_tree(wrong).xpath('//*[@class="error-summary"]')[0])
    assert lxml_tree(wrong).xpath('//input[@id="id_sms_code"][@aria-invalid="true"]'), "still at the code step"

    checked = client.post(verify_url, {**typed, "mobile": "13912345678", "sms_code": code, "action": "check"})
    assert checked.status_code == 200
    tree = parse(checked)
    assert "手机号码验证成功" in text(tree.xpath('//section[@id="ask"]')[0])
    assert field(tree, "text").text_content() == QUESTION
    assert not tree.xpath('//fieldset[@id="verify"]')

    assert ask_through_page(client, preview, **TYPED).status_code == 302
    assert Question.objects.get().asker.identity is not None
    assert "13912345678" not in client.get(preview.get_absolute_url()).content.decode()


def test_with_an_outside_login_the_page_says_it_is_not_available(client, preview, settings):
    settings.PORTAL_QUESTION_IDENTITY = "oidc"
    tree = parse(client.get(preview.get_absolute_url()))

    assert "统一身份认证登录暂未开通" in text(tree.xpath('//section[@id="ask"]')[0])
    assert not tree.xpath('//form[@id="ask-form"]')
