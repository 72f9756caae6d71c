"""图文直播 in Chromium: an operator posts in the console and a viewer's page shows it without a reload.

The SSE journey needs the real ASGI application (pytest-django's live server is WSGI), so ``asgi_server``
runs uvicorn with ``portal.asgi``'s routing in a thread against the test database (SQLite in memory is one
shared-cache database across threads; PostgreSQL is shared anyway). The polling journey uses the WSGI live
server, where the SSE path answers 503 and the page falls back to polling the entries endpoint.
"""

import asyncio
import socket
import threading

import pytest
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.core.asgi import get_asgi_application
from django.db import connections
from django.utils import timezone

from portal.live import services
from portal.live.enums import Speaker
from portal.live.fanout import set_broker
from portal.live.fanout.app import LiveStreamApp, route
from portal.live.fanout.brokers import MemoryBroker
from tests.browser.support import AXE_JS, CHROMIUM, DESKTOP, PHONE, assert_accessible
from tests.factories import GuestFactory, InterviewFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def asgi_server(transactional_db):
    uvicorn = pytest.importorskip("uvicorn")
    if not CHROMIUM.exists() or not AXE_JS.exists():
        pytest.skip("browser tests need Chromium and axe-core")
    old = set_broker(MemoryBroker())
    # Django runs each ASGI request in a thread of its own: close its connection when the request ends, or
    # PostgreSQL would still see them when the test database is dropped.
    db_settings = connections.settings["default"]
    max_age, db_settings["CONN_MAX_AGE"] = db_settings.get("CONN_MAX_AGE", 0), 0
    app = route(ASGIStaticFilesHandler(get_asgi_application()), LiveStreamApp())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    for _ in range(500):  # bounded: until uvicorn listens
        if server.started:
            break
        threading.Event().wait(0.01)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    connections.close_all()
    db_settings["CONN_MAX_AGE"] = max_age
    set_broker(old)


@pytest.fixture
def live_interview(units, operator):
    interview = InterviewFactory(
        title="城镇燃气“安心用气工程”",
        lead_unit=units["lead"],
        recording_at=timezone.now(),
        confirmed=True,
        host_name="王芳",
    )
    GuestFactory(interview=interview, name="张三", post="局长", unit_name="城建局")
    services.start_live(interview, actor=operator)
    services.post_entry(interview, actor=operator, speaker=Speaker.HOST, text="各位网友大家好，直播开始。")
    return interview


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/backoffice/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("correct-horse-battery")
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()
    assert "/backoffice/login/" not in page.url, page.locator("main").inner_text()


def test_an_operator_posts_and_a_viewer_sees_it_live_by_sse(browser, asgi_server, live_interview):
    viewer_context = browser.new_context(viewport=PHONE, locale="zh-CN")
    operator_context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    try:
        viewer = viewer_context.new_page()
        viewer.set_default_timeout(10_000)
        viewer.goto(f"{asgi_server}{live_interview.get_absolute_url()}")
        viewer.locator("#live-connection").filter(has_text="实时更新中").wait_for()

        console = operator_context.new_page()
        console.set_default_timeout(10_000)
        sign_in(console, asgi_server, "operator")
        console.goto(f"{asgi_server}/backoffice/interviews/{live_interview.pk}/live/")
        console.get_by_label("内容").fill("燃气管道改造今年年底前完成。")
        with console.expect_navigation():
            console.get_by_role("button", name="发布", exact=True).click()

        entries = viewer.locator("#live-entries")
        entries.get_by_text("燃气管道改造今年年底前完成。").wait_for()
        assert entries.locator("li").first.inner_text().find("燃气管道改造") >= 0, "newest first"
        viewer.locator("#live-announcer").filter(has_text="新的直播内容").wait_for(state="attached")
        assert viewer.evaluate("document.activeElement === document.body"), "focus never moves by itself"

        # A withdrawal reaches the viewer as well, in place, with its mark.
        console.get_by_role("link", name="撤回").first.click()  # newest first: the entry just posted
        with console.expect_navigation():
            console.get_by_role("button", name="确认撤回").click()
        entries.get_by_text("已撤回").wait_for()
        assert "燃气管道改造今年年底前完成。" not in entries.inner_text()
        assert viewer.url.endswith(live_interview.get_absolute_url()), "no reload, no navigation"
    finally:
        viewer_context.close()
        operator_context.close()


def test_the_live_page_and_the_console_are_accessible(new_page, live_server, live_interview, operator):
    page = new_page(DESKTOP)
    page.goto(f"{live_server.url}{live_interview.get_absolute_url()}")
    page.locator("#live-entries li").first.wait_for()
    assert_accessible(page, label="live page")
    sign_in(page, live_server.url, "operator")
    page.goto(f"{live_server.url}/backoffice/interviews/{live_interview.pk}/live/")
    assert_accessible(page, label="live console")


def test_without_a_stream_the_page_polls_and_still_updates(new_page, live_server, live_interview, operator, settings):
    settings.PORTAL_LIVE_POLL_SECONDS = 2
    page = new_page(PHONE, bypass_csp=False)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}{live_interview.get_absolute_url()}")
    page.locator("#live-connection").filter(has_text="自动刷新").wait_for()
    services.post_entry(live_interview, actor=operator, speaker=Speaker.HOST, text="轮询也能收到的一条。")
    page.locator("#live-entries").get_by_text("轮询也能收到的一条。").wait_for()
    assert not errors
