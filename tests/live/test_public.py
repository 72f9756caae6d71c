"""The public side without JavaScript and the poll endpoint: ETag/304, caching, drafts never shown."""

import pytest

from portal.live import services
from portal.live.enums import Speaker

pytestmark = pytest.mark.integration


def post(interview, actor, text, **fields):
    return services.post_entry(interview, actor=actor, speaker=Speaker.HOST, text=text, **fields)


@pytest.fixture
def record(live_interview, operator, guest, django_capture_on_commit_callbacks):
    """Seq 1 started, 2 first (later corrected, 4), 3 second (withdrawn, 5); a draft that is never public."""
    with django_capture_on_commit_callbacks(execute=True):
        first = post(live_interview, operator, "各位网友大家好。")
        second = services.post_entry(
            live_interview, actor=operator, speaker=Speaker.GUEST, guest=guest, text="说错的话"
        )
        services.correct_entry(first, actor=operator, speaker=Speaker.HOST, text="各位网友，大家好！")
        services.withdraw_entry(second, actor=operator)
        services.save_entry(live_interview, actor=operator, speaker=Speaker.HOST, text="尚未发布的草稿")
    return first, second


def test_the_page_shows_entries_newest_first_with_marks_and_no_draft(client, live_interview, record):
    first, second = record
    html = client.get(live_interview.get_absolute_url()).content.decode()
    assert "图文直播" in html
    assert html.index(f'id="live-entry-{second.pk}"') < html.index(f'id="live-entry-{first.pk}"')
    assert "已更正" in html
    assert "已撤回" in html
    assert "说错的话" not in html
    assert "尚未发布的草稿" not in html
    assert 'aria-live="polite"' in html
    assert 'data-last-seq="5"' in html
    assert "js/live.js" in html
    oldest = client.get(live_interview.get_absolute_url(), {"live_order": "oldest"}).content.decode()
    assert oldest.index(f'id="live-entry-{first.pk}"') < oldest.index(f'id="live-entry-{second.pk}"')


def test_after_the_end_the_page_is_the_record_without_the_script(client, live_interview, operator, record):
    services.end_live(live_interview, actor=operator)
    html = client.get(live_interview.get_absolute_url()).content.decode()
    assert "图文实录" in html
    assert "js/live.js" not in html


def test_before_the_live_there_is_no_section(client, today_interview, operator):
    services.save_entry(today_interview, actor=operator, speaker=Speaker.HOST, text="预录草稿")
    from portal.interviews.models import Interview  # noqa: PLC0415

    Interview.objects.filter(pk=today_interview.pk).update(state="ended")  # public, held, but nothing published
    html = client.get(today_interview.get_absolute_url()).content.decode()
    assert "预录草稿" not in html
    assert 'id="live"' not in html


def test_the_poll_endpoint_since_and_latest(client, live_interview, record):
    first, second = record
    since = client.get(f"/live/{live_interview.pk}/entries.json", {"since": 3})
    assert since.status_code == 200
    data = since.json()
    assert data["last_seq"] == 5
    assert data["live"] is True
    assert [(e["seq"], e["op"]) for e in data["events"]] == [(4, "edit"), (5, "delete")]
    latest = client.get(f"/live/{live_interview.pk}/entries.json").json()
    assert [e["entry"] for e in latest["entries"]] == [first.pk, second.pk]
    assert "尚未发布的草稿" not in since.content.decode() + str(latest)
    assert "说错的话" not in str(latest)


def test_the_poll_endpoint_is_cacheable_with_a_strong_etag_and_304(client, live_interview, operator, record):
    url = f"/live/{live_interview.pk}/entries.json"
    response = client.get(url, {"since": 5})
    etag = response["ETag"]
    assert etag.startswith('"')
    assert not etag.startswith("W/")
    assert "public" in response["Cache-Control"]
    assert "max-age=2" in response["Cache-Control"]
    assert "stale-while-revalidate=10" in response["Cache-Control"]
    assert response.json()["events"] == []
    again = client.get(url, {"since": 5}, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert not again.content
    post(live_interview, operator, "新的一条")
    changed = client.get(url, {"since": 5}, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert [e["seq"] for e in changed.json()["events"]] == [6]


def test_no_poll_endpoint_for_an_interview_the_public_cannot_see(client, today_interview):
    assert client.get(f"/live/{today_interview.pk}/entries.json").status_code == 404
    assert client.get("/live/999999/entries.json").status_code == 404


def test_the_sse_path_reached_through_django_tells_the_page_to_poll(client, live_interview):
    response = client.get(f"/live/{live_interview.pk}/events")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "实时推送暂时不可用" in response.content.decode()


def test_the_asgi_application_routes_the_sse_path_to_the_stream_app():
    from portal.asgi import application  # noqa: PLC0415
    from portal.live.fanout.app import matches  # noqa: PLC0415

    assert callable(application)
    assert matches({"type": "http", "path": "/live/12/events"})
    assert not matches({"type": "http", "path": "/live/12/entries.json"})
    assert not matches({"type": "http", "path": "/interviews/12/"})
    assert not matches({"type": "websocket", "path": "/live/12/events"})
