import re

import pytest
from lxml import html as lxml_html

from portal.notifications.sms import LocmemSmsGateway
from portal.questions.services.screening import reset_caches
from tests.website.data import build_plan_2025


@pytest.fixture
def plan_2025(coordinator):
    return build_plan_2025(coordinator)


def parse(response):
    """The response's HTML as an lxml tree (the public pages are UTF-8)."""
    assert response.status_code == 200, response.status_code
    return lxml_html.fromstring(response.content.decode("utf-8"))


def text(element) -> str:
    """The element's text with runs of ASCII white space collapsed (full-width spaces are content)."""
    return re.sub(r"[ \t\r\n]+", " ", element.text_content()).strip()


def meta(tree, name: str) -> str | None:
    found = tree.xpath(f'//head/meta[@name="{name}"]/@content')
    return found[0] if found else None


def sections(tree) -> dict[str, list[str]]:
    """{section heading: [card titles]} of a column page, in page order."""
    return {
        text(section.xpath(".//h2")[0]): [text(a) for a in section.xpath(".//h3/a")]
        for section in tree.xpath("//main//section")
    }


@pytest.fixture
def question_settings(settings):
    """What every question test needs: answers may come at once, and caches start empty."""
    settings.PORTAL_CHALLENGE_MIN_SECONDS = 0
    reset_caches()
    LocmemSmsGateway.outbox.clear()
    yield settings
    reset_caches()
    LocmemSmsGateway.outbox.clear()
