"""A failed CSRF check (an old page, or a cross-site frame withholding the cookie) loses nothing typed."""

import pytest
from django.test import Client

from portal.questions.models import Question
from tests.website.conftest import text
from tests.website.questions_data import NOW, form_of, published_preview, question_fields
from tests.website.test_questions import lxml_tree

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.usefixtures("question_settings")]

TYPED = "老旧小区燃气管道改造的施工时间能否避开冬季供暖期？"


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def browser():
    return Client(enforce_csrf_checks=True)


def test_a_question_posted_without_the_csrf_cookie_comes_back_filled(browser, units, editor, operator):
    interview = published_preview(units, editor=editor, operator=operator)
    page = browser.get(interview.get_absolute_url())
    data = {**form_of(page.content), **question_fields(text=TYPED, nickname="江浦老张")}
    browser.cookies.pop("csrftoken")  # what a browser does in a cross-site frame with a SameSite=Lax cookie

    response = browser.post(f"/interviews/{interview.pk}/ask/", data)

    assert response.status_code == 403
    tree = lxml_tree(response)
    assert tree.xpath('//textarea[@name="text"]')[0].text == TYPED
    assert tree.xpath('//input[@name="nickname"]/@value') == ["江浦老张"]
    assert "您填写的内容已保留" in text(tree.xpath("//main")[0])
    assert tree.xpath('//input[@name="csrfmiddlewaretoken"]/@value'), "a fresh token to submit again"
    assert not Question.objects.exists()

    data["csrfmiddlewaretoken"] = tree.xpath('//input[@name="csrfmiddlewaretoken"]/@value')[0]
    data["challenge_token"] = tree.xpath('//input[@name="challenge_token"]/@value')[0]
    data["challenge_answer"] = form_of(response.content)["challenge_answer"]
    assert browser.post(f"/interviews/{interview.pk}/ask/", data).status_code == 302
    assert Question.objects.get().text == TYPED


def test_another_form_failing_the_check_gets_a_chinese_page(browser, units, editor, operator):
    interview = published_preview(units, editor=editor, operator=operator)

    response = browser.post("/elder-mode/", {"next": interview.get_absolute_url()})

    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
