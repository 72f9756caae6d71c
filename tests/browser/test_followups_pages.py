"""The public summary and rectification pages in Chromium: axe-core (WCAG 2.1 A/AA), reflow on a phone."""

import pytest

from portal.followups.enums import RectificationStatus
from portal.followups.services.rectification import add_note, change_status, create_item
from portal.followups.services.summary import publish_summary, save_point, save_summary
from tests.browser.support import DESKTOP, PHONE, assert_accessible, assert_no_horizontal_scroll
from tests.followups.conftest import _now, days, held, questions  # noqa: F401 -- fixtures of the follow-up tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(held, questions, editor, operator, co_editor, units):  # noqa: F811 -- imported fixtures
    save_point(held, actor=editor, text="加快燃气管道改造进度", question_ids=[questions["a1"].pk, questions["c1"].pk])
    save_summary(held, actor=editor, body="<p>本期访谈共收到网友提问12个。</p>", submit=True)
    publish_summary(held, actor=operator)
    item = create_item(held, actor=editor, what="完成燃气管道改造", owner_unit=units["co"], due_date=days(20),
                       question_ids=[questions["a1"].pk])  # fmt: skip
    change_status(item, actor=co_editor, status=RectificationStatus.IN_PROGRESS, note="已开工")
    add_note(item, actor=co_editor, date=days(0), text="完成管道采购")
    return held


@pytest.mark.parametrize("viewport", [pytest.param(DESKTOP, id="1280x800"), pytest.param(PHONE, id="375x812")])
def test_summary_and_rectification_pages_are_accessible(new_page, live_server, published, viewport):
    page = new_page(viewport)
    page.goto(f"{live_server.url}{published.get_absolute_url()}#summary")
    assert page.get_by_role("img", name="已发布问题的分类").count() == 1
    assert_accessible(page, label="summary")
    assert_no_horizontal_scroll(page, label="summary")

    page.get_by_role("link", name="查看本期访谈的整改情况").click()
    page.wait_for_selector("h1#rectification-title")
    assert_accessible(page, label="rectification")
    assert_no_horizontal_scroll(page, label="rectification")

    page.goto(f"{live_server.url}/rectification/2025/?status=in_progress")
    assert page.get_by_text("完成管道采购").is_visible()
    assert_accessible(page, label="rectification-year")
    assert_no_horizontal_scroll(page, label="rectification-year")
