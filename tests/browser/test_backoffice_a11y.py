"""The back office in Chromium with axe-core, on the demo data (testing.md §3, A2).

The demo seeder fills every screen. Each test seeds once, signs in through the real login page as the
demo account whose work the screens are, and checks a group of pages — the moderation queue also with a
row's 不予采纳 form and 原文 open, after the form is sent without a reason and again with one (htmx
swaps the row); and forms in their error state (login, TOTP, question detail, answer). On every page:

* axe with the WCAG 2.0/2.1/2.2 A and AA rules and axe's best practices: 0 violations, and 0 "incomplete"
  results (a wide table is checked again unclipped, so that axe can see the colours of every cell);
* no id used twice (axe no longer checks this, WCAG 2.2 dropped 4.1.1; htmx targets and labels need it);
* a plain-text <title> ending in "- 在线访谈平台（后台）".

The login page, 我的待办 and the moderation queue must not scroll sideways at 375 px.

The checks of a test are gathered and reported together, so that one run shows everything that is wrong.
A module-scoped seed would not survive pytest-django's flush after each transactional test: each test
seeds (about a second).
"""

import importlib
import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command

from portal.interviews.enums import PublicPhase
from portal.interviews.models import Interview
from portal.planning.models import Plan
from portal.questions.enums import QuestionState
from portal.questions.models import Question
from tests.browser.support import AXE_JS, DESKTOP, PHONE, WCAG_AA, format_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAGS = [*WCAG_AA, "wcag22aa", "best-practice"]
TITLE = re.compile(r"[^<>&\s](?:[^<>&\n\r\t]*[^<>&\s])? - 在线访谈平台（后台）")

COORDINATOR = ("demo-coordinator", "Tongchou-2025")
OPERATOR = ("demo-operator", "Yunying-2025")
EDITOR = ("demo-editor", "Jingban-2025")
PRODUCER = ("demo-producer", "Zhizuo-2025!")

RUN_AXE = """async (options) => {
  const result = await axe.run(document, options);
  const describe = (items) => items.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(' ') + ' — '
      + (n.failureSummary || n.any.concat(n.all, n.none).map(c => c.message).join('; ')).replace(/\\s+/g, ' ')),
  }));
  return {violations: describe(result.violations), incomplete: describe(result.incomplete)};
}"""
PAGE_FACTS = """() => {
  const seen = {};
  document.querySelectorAll('[id]').forEach(e => { seen[e.id] = (seen[e.id] || 0) + 1; });
  return {
    duplicateIds: Object.keys(seen).filter(id => seen[id] > 1),
    widths: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
  };
}"""
UNCLIP_TABLES = "body.backoffice .table-scroll { overflow: visible !important; }"


class Checks:
    """Checks each page shown to it and keeps what it finds, for one report at the end of the test."""

    def __init__(self):
        self.problems: list[str] = []
        self.pages = 0

    def __call__(self, page, label: str, *, reflow: bool = False, incomplete: bool = True) -> None:
        self.pages += 1
        where = f"{label} ({page.url.split('/backoffice', 1)[-1]})"
        title = page.title()
        if not TITLE.fullmatch(title):
            self.problems.append(f"{where}: <title> {title!r} is not plain text ending in '- 在线访谈平台（后台）'")
        result = self.axe(page)
        if result["violations"]:
            self.problems.append(f"{where} violations:\n" + format_violations(result["violations"]))
        if incomplete and result["incomplete"]:
            undecided = format_violations(result["incomplete"])
            self.problems.append(f"{where} incomplete (axe could not decide):\n{undecided}")
        facts = page.evaluate(PAGE_FACTS)
        if facts["duplicateIds"]:
            self.problems.append(f"{where}: ids used more than once: {facts['duplicateIds']}")
        scroll_width, client_width = facts["widths"]
        if reflow and scroll_width > client_width + 1:
            self.problems.append(f"{where}: scrolls sideways, scrollWidth {scroll_width} > {client_width}")

    @staticmethod
    def axe(page) -> dict:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE_JS))
        return page.evaluate(RUN_AXE, {"runOnly": {"type": "tag", "values": TAGS}})

    def assert_clean(self) -> None:
        assert not self.problems, f"{len(self.problems)} problem(s) on {self.pages} page(s):\n\n" + "\n\n".join(
            self.problems
        )


@pytest.fixture
def checks():
    return Checks()


@pytest.fixture
def demo(db):
    # The flush after each transactional test also empties the lists a data migration loads: load them again.
    importlib.import_module("portal.questions.migrations.0002_default_lists").load(apps, None)
    call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())
    interviews = {i.public_phase(): i for i in Interview.objects.filter(is_demo=True).prefetch_related("steps")}
    pending = Question.objects.filter(interview__is_demo=True, state=QuestionState.PENDING).order_by("created_at")
    return {
        "preview": interviews[PublicPhase.PREVIEW],
        "plan_2025": Plan.objects.get(year=2025),
        "pending": pending.select_related("interview").first(),
    }


def sign_in(new_page, live_server, account, viewport=DESKTOP):
    username, password = account
    page = new_page(viewport)
    page.goto(f"{live_server.url}/backoffice/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()
    assert page.url == f"{live_server.url}/backoffice/", page.locator("main").inner_text()
    return page


def visit(page, url: str):
    response = page.goto(url)
    assert response is not None, url
    assert response.status == 200, f"{url}: {response.status}"
    return page


def test_login_page_and_its_error_state(new_page, live_server, checks):
    for viewport in (DESKTOP, PHONE):
        width = viewport["width"]
        page = new_page(viewport)
        visit(page, f"{live_server.url}/backoffice/login/")
        checks(page, f"login-{width}", reflow=True)
        page.get_by_label("用户名").fill("nobody")
        page.get_by_label("密码").fill("wrong-password")
        with page.expect_navigation():
            page.get_by_role("button", name="登录").click()
        assert page.get_by_role("alert").is_visible()
        checks(page, f"login-error-{width}", reflow=True)
    page.get_by_label("用户名").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()
    assert page.get_by_label("用户名").get_attribute("aria-invalid") == "true"
    checks(page, "login-empty-fields")
    checks.assert_clean()


def test_coordinator_screens(new_page, live_server, demo, checks):
    base = f"{live_server.url}/backoffice"
    page = sign_in(new_page, live_server, COORDINATOR)
    checks(page, "dashboard")
    pages = {
        "interview-list": "/interviews/",
        "interview-detail": f"/interviews/{demo['preview'].pk}/",
        "oversight": "/oversight/",
        "contacts": "/contacts/",
        "plan-list": "/plans/",
        "plan-2025": f"/plans/{demo['plan_2025'].pk}/",
        "calendar": "/calendar/",
        "inbox": "/inbox/",
        "year-figures": "/figures/?year=2025",
        "audit-log": "/audit/",
        "totp-setup": "/security/totp/",
    }
    for label, path in pages.items():
        checks(visit(page, base + path), label, incomplete=label != "oversight")
        if label == "oversight":
            # The progress table scrolls in its box, so axe cannot see the colours of the clipped cells
            # ("incomplete", ignored above): show the whole table in a wider window and check again.
            page.add_style_tag(content=UNCLIP_TABLES)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            page.set_viewport_size({"width": width + 40, "height": DESKTOP["height"]})
            checks(page, "oversight-unclipped")
            page.set_viewport_size(DESKTOP)

    page.get_by_label("动态验证码").fill("000000")
    with page.expect_navigation():
        page.get_by_role("button", name="完成绑定").click()
    assert page.get_by_label("动态验证码").get_attribute("aria-invalid") == "true"
    checks(page, "totp-setup-error")
    page.goto(f"{base}/audit/?date_from=2025-09-10&date_to=2025-09-01")  # a refused search (400)
    checks(page, "audit-log-error")

    phone = sign_in(new_page, live_server, COORDINATOR, PHONE)
    checks(phone, "dashboard-375", reflow=True)
    checks.assert_clean()


def test_operator_moderation_screens(new_page, live_server, demo, checks):
    base = f"{live_server.url}/backoffice"
    pending = demo["pending"]
    interview = pending.interview
    page = sign_in(new_page, live_server, OPERATOR)
    checks(page, "dashboard-operator")
    checks(visit(page, f"{base}/questions/{pending.pk}/"), "question-detail")
    reject = page.locator("form", has=page.get_by_role("group", name="不予采纳"))
    with page.expect_navigation():
        reject.get_by_role("button", name="不予采纳").click()  # no reason chosen
    checks(page, "question-detail-error")
    visit(page, f"{base}/interviews/{interview.pk}/questions/")
    checks(page, "queue")

    row = page.locator(f"#question-{pending.pk}")
    row.locator("summary", has_text="不予采纳").click()
    assert row.get_by_role("button", name="确定不予采纳").is_visible()
    originals = page.locator("details.original summary")
    if originals.count():
        originals.first.click()
    checks(page, "queue-details-open")
    row.get_by_role("button", name="确定不予采纳").click()  # no reason chosen: the row comes back with its error
    page.locator(f"#question-{pending.pk}.is-overdue [role=alert]").wait_for()
    checks(page, "queue-reject-error")
    row.get_by_label("理由").select_option(index=1)
    row.get_by_role("button", name="确定不予采纳").click()
    page.locator(f"#question-{pending.pk} .saved").wait_for()
    checks(page, "queue-after-reject")

    pages = {
        "queue-all": "/questions/",
        "lists": "/questions/lists/",
        "representatives": f"/interviews/{interview.pk}/representatives/",
        "answer-check": "/answers/check/",
        "webhooks": "/webhooks/",
    }
    for label, path in pages.items():
        checks(visit(page, base + path), label)

    # At 375 px the table scrolls in its box and axe cannot see the clipped cells' colours: checked above.
    phone = sign_in(new_page, live_server, OPERATOR, PHONE)
    checks(visit(phone, f"{base}/interviews/{interview.pk}/questions/"), "queue-375", reflow=True, incomplete=False)
    checks.assert_clean()


def test_editor_screens(new_page, live_server, demo, checks):
    base = f"{live_server.url}/backoffice"
    page = sign_in(new_page, live_server, EDITOR)
    checks(page, "dashboard-editor")
    visit(page, f"{base}/answers/")
    checks(page, "answers")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^撰写答复")).first.click()
    checks(page, "answer")
    page.locator("main textarea").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="提交审核").click()
    assert page.locator("main .form-errors[role=alert]").is_visible()  # the service wants an answer or a reason
    checks(page, "answer-error")
    checks(visit(page, f"{base}/supervision/"), "supervision")
    checks(visit(page, f"{base}/interviews/{demo['preview'].pk}/"), "interview-detail-editor")
    checks(visit(page, f"{base}/interviews/{demo['preview'].pk}/introduction/"), "introduction")
    checks.assert_clean()


def test_producer_answers_a_date_proposal(new_page, live_server, demo, checks):
    base = f"{live_server.url}/backoffice"
    waiting = Interview.objects.get(is_demo=True, recording_proposals__status="open")
    page = sign_in(new_page, live_server, PRODUCER)
    checks(visit(page, f"{base}/interviews/{waiting.pk}/"), "interview-detail-proposal")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^拒绝\s*（代表区融媒体中心）")).click()
    assert page.locator("#id_answer_media_decline_reason_error").is_visible()  # a decline needs its reason
    checks(page, "interview-detail-proposal-error")
    checks(visit(page, f"{base}/calendar/subscribe/"), "calendar-feed")
    with page.expect_navigation():
        page.get_by_role("button", name="生成订阅地址").click()
    checks(page, "calendar-feed-made")


def test_producer_video_page(new_page, live_server, demo, checks):
    ended = Interview.objects.get(is_demo=True, state="ended")
    page = sign_in(new_page, live_server, ("demo-producer", "Zhizuo-2025!"))
    checks(visit(page, f"{live_server.url}/backoffice/interviews/{ended.pk}/video/"), "video-page")


def test_script_screens(new_page, live_server, demo, checks):
    interviews = {i.public_phase(): i for i in Interview.objects.filter(is_demo=True)}
    scripting, live = interviews[PublicPhase.UPCOMING], interviews[PublicPhase.LIVE]
    base = f"{live_server.url}/backoffice/interviews/{scripting.pk}/script"
    page = sign_in(new_page, live_server, EDITOR)
    pages = {
        "script": "/",
        "script-item-edit": f"/items/{scripting.script.items.first().pk}/edit/",
        "script-item-add": "/items/add/",
        "script-opening": "/part/opening/",
        "script-revisions": "/revisions/",
        "script-revision-returned": "/revisions/1/",
        "script-compare": "/compare/?old=1&new=2",
    }
    for label, path in pages.items():
        checks(visit(page, base + path), label)
    visit(page, f"{base}/items/add/")
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()  # the add form without a question
    checks(page, "script-item-add-error")
    checks(visit(page, f"{live_server.url}/backoffice/interviews/{live.pk}/script/"), "script-final-approved")

    operator = sign_in(new_page, live_server, OPERATOR)
    checks(visit(operator, f"{base}/revisions/2/"), "script-review-form")
    operator.locator("#review-form").get_by_label("退回修改").check()
    with operator.expect_navigation():
        operator.get_by_role("button", name="提交审核意见").click()  # sent back without a comment
    assert operator.locator("#review-form [role=alert]").is_visible()
    checks(operator, "script-review-form-error")
    checks.assert_clean()


def test_editor_followup_screens(new_page, live_server, demo, checks):
    """总结提高: the summary (published: read only, charts), rectification with its forms, a refused item."""
    finished = Interview.objects.get(is_demo=True, state="ended")
    base = f"{live_server.url}/backoffice/interviews/{finished.pk}"
    page = sign_in(new_page, live_server, EDITOR)
    # axe cannot compute the contrast of SVG text (dark grey on white, as drawn in portal/followups/charts.py)
    # and leaves it "incomplete"; violations still count.
    checks(visit(page, f"{base}/summary/"), "summary", incomplete=False)
    checks(visit(page, f"{base}/rectification/"), "rectification")
    with page.expect_navigation():
        page.get_by_role("button", name="设立").click()  # nothing filled in
    assert page.locator("main .errorlist").first.is_visible()
    checks(page, "rectification-error")
    checks.assert_clean()


def test_operator_filing_pages(new_page, live_server, demo, checks):
    """The 备案 page of the filed 2024 interview (after a verification) and of the ended demo interview."""
    filed = Interview.objects.get(year=2024, state="filed")
    ended = Interview.objects.get(is_demo=True, state="ended")
    page = sign_in(new_page, live_server, OPERATOR)
    checks(visit(page, f"{live_server.url}/backoffice/interviews/{filed.pk}/filing/"), "filing-filed")
    with page.expect_navigation():
        page.get_by_role("button", name="校验备案文件包").click()
    checks(page, "filing-verified")
    page.get_by_role("button", name="删除个人信息").click()  # sent empty: the form comes back with its errors
    page.wait_for_load_state()
    checks(page, "filing-redaction-error")
    checks(visit(page, f"{live_server.url}/backoffice/interviews/{ended.pk}/filing/"), "filing-not-yet")
    checks.assert_clean()
