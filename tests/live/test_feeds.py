"""RSS and Atom feeds of the live record: published, corrected and withdrawn entries, stable GUIDs, no drafts."""

import xml.etree.ElementTree as ET  # our own feed, not untrusted input

import pytest

from portal.live import services
from portal.live.enums import Speaker
from tests.factories import InterviewFactory
from tests.live.webhook_support import publish

pytestmark = pytest.mark.unit
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def record(live_interview, operator, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    first = publish(live_interview, operator, capture, text="第一条：欢迎各位网友。")
    second = publish(live_interview, operator, capture, text="第二条：管道今年改造。")
    third = publish(live_interview, operator, capture, text="第三条：会被撤回的内容。")
    with capture(execute=True):
        services.correct_entry(second, actor=operator, speaker=Speaker.HOST, text="第二条：管道明年改造完毕。")
        services.withdraw_entry(third, actor=operator)
        services.save_entry(live_interview, actor=operator, speaker=Speaker.HOST, text="草稿不公开")
    return first, second, third


def rss_items(client, interview):
    response = client.get(f"/interviews/{interview.pk}/live.rss")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).find("channel").findall("item")  # noqa: S314


def test_rss_lists_public_entries_newest_first_with_their_marks(client, live_interview, record):
    items = rss_items(client, live_interview)
    titles = [item.findtext("title") for item in items]
    assert len(items) == 3
    assert titles[0].startswith("[已撤回]")
    assert "会被撤回" not in items[0].findtext("title") + items[0].findtext("description")
    assert "已撤回" in items[0].findtext("description")
    assert titles[1].startswith("[已更正]")
    assert "管道明年改造完毕" in items[1].findtext("description")
    assert "已更正" in items[1].findtext("description")
    assert "第一条" in titles[2]
    body = client.get(f"/interviews/{live_interview.pk}/live.rss").content.decode()
    assert "草稿不公开" not in body


def test_guids_are_stable_tag_uris(client, live_interview, record, operator, django_capture_on_commit_callbacks):
    first, _second, _third = record
    before = {item.findtext("guid") for item in rss_items(client, live_interview)}
    guid = next(g for g in before if g.endswith(f"live-entry-{first.pk}"))
    assert guid.startswith("tag:")
    with django_capture_on_commit_callbacks(execute=True):
        services.correct_entry(first, actor=operator, speaker=Speaker.HOST, text="第一条：改过了。")
    items = rss_items(client, live_interview)
    after = {item.findtext("guid") for item in items}
    assert before == after
    assert all(item.find("guid").get("isPermaLink") == "false" for item in items)
    link = next(item.findtext("link") for item in items if item.findtext("guid") == guid)
    assert link.endswith(f"/interviews/{live_interview.pk}/#live-entry-{first.pk}")


def test_atom_has_the_same_entries(client, live_interview, record):
    response = client.get(f"/interviews/{live_interview.pk}/live.atom")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    assert entries[0].findtext(f"{ATOM}title").startswith("[已撤回]")
    assert entries[1].findtext(f"{ATOM}title").startswith("[已更正]")
    assert all(entry.findtext(f"{ATOM}id").startswith("tag:") for entry in entries)


def test_feeds_of_an_unpublished_interview_are_404(client, units):
    hidden = InterviewFactory(title="未公开", lead_unit=units["lead"])
    assert client.get(f"/interviews/{hidden.pk}/live.rss").status_code == 404
    assert client.get(f"/interviews/{hidden.pk}/live.atom").status_code == 404


def test_the_interview_page_links_the_feeds(client, live_interview):
    page = client.get(f"/interviews/{live_interview.pk}/").content.decode()
    assert f'href="/interviews/{live_interview.pk}/live.rss"' in page
    assert f'href="/interviews/{live_interview.pk}/live.atom"' in page
    assert 'rel="alternate" type="application/rss+xml"' in page
