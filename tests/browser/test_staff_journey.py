"""A member of 区政府办 signs in to the back office and opens the oversight page."""

import pytest

from portal.accounts.enums import Role
from tests.browser.support import DESKTOP
from tests.factories import staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_signs_in_and_sees_the_oversight_page(new_page, live_server, gov_office):
    staff(gov_office, Role.COORDINATOR, username="yanghui", full_name="杨慧")
    page = new_page(DESKTOP)
    page.goto(f"{live_server.url}/backoffice/login/")
    page.get_by_label("用户名").fill("yanghui")
    page.get_by_label("密码").fill("correct-horse-battery")
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()
    assert "/backoffice/login/" not in page.url, page.locator("main").inner_text()

    page.goto(f"{live_server.url}/backoffice/oversight/")
    assert page.get_by_role("heading", level=1).inner_text().strip() != ""
    assert "督办" in page.get_by_role("heading", level=1).inner_text()
