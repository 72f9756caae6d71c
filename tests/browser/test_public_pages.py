"""The public pages in Chromium: axe-core (WCAG 2.1 A/AA) in normal and elder mode, reflow, keyboard, CSP."""

import os
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.support import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_horizontal_scroll,
    build_public_site,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = [pytest.param(DESKTOP, id="1280x800"), pytest.param(PHONE, id="375x812")]
SCREENSHOTS = os.environ.get("PORTAL_SCREENSHOTS")  # a folder: save what the tests saw, for a person to look at


@pytest.fixture
def site_data(coordinator):
    return build_public_site(coordinator, timezone.now())


def check(page, label: str, viewport) -> None:
    assert_accessible(page, label=label)
    assert_no_horizontal_scroll(page, label=label)
    assert len(page.locator("h1").all()) == 1, label
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{label}-{viewport['width']}.png"), full_page=True)


def is_elder(page) -> bool:
    return page.evaluate("() => document.documentElement.classList.contains('elder')")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_column_and_plan_are_accessible_in_normal_and_elder_mode(new_page, live_server, site_data, viewport):
    page = new_page(viewport)
    page.goto(f"{live_server.url}/")
    check(page, "home", viewport)
    page.goto(f"{live_server.url}/plan/2025/")
    assert page.locator("table.plan-table tbody tr").count() == 8
    check(page, "plan", viewport)
    assert not is_elder(page)

    with page.expect_navigation():
        page.get_by_role("button", name="长者模式").click()
    assert is_elder(page)
    assert page.url == f"{live_server.url}/plan/2025/", "the toggle returns to the page it was pressed on"
    assert page.get_by_role("button", name="长者模式：已开启").get_attribute("aria-pressed") == "true"
    check(page, "plan-elder", viewport)

    page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="在线访谈").click()
    page.wait_for_url(f"{live_server.url}/")
    assert is_elder(page), "长者模式 persists across pages"
    check(page, "home-elder", viewport)
    page.reload()
    assert is_elder(page), "and across reloads"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_interview_page_and_archive_are_accessible(new_page, live_server, site_data, viewport):
    page = new_page(viewport)
    page.goto(f"{live_server.url}{site_data['preview'].get_absolute_url()}")
    assert page.get_by_role("img", name="张三局长").is_visible()
    check(page, "interview", viewport)
    page.goto(f"{live_server.url}{site_data['old'].get_absolute_url()}")
    check(page, "interview-2024", viewport)
    page.goto(f"{live_server.url}/archive/")
    assert page.get_by_role("heading", name="2024年").is_visible()
    check(page, "archive", viewport)


@pytest.mark.parametrize(
    ("viewport", "min_font_px"), [pytest.param(DESKTOP, 24, id="1280x800"), pytest.param(PHONE, 18, id="375x812")]
)
def test_elder_mode_meets_the_elderly_friendly_sizes(new_page, live_server, site_data, viewport, min_font_px):
    """适老化: main text ≥ 18pt (24 CSS px on desktop, 18 on a phone), line height ≥ 1.5, targets ≥ 60 px,
    and the enhanced (7:1) contrast of WCAG AAA."""
    page = new_page(viewport)
    page.goto(f"{live_server.url}/")
    with page.expect_navigation():
        page.get_by_role("button", name="长者模式").click()
    for url in ("/", "/plan/2025/", site_data["preview"].get_absolute_url()):
        page.goto(f"{live_server.url}{url}")
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('main p, main td, main dd')].map(el => {
                 const style = getComputedStyle(el);
                 return [parseFloat(style.fontSize), parseFloat(style.lineHeight)];
               })"""
        )
        assert sizes, url
        assert min(size for size, _ in sizes) >= min_font_px, (url, sizes)
        assert min(line / size for size, line in sizes) >= 1.5, (url, sizes)
        targets = page.locator(".elder-toggle button, .site-nav a")
        for index in range(targets.count()):
            box = targets.nth(index).bounding_box()
            assert box["height"] >= 60, (url, index, box)
            assert box["width"] >= 60, (url, index, box)
        assert_accessible(page, label=f"{url} (elder, 7:1)", rules=["color-contrast-enhanced"])


def test_keyboard_reaches_the_skip_link_first_and_focus_is_visible(new_page, live_server, site_data):
    page = new_page(DESKTOP)
    page.goto(f"{live_server.url}/plan/2025/")

    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "跳到主要内容"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"

    page.goto(f"{live_server.url}/plan/2025/")
    stops = []
    for _ in range(3):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("() => document.activeElement.textContent.trim()"))
    assert "长者模式" in stops, f"the 长者模式 toggle is within the first 3 Tab stops: {stops}"
    button = page.get_by_role("button", name="长者模式")
    unfocused = button.evaluate("el => { el.blur(); return getComputedStyle(el).outlineStyle; }")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    focused = button.evaluate("el => [document.activeElement === el, getComputedStyle(el).outlineStyle]")
    assert focused == [True, "solid"]
    assert unfocused == "none"


def test_pages_load_nothing_from_elsewhere_and_break_no_csp_rule(new_page, live_server, site_data):
    page = new_page(DESKTOP, bypass_csp=False)
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    for url in ("/", "/plan/2025/", site_data["preview"].get_absolute_url(), "/archive/"):
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("networkidle")
    assert problems == []
    assert all(url.startswith(live_server.url) for url in requests), requests


def test_no_page_scrolls_sideways_at_320_pixels(new_page, live_server, site_data):
    """WCAG 1.4.10 reflow: 320 CSS px wide, in normal and in elder mode."""
    page = new_page({"width": 320, "height": 640})
    urls = ["/", "/plan/2025/", "/archive/", site_data["preview"].get_absolute_url()]
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        assert_no_horizontal_scroll(page, label=url)
    with page.expect_navigation():
        page.get_by_role("button", name="长者模式").click()
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        assert is_elder(page)
        assert_no_horizontal_scroll(page, label=f"{url} (elder)")
