"""The script (访谈稿) in Chromium, as the three parties work on it: draft → submit → one center sends back →
revise → both approve → final → both approve → export. Each staff screen is checked with axe-core."""

import datetime as dt
import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect

from portal.accounts.enums import Role
from portal.demo.scripts_drainage import DRAINAGE
from portal.scripts.document import HOST_LABEL, ScriptDocument, ScriptHeader, ScriptItem
from portal.scripts.docx_import import parse_script_docx
from portal.scripts.enums import ReviewDecision, RevisionStatus
from portal.scripts.export import script_docx
from portal.scripts.models import Script, ScriptRevision
from portal.scripts.queries import working_document
from portal.scripts.snapshot import text_to_paragraphs
from portal.scripts.wordcount import count_document
from tests.browser.support import DESKTOP, assert_accessible
from tests.factories import GuestFactory, InterviewFactory, staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"
TITLE = "雨污分流与城市排水防涝"
NEW_QUESTION = "施工结束以后，小区道路和绿化的恢复标准是什么？"
NEW_ANSWER = "路面按原标准恢复，绿化由专业单位补种，恢复后请居民代表参加验收，验收不合格的不予结算。"
RETURN_COMMENT = "请核对工程进度的表述，时间节点避免绝对化。"
ITEM_COMMENT = "请补充汛期前未完工点位的临时措施。"
GUESTS = ("城建局副局长 演示嘉宾甲", "永宁街道副街道主任 演示嘉宾丁")  # the header names who may answer
REVISED = "在完工之前，我们会在这些点位提前布置移动泵车和抢险队伍，并在现场设置积水警示标志。"


@pytest.fixture
def people(lead_unit, digital_center, media_center):
    return {
        "editor": staff(lead_unit, Role.EDITOR, username="jingban", full_name="王经办"),
        "producer": staff(media_center, Role.PRODUCER, username="zhizuo", full_name="李制作"),
        "operator": staff(digital_center, Role.OPERATOR, username="yunying", full_name="赵运营"),
    }


@pytest.fixture
def interview(units):
    recording = dt.datetime.now(dt.UTC).replace(hour=1, minute=30, second=0, microsecond=0) + dt.timedelta(days=30)
    interview = InterviewFactory(
        title=TITLE, year=recording.year, lead_unit=units["lead"], recording_at=recording, confirmed=True
    )
    GuestFactory(interview=interview, name="演示嘉宾甲", post="副局长", unit_name="城建局", sort_order=1)
    GuestFactory(interview=interview, name="演示嘉宾丁", post="副街道主任", unit_name="永宁街道", sort_order=2)
    return interview


def host_only(text: str) -> tuple:
    return tuple(p for p in text_to_paragraphs(text, HOST_LABEL) if p.speaker == HOST_LABEL)


def drainage_docx(tmp_path):
    """The demo script as a unit would send it in: a DOCX in the usual layout, the host alone opening and closing
    (a guest's reply right after the host's greeting would make the greeting an item)."""
    doc = ScriptDocument(
        header=ScriptHeader(title=f"{TITLE}在线访谈稿", place="区融媒体中心演播室", guests=GUESTS),
        opening=host_only(DRAINAGE.opening),
        items=tuple(ScriptItem(item.question, item.answer, item.guest) for item in DRAINAGE.items),
        closing=host_only(DRAINAGE.closing),
    )
    path = tmp_path / "访谈稿.docx"
    path.write_bytes(script_docx(doc))
    parsed = parse_script_docx(io.BytesIO(path.read_bytes()))
    assert len(parsed.items) == len(DRAINAGE.items)
    assert count_document(parsed) >= 8000
    return path


def sign_in(new_page, live_server, username):
    page = new_page(DESKTOP)
    page.goto(f"{live_server.url}/backoffice/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()
    assert page.url == f"{live_server.url}/backoffice/", page.locator("main").inner_text()
    return page


def click_and_wait(page, locator):
    with page.expect_navigation():
        locator.click()


def review(page, url: str, *, approve: bool, comment: str = "", item: int | None = None, item_comment: str = ""):
    page.goto(url)
    form = page.locator("#review-form")
    form.get_by_label("审核通过" if approve else "退回修改").check()
    if comment:
        form.get_by_label("对全文的意见").fill(comment)
    if item:
        page.get_by_label(f"对第{item}个问答的意见").fill(item_comment)
    click_and_wait(page, form.get_by_role("button", name="提交审核意见"))
    expect(page.get_by_text("审核意见已提交")).to_be_visible()


def both_approve(pages, url):
    for name in ("producer", "operator"):
        review(pages[name], url, approve=True)


def test_draft_review_return_revise_approve_final_and_export(new_page, live_server, people, interview, tmp_path):
    base = f"{live_server.url}/backoffice/interviews/{interview.pk}/script"
    pages = {name: sign_in(new_page, live_server, user.username) for name, user in people.items()}
    editor = pages["editor"]

    # The editor imports the unit's Word document into the empty script.
    editor.goto(f"{base}/")
    expect(editor.get_by_role("heading", level=1)).to_contain_text("访谈稿")
    expect(editor.locator("#script-live-count")).to_contain_text("全稿共0字")
    assert_accessible(editor, label="script page (empty)")
    editor.get_by_label("Word 文档（DOCX）").set_input_files(drainage_docx(tmp_path))
    click_and_wait(editor, editor.get_by_role("button", name="导入", exact=True))
    expect(editor.get_by_text(re.compile(r"已从“.+”导入\d+个问答"))).to_be_visible()
    expect(editor.locator("#script-live-count")).to_contain_text("已达到8000字的要求")
    assert_accessible(editor, label="script page (imported)")

    # Adds an item and sees the whole script's 字数 follow the typing.
    script = Script.objects.get(interview=interview)
    doc = working_document(script)
    click_and_wait(editor, editor.get_by_role("link", name="添加问答"))
    assert_accessible(editor, label="item form")
    editor.get_by_label("主持人提问").fill(NEW_QUESTION)
    editor.get_by_label("嘉宾回答").fill(NEW_ANSWER)
    for guest in ("", "演示嘉宾丁"):  # 嘉宾 while none is chosen, then the guest's name
        if guest:
            editor.get_by_label("回答嘉宾").select_option(label=f"永宁街道副街道主任 {guest}")
        typed = ScriptItem(NEW_QUESTION, NEW_ANSWER, guest)
        expected = count_document(ScriptDocument(doc.header, doc.opening, (*doc.items, typed), doc.closing))
        expect(editor.locator("#script-live-count")).to_contain_text(f"全稿共{expected}字")
    click_and_wait(editor, editor.get_by_role("button", name="保存"))
    expect(editor.locator("#script-live-count")).to_contain_text(f"全稿共{expected}字")

    # Submits: both centers review revision 1 at once.
    click_and_wait(editor, editor.get_by_role("button", name="提交审核", exact=True))
    expect(editor.get_by_role("heading", level=1)).to_contain_text("访谈稿第1版")
    assert_accessible(editor, label="revision page (editor)")
    first = f"{base}/revisions/1/"

    # 融媒体中心 approves; 数字治理中心 first forgets the comment, then sends it back with comments.
    review(pages["producer"], first, approve=True)
    operator = pages["operator"]
    operator.goto(first)
    assert_accessible(operator, label="revision page with the review form")
    operator.locator("#review-form").get_by_label("退回修改").check()
    click_and_wait(operator, operator.get_by_role("button", name="提交审核意见"))
    expect(operator.locator("#review-form [role=alert]")).to_contain_text("请填写对全文或对具体问答的意见")
    assert_accessible(operator, label="review form with its error")
    review(operator, first, approve=False, comment=RETURN_COMMENT, item=3, item_comment=ITEM_COMMENT)
    assert ScriptRevision.objects.get(script=script, number=1).status == RevisionStatus.RETURNED

    # The editor reads the comments, revises the item and submits revision 2.
    editor.goto(first)
    expect(editor.locator("#reviews")).to_contain_text(RETURN_COMMENT)
    expect(editor.locator("#item-3")).to_contain_text(ITEM_COMMENT)
    expect(editor.locator("#reviews")).to_contain_text("退回修改")
    editor.goto(f"{base}/")
    click_and_wait(editor, editor.get_by_role("link", name=re.compile(r"^修改\s*第3个问答$")))
    answer = editor.get_by_label("嘉宾回答")
    answer.fill(answer.input_value() + "\n" + REVISED)
    click_and_wait(editor, editor.get_by_role("button", name="保存"))
    editor.get_by_label("修改说明").fill("补充了未完工点位的临时措施。")
    click_and_wait(editor, editor.get_by_role("button", name="提交审核", exact=True))
    expect(editor.get_by_role("heading", level=1)).to_contain_text("访谈稿第2版")

    # Both centers approve revision 2.
    both_approve(pages, f"{base}/revisions/2/")
    assert ScriptRevision.objects.get(script=script, number=2).status == RevisionStatus.APPROVED

    # The editor compares the two revisions: the revised item is highlighted.
    editor.goto(f"{base}/revisions/")
    assert_accessible(editor, label="revision list")
    click_and_wait(editor, editor.get_by_role("button", name="比较两个版本"))
    expect(editor.locator(".diff-summary")).to_contain_text("修改1项")
    expect(editor.locator("ins").filter(has_text=REVISED[:10])).to_have_count(1)
    assert_accessible(editor, label="compare page")

    # The final: submitted by the editor, approved by both; the script closes.
    editor.goto(f"{base}/")
    click_and_wait(editor, editor.get_by_role("button", name="提交定稿"))
    expect(editor.get_by_role("heading", level=1)).to_contain_text("访谈稿第3版（定稿）")
    both_approve(pages, f"{base}/revisions/3/")
    final = ScriptRevision.objects.get(script=script, number=3)
    assert final.is_final
    assert final.status == RevisionStatus.APPROVED
    assert not final.is_late
    assert {r.decision for r in final.reviews.all()} == {ReviewDecision.APPROVED}

    editor.goto(f"{base}/")
    expect(editor.get_by_text("定稿已通过")).to_be_visible()
    expect(editor.get_by_role("link", name="添加问答")).to_have_count(0)
    assert_accessible(editor, label="script page (final approved)")

    # Exports of the approved final.
    with editor.expect_download() as download:
        editor.locator("#status").get_by_role("link", name="Word 文档（DOCX）").click()
    exported = Document(download.value.path())
    text = "\n".join(p.text for p in exported.paragraphs)
    assert TITLE in text
    assert f"主持人：{NEW_QUESTION}" in text
    assert f"演示嘉宾丁：{NEW_ANSWER}" in text
    assert REVISED in text
    with editor.expect_download() as download:
        editor.locator("#status").get_by_role("link", name="PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
