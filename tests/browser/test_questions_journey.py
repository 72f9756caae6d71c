"""An asker's journey in Chromium: the preview page, a refused then accepted question, the receipt, moderation,
the look-up, and “我也关注” — checked with axe-core at every state, in normal and elder mode, under the real CSP."""

import os
import re
from pathlib import Path

import pytest

from portal.questions.enums import QuestionState
from portal.questions.models import Question
from portal.questions.services.moderation import approve_question
from portal.questions.services.screening import reset_caches
from tests.browser.support import DESKTOP, PHONE, assert_accessible, assert_no_horizontal_scroll
from tests.website.questions_data import QUESTION, answered_and_grouped, published_preview, solve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("PORTAL_SCREENSHOTS")  # a folder: save what the tests saw, for a person to look at


@pytest.fixture
def preview(units, editor, operator, settings):
    settings.PORTAL_CHALLENGE_MIN_SECONDS = 0  # a person needs seconds; the test answers at once
    reset_caches()
    yield published_preview(units, editor=editor, operator=operator)
    reset_caches()


def shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"q-{name}.png"), full_page=True)


def check(page, label: str) -> None:
    assert_accessible(page, label=label)
    assert_no_horizontal_scroll(page, label=label)


def answer_the_challenge(page) -> None:
    prompt = page.locator('label[for="id_challenge_answer"]').inner_text()
    page.get_by_role("textbox", name=re.compile("验证问题")).fill(solve(prompt))


def test_submit_moderate_and_look_up_a_question(new_page, live_server, preview, editor, operator):
    page = new_page(DESKTOP)
    page.goto(f"{live_server.url}{preview.get_absolute_url()}")
    assert page.get_by_role("heading", name="访谈简介").is_visible()
    assert page.get_by_text("征集截止：").is_visible()
    check(page, "preview with its form")
    shot(page, "preview")

    # Submitted empty: the same form comes back with a summary that links to each field, focus left alone.
    with page.expect_navigation():
        page.get_by_role("button", name="提交问题").click()
    assert page.title().startswith("错误：")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.get_by_role("link", name="请填写昵称。").get_attribute("href") == "#id_nickname"
    assert page.evaluate("() => document.activeElement === document.body"), "no script moves the focus"
    nickname = page.get_by_role("textbox", name="昵称（必填）")
    assert nickname.get_attribute("aria-invalid") == "true"
    check(page, "the form's error state")
    shot(page, "error")

    nickname.fill("热心市民")
    question = page.get_by_role("textbox", name="问题内容（必填）")
    question.fill(QUESTION)
    assert page.locator("#text-count").inner_text() == f"已输入{len(QUESTION)}个字，还可以输入{500 - len(QUESTION)}个字"
    page.get_by_role("textbox", name="联系方式（选填）").fill("asker@example.com")
    page.get_by_role("checkbox", name="我已阅读并同意《网友提问隐私声明》").check()
    answer_the_challenge(page)
    with page.expect_navigation():
        page.get_by_role("button", name="提交问题").click()

    asked = Question.objects.get()
    assert page.url == f"{live_server.url}/questions/receipt/{asked.receipt_code}/#main"
    assert page.locator(".receipt-value strong").inner_text() == asked.formatted_receipt_code
    assert page.get_by_role("heading", name="处理情况：待审核").is_visible()
    assert "asker@example.com" not in page.content()
    check(page, "the receipt")
    shot(page, "receipt")

    approve_question(asked, actor=operator)  # 数字治理中心 moderates (the domain service, as the back office does)
    page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="查询我的提问").click()
    page.wait_for_url(f"{live_server.url}/questions/lookup/")
    check(page, "the look-up form")
    page.get_by_role("textbox", name="查询码").fill(asked.formatted_receipt_code.lower())
    with page.expect_navigation():
        page.get_by_role("button", name="查询").click()
    assert page.get_by_role("heading", name="处理情况：已发布").is_visible()
    check(page, "the receipt once published")

    answered_and_grouped(preview, editor=editor, operator=operator)
    page.goto(f"{live_server.url}{preview.get_absolute_url()}#asked")
    button = page.locator(f"#support-button-{asked.pk}")
    url = page.url
    button.click()
    page.locator(f"#support-count-{asked.pk}", has_text="1人关注").wait_for()
    assert page.url == url, "htmx updates the count in place"
    assert page.locator("#support-live").inner_text() == "感谢关注！现有1人关注。"
    assert page.evaluate(f"() => document.activeElement.id === 'support-button-{asked.pk}'"), "focus stays"
    assert Question.objects.get(pk=asked.pk).support_count == 1
    page.get_by_text("查看其余1个同类问题").click()
    check(page, "the interview page with its published questions, a group opened")
    shot(page, "list")


@pytest.mark.parametrize(
    ("viewport", "min_font_px"), [pytest.param(DESKTOP, 24, id="1280x800"), pytest.param(PHONE, 18, id="375x812")]
)
def test_the_preview_page_and_the_receipt_in_elder_mode(new_page, live_server, preview, viewport, min_font_px):
    page = new_page(viewport)
    page.goto(f"{live_server.url}{preview.get_absolute_url()}")
    with page.expect_navigation():
        page.get_by_role("button", name="长者模式").click()
    assert page.evaluate("() => document.documentElement.classList.contains('elder')")

    check(page, "preview (elder)")
    assert_accessible(page, label="preview (elder, 7:1)", rules=["color-contrast-enhanced"])
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('#ask p, #ask label, #ask legend, #ask input[type=text], #ask textarea')]
             .filter(el => !el.closest('[aria-hidden="true"]'))
             .map(el => [el.id || el.tagName, parseFloat(getComputedStyle(el).fontSize)])"""
    )
    assert min(size for _name, size in sizes) >= min_font_px, sizes
    for selector in ("#id_nickname", "#id_text", "#id_challenge_answer", "#ask-form button[type=submit]"):
        box = page.locator(selector).bounding_box()
        assert box["height"] >= 60, (selector, box)
    for selector in ("#id_show_real_name", "#id_consent"):
        box = page.locator(selector).bounding_box()
        assert min(box["height"], box["width"]) >= 44, (selector, box)
    shot(page, "preview-elder" if viewport == DESKTOP else "preview-elder-phone")

    page.get_by_role("textbox", name="昵称（必填）").fill("老人家")
    page.get_by_role("textbox", name="问题内容（必填）").fill(QUESTION)
    page.get_by_role("checkbox", name="我已阅读并同意《网友提问隐私声明》").check()
    answer_the_challenge(page)
    with page.expect_navigation():
        page.get_by_role("button", name="提交问题").click()
    assert Question.objects.get().state == QuestionState.PENDING
    check(page, "receipt (elder)")
    assert_accessible(page, label="receipt (elder, 7:1)", rules=["color-contrast-enhanced"])
    shot(page, "receipt-elder" if viewport == DESKTOP else "receipt-elder-phone")


def test_the_privacy_notice_is_accessible(new_page, live_server):
    page = new_page(PHONE)
    page.goto(f"{live_server.url}/privacy/")
    check(page, "the privacy notice")


def test_the_question_pages_keep_the_content_security_policy(new_page, live_server, preview):
    page = new_page(DESKTOP, bypass_csp=False)
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{live_server.url}{preview.get_absolute_url()}")
    page.get_by_role("textbox", name="问题内容（必填）").fill("燃气")
    assert page.locator("#text-count").inner_text() == "已输入2个字，至少还需8个字", "the script runs under the CSP"
    for url in ("/questions/lookup/", "/privacy/"):
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("networkidle")
    assert problems == []
    assert all(url.startswith(live_server.url) for url in requests), requests
