"""The live console through the test client: access, start and end, post and drafts, correct, withdraw."""

import pytest
from django.urls import reverse

from portal.interviews.enums import InterviewState
from portal.live import services
from portal.live.enums import EntryStatus, Speaker
from portal.live.models import LiveEntry, LiveEvent
from portal.questions.enums import AnswerStatus

pytestmark = pytest.mark.integration


def url(name, interview, *args):
    return reverse(f"backoffice:{name}", args=[interview.pk, *args])


@pytest.mark.parametrize("who", ["operator", "producer"])
def test_both_centers_open_the_console(client, request, live_interview, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url("live-console", live_interview))
    assert response.status_code == 200
    assert "图文直播控制台" in response.content.decode()


def test_an_outsider_gets_404_and_a_unit_member_403(client, live_interview, outsider, editor):
    entry = services.post_entry(live_interview, actor=_operator(live_interview), speaker=Speaker.HOST, text="x")
    client.force_login(outsider)
    for target in (
        url("live-console", live_interview),
        url("live-console-entries", live_interview),
        url("live-entry-edit", live_interview, entry.pk),
    ):
        assert client.get(target).status_code == 404
    assert client.post(url("live-entry-post", live_interview), {"speaker": "host", "text": "闯入"}).status_code == 404
    assert client.post(url("live-end", live_interview)).status_code == 404
    client.force_login(editor)
    assert client.get(url("live-console", live_interview)).status_code == 403
    assert client.post(url("live-entry-withdraw", live_interview, entry.pk)).status_code == 403
    assert LiveEntry.objects.get(pk=entry.pk).status == EntryStatus.PUBLISHED


def _operator(interview):
    from portal.accounts.models import User  # noqa: PLC0415

    return User.objects.get(username="operator")


def test_start_post_draft_publish_correct_withdraw_end(client, operator, today_interview, guest, published_question):
    client.force_login(operator)
    assert client.post(url("live-start", today_interview)).status_code == 302
    today_interview.refresh_from_db()
    assert today_interview.state == InterviewState.LIVE

    response = client.post(
        url("live-entry-post", today_interview),
        {
            "speaker": "guest",
            "guest": guest.pk,
            "text": "今年完成改造。",
            "answers": [published_question.pk],
            "action": "publish",
        },
    )
    assert response.status_code == 302
    entry = LiveEntry.objects.get(text="今年完成改造。")
    assert entry.status == EntryStatus.PUBLISHED
    published_question.refresh_from_db()
    assert published_question.answer_status == AnswerStatus.LIVE

    client.post(url("live-entry-post", today_interview), {"speaker": "host", "text": "预录内容", "action": "draft"})
    draft = LiveEntry.objects.get(text="预录内容")
    assert draft.status == EntryStatus.DRAFT
    page = client.get(url("live-console", today_interview)).content.decode()
    assert "预录内容" in page
    client.post(url("live-entry-publish", today_interview, draft.pk))
    draft.refresh_from_db()
    assert draft.status == EntryStatus.PUBLISHED

    response = client.post(
        url("live-entry-edit", today_interview, entry.pk),
        {"speaker": "guest", "guest": guest.pk, "text": "今年年底前完成改造。", "note": "口误"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.corrected_at is not None

    assert client.get(url("live-entry-withdraw", today_interview, draft.pk)).status_code == 200
    client.post(url("live-entry-withdraw", today_interview, draft.pk), {"reason": "重复"})
    draft.refresh_from_db()
    assert draft.status == EntryStatus.WITHDRAWN

    client.post(url("live-entry-highlight", today_interview, entry.pk), {"on": "1"})
    client.post(url("live-end", today_interview))
    kinds = list(LiveEvent.objects.filter(interview=today_interview).values_list("kind", flat=True))
    assert kinds == ["started", "published", "published", "corrected", "withdrawn", "highlighted", "ended"]

    client.post(url("live-entry-post", today_interview), {"speaker": "host", "text": "补录内容", "action": "publish"})
    assert LiveEntry.objects.get(text="补录内容").is_backfill
    partial = client.get(url("live-console-entries", today_interview)).content.decode()
    assert "补录" in partial
    assert 'id="console-entries"' in partial


def test_a_refused_post_keeps_what_was_typed(client, operator, live_interview):
    client.force_login(operator)
    response = client.post(
        url("live-entry-post", live_interview), {"speaker": "guest", "text": "没有选嘉宾的回答", "action": "publish"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "请选择本期访谈的嘉宾。" in html
    assert "没有选嘉宾的回答" in html
    assert not LiveEntry.objects.exists()


def test_a_bad_photo_is_an_error_on_the_photo_field(client, operator, live_interview):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    client.force_login(operator)
    bad = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    response = client.post(
        url("live-entry-post", live_interview),
        {"speaker": "host", "text": "配图", "photos": [bad], "action": "publish"},
    )
    assert response.status_code == 400
    assert "无法识别该图片文件" in response.content.decode()
    assert "配图" in response.content.decode()


def test_starting_on_the_wrong_day_is_refused_on_the_page(client, operator, units):
    from tests.factories import InterviewFactory  # noqa: PLC0415

    interview = InterviewFactory(lead_unit=units["lead"])
    client.force_login(operator)
    page = client.get(url("live-console", interview)).content.decode()
    assert "暂不能开始直播" in page
    response = client.post(url("live-start", interview))
    assert response.status_code == 400
    assert "录制日期尚未确认" in response.content.decode()


def test_the_interview_page_links_the_console_for_operators_only(client, operator, editor, live_interview):
    client.force_login(operator)
    assert "图文直播控制台" in client.get(live_interview.get_backoffice_url()).content.decode()
    client.force_login(editor)
    assert "图文直播控制台" not in client.get(live_interview.get_backoffice_url()).content.decode()
