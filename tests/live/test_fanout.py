"""The SSE path driven in-process: live delivery, resume with Last-Event-ID, restarts, slow readers, the cap."""

import json

import pytest
from asgiref.sync import async_to_sync

from portal.live import services
from portal.live.enums import Speaker
from portal.live.fanout import app as app_module
from portal.live.fanout import set_broker
from portal.live.fanout.app import LiveStreamApp
from portal.live.fanout.brokers import MemoryBroker
from portal.live.models import LiveEvent
from portal.live.rendering import encode
from tests.live.streams import act, connect, connected

pytestmark = pytest.mark.unit


def post(interview, actor, text):
    return services.post_entry(interview, actor=actor, speaker=Speaker.HOST, text=text)


def payloads(client):
    return [json.loads(event.data) for event in client.events]


def test_a_viewer_gets_new_corrected_and_withdrawn_entries_in_order(live_interview, operator):
    @async_to_sync
    async def scenario():
        app = LiveStreamApp()
        viewer = await connected(app, live_interview.pk, since=1)
        assert viewer.status == 200
        assert viewer.headers["content-type"].startswith("text/event-stream")
        assert viewer.headers["x-accel-buffering"] == "no"
        entry = await act(post, live_interview, operator, "第一条")
        await act(services.correct_entry, entry, actor=operator, speaker=Speaker.HOST, text="第一条（更正）")
        await act(services.withdraw_entry, entry, actor=operator)
        await viewer.until(lambda c: len(c.ids) == 3, "three events")
        await viewer.close()
        return viewer

    viewer = scenario()
    assert viewer.ids == [2, 3, 4]
    ops = [(p["op"], p["entry"]) for p in payloads(viewer)]
    assert [op for op, _entry in ops] == ["add", "edit", "delete"]
    assert len({entry for _op, entry in ops}) == 1
    assert "已更正" in payloads(viewer)[1]["html"]
    assert "已撤回" in payloads(viewer)[2]["html"]
    assert all(event.event == "live" for event in viewer.events)


def test_resume_in_the_middle_at_the_end_and_from_too_old_an_id(live_interview, operator):
    @async_to_sync
    async def scenario():
        app = LiveStreamApp()
        first = await connected(app, live_interview.pk, since=1)  # the hub starts at seq 1: its ring is empty
        for n in range(4):
            await act(post, live_interview, operator, f"第{n + 1}条")  # seq 2..5, in the ring
        await first.until(lambda c: c.ids[-1:] == [5], "seq 5")
        middle = await connected(app, live_interview.pk, last_event_id=3)  # from the ring
        end = await connected(app, live_interview.pk, last_event_id=5)
        old = await connected(app, live_interview.pk, last_event_id=1)  # the ring starts at 2: exact from ring
        zero = await connected(app, live_interview.pk, last_event_id=0)  # older than the ring: the database
        since_wins = await connected(app, live_interview.pk, last_event_id=4, since=1)
        await act(post, live_interview, operator, "第五条")  # seq 6, live to all
        clients = [first, middle, end, old, zero, since_wins]
        for client in clients:
            await client.until(lambda c: c.ids[-1:] == [6], "seq 6")
        for client in clients:
            await client.close()
        return clients

    first, middle, end, old, zero, since_wins = scenario()
    assert first.ids == [2, 3, 4, 5, 6]
    assert middle.ids == [4, 5, 6]
    assert end.ids == [6]
    assert old.ids == [2, 3, 4, 5, 6]
    assert zero.ids == [1, 2, 3, 4, 5, 6]
    assert since_wins.ids == [5, 6]  # Last-Event-ID (the browser's) wins over the page's ?since=


def test_an_unknown_id_from_the_database_when_the_ring_cannot_cover_it(live_interview, operator, monkeypatch):
    @async_to_sync
    async def scenario():
        for n in range(3):
            await act(post, live_interview, operator, f"第{n + 1}条")  # seq 2..4 before any viewer
        app = LiveStreamApp()
        reads = []
        original = app_module.db.events_after

        async def counting(interview_id, seq):
            reads.append(seq)
            return await original(interview_id, seq)

        monkeypatch.setattr(app_module.db, "events_after", counting)
        viewer = await connected(app, live_interview.pk, last_event_id=2)
        await viewer.until(lambda c: c.ids[-1:] == [4], "seq 4")
        future = await connected(app, live_interview.pk, last_event_id=99)  # unknown: nothing to replay
        await act(post, live_interview, operator, "第四条")
        await future.until(lambda c: c.ids == [5], "seq 5")
        await viewer.until(lambda c: c.ids[-1:] == [5], "seq 5")
        await viewer.close()
        await future.close()
        return viewer, reads

    viewer, reads = scenario()
    assert viewer.ids == [3, 4, 5]
    assert reads == [2]


def test_events_arriving_during_a_database_replay_come_once(live_interview, operator, monkeypatch):
    @async_to_sync
    async def scenario():
        await act(post, live_interview, operator, "第一条")  # seq 2
        app = LiveStreamApp()
        original = app_module.db.events_after

        async def slow_read(interview_id, seq):
            await act(post, live_interview, operator, "重放时发布")  # seq 3: both in the database and live
            return await original(interview_id, seq)

        monkeypatch.setattr(app_module.db, "events_after", slow_read)
        viewer = await connected(app, live_interview.pk, last_event_id=0)
        await viewer.until(lambda c: c.ids[-1:] == [3], "seq 3")
        monkeypatch.setattr(app_module.db, "events_after", original)
        await act(post, live_interview, operator, "之后")
        await viewer.until(lambda c: c.ids[-1:] == [4], "seq 4")
        await viewer.close()
        return viewer

    assert scenario().ids == [1, 2, 3, 4]


def test_a_gap_from_the_broker_is_filled_from_the_database_and_duplicates_dropped(
    live_interview, operator, memory_broker, monkeypatch
):
    @async_to_sync
    async def scenario():
        app = LiveStreamApp()
        viewer = await connected(app, live_interview.pk, since=1)
        held = []
        monkeypatch.setattr(memory_broker, "publish", lambda *args: held.append(args))
        await act(post, live_interview, operator, "第一条")  # seq 2, its publish held back
        await act(post, live_interview, operator, "第二条")  # seq 3
        monkeypatch.undo()
        for interview_id, seq, data in reversed(held):  # 3 arrives before 2, then 2 again
            memory_broker.publish(interview_id, seq, data)
        memory_broker.publish(*held[0])
        await viewer.until(lambda c: c.ids[-1:] == [3], "seq 3")
        await act(post, live_interview, operator, "第三条")
        await viewer.until(lambda c: c.ids[-1:] == [4], "seq 4")
        await viewer.close()
        return viewer

    assert scenario().ids == [2, 3, 4]


def test_a_restarted_server_resumes_the_viewer_without_gaps(live_interview, operator):
    @async_to_sync
    async def scenario():
        app = LiveStreamApp()
        viewer = await connected(app, live_interview.pk, since=1)
        await act(post, live_interview, operator, "重启前")  # seq 2
        await viewer.until(lambda c: c.ids == [2], "seq 2")
        await viewer.close()  # the server goes away
        set_broker(MemoryBroker())  # a new process: new broker, new app, empty memory
        await act(post, live_interview, operator, "重启期间 1")  # seq 3: nobody listens
        await act(post, live_interview, operator, "重启期间 2")  # seq 4
        restarted = LiveStreamApp()
        back = await connected(restarted, live_interview.pk, last_event_id=viewer.ids[-1], since=1)
        await act(post, live_interview, operator, "重启后")  # seq 5
        await back.until(lambda c: c.ids[-1:] == [5], "seq 5")
        await back.close()
        return viewer, back

    before, after = scenario()
    assert before.ids + after.ids == [2, 3, 4, 5]


def test_a_slow_reader_is_dropped_and_the_others_keep_up(live_interview, operator):
    @async_to_sync
    async def scenario():
        app = LiveStreamApp()
        app.slow_reader_bytes = 100  # a frame or two
        slow = await connected(app, live_interview.pk, since=1, blocked=True)
        fast = await connected(app, live_interview.pk, since=1)
        for n in range(4):
            await act(post, live_interview, operator, f"第{n + 1}条")
        await fast.until(lambda c: c.ids[-1:] == [5], "seq 5")
        await slow.until(lambda c: c.task.done(), "dropped")
        hub = app.hubs[live_interview.pk]
        connections = len(hub.connections)
        await fast.close()
        return slow, fast, connections

    slow, fast, connections = scenario()
    assert fast.ids == [2, 3, 4, 5]
    assert slow.ids == []  # it resumes with Last-Event-ID when it reconnects
    assert connections == 1


def test_over_the_cap_the_answer_is_503_with_retry_after(live_interview):
    @async_to_sync
    async def scenario():
        app = LiveStreamApp(max_connections=1)
        first = await connected(app, live_interview.pk)
        refused = await connected(app, live_interview.pk)
        await refused.task
        await first.close()
        return first, refused

    first, refused = scenario()
    assert first.status == 200
    assert refused.status == 503
    assert refused.headers["retry-after"] == "10"
    assert "实时推送已满" in refused.body.decode()


def test_the_heartbeat_is_one_comment_to_every_stream(live_interview):
    @async_to_sync
    async def scenario():
        app = LiveStreamApp()
        viewers = [await connected(app, live_interview.pk) for _ in range(3)]
        app._heartbeat()
        for viewer in viewers:
            await viewer.until(lambda c: "hb" in c.comments, "a heartbeat")
            await viewer.close()
        return viewers

    for viewer in scenario():
        assert viewer.comments.count("hb") == 1
        assert b"retry: " in viewer.body


def test_no_stream_for_an_interview_the_public_cannot_see_or_that_is_not_live(today_interview, units):
    @async_to_sync
    async def scenario():
        app = LiveStreamApp()
        planned = connect(app, today_interview.pk)
        missing = connect(app, 999999)
        await planned.task
        await missing.task
        return planned, missing

    planned, missing = scenario()
    assert planned.status == 404
    assert missing.status == 404


def test_after_the_end_a_resuming_viewer_gets_the_rest_and_the_stream_closes(live_interview, operator):
    @async_to_sync
    async def scenario():
        await act(post, live_interview, operator, "最后一条")
        await act(services.end_live, live_interview, actor=operator)
        app = LiveStreamApp()
        viewer = connect(app, live_interview.pk, last_event_id=1)
        await viewer.task
        return viewer

    viewer = scenario()
    assert viewer.ids == [2, 3]
    assert json.loads(viewer.events[-1].data)["kind"] == "ended"
    assert viewer.finished


def test_the_stored_payload_is_exactly_what_is_sent(live_interview, operator):
    @async_to_sync
    async def scenario():
        app = LiveStreamApp()
        viewer = await connected(app, live_interview.pk, last_event_id=0)
        await viewer.until(lambda c: c.ids == [1], "seq 1")
        await viewer.close()
        return viewer

    viewer = scenario()
    assert viewer.events[0].data == encode(LiveEvent.objects.get(interview=live_interview, seq=1).payload)
