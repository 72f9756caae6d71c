"""The demo's live record: the interview that is live today gets published entries, a correction and a
withdrawal; the one that has ended gets its whole record (图文实录). Idempotent.

Written through the live record's own numbering (publishing.record_event), with the times a broadcast at R
would have had, because this is history loaded rather than lived through: the services stamp "now", and
refuse to publish into an interview that has ended (that would be 补录). A run on the day the record was
made changes nothing; on a later day (R moved with the calendar) the record is made again at the new R.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction

from portal.accounts.models import User
from portal.demo.data import DEMO_HOST, DEMO_INTERVIEWS
from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview
from portal.live.enums import EntryStatus, EventKind, Speaker
from portal.live.models import LiveEntry, LiveEvent, LiveSession
from portal.live.publishing import locked_session, record_event
from portal.questions.enums import QuestionState

if TYPE_CHECKING:
    from portal.demo.seeding import SeedReport

GAP = dt.timedelta(minutes=3)

# (speaker, guest index or None, text, highlight); "netizen" quotes the interview's first published question.
LIVE_SCRIPT = (
    (
        Speaker.HOST,
        None,
        "各位网友，大家好！欢迎收看本期在线访谈（演示）。今天我们聊一聊城市道路与桥梁的日常养护。",
        False,
    ),
    (
        Speaker.GUEST,
        0,
        "主持人好，各位网友好。今年我们把主干道巡查频次提高到每天一次，坑槽发现后24小时内修复。（演示）",
        True,
    ),
    (Speaker.NETIZEN, None, "", False),
    (Speaker.GUEST, 1, "桥梁方面，我们对全区桥梁建立了健康档案，每季度开展一次定期检测。（演示）", False),
)
LIVE_CORRECTED = "桥梁方面，我们对全区桥梁建立了健康档案，每月开展一次定期检测，汛期加密到每周一次。（演示）"
LIVE_WITHDRAWN = (Speaker.HOST, None, "（误发的测试内容，演示撤回）", False)

RECORD_SCRIPT = (
    (Speaker.HOST, None, "各位网友，大家好！本期访谈（演示）的主题是老旧小区改造与加装电梯。", False),
    (Speaker.GUEST, 0, "今年全区计划改造老旧小区12个，惠及居民约5000户。（演示）", True),
    (Speaker.NETIZEN, None, "", False),
    (Speaker.GUEST, 1, "加装电梯需要本单元业主协商一致，街道会全程协助办理。（演示）", False),
    (Speaker.HOST, None, "感谢两位嘉宾，感谢各位网友的关注，本期访谈到此结束。", False),
)
RECORD_BACKFILL = (Speaker.HOST, None, "补充：加装电梯政策咨询电话已在区政府网站公布。（演示）", False)


def seed_demo_live(accounts: dict[str, User], report: "SeedReport") -> None:
    slots = {spec.slot: spec.topic for spec in DEMO_INTERVIEWS}
    operator = accounts["demo-operator"]
    for slot, state in (("live", InterviewState.LIVE), ("finished", InterviewState.ENDED)):
        interview = Interview.objects.filter(is_demo=True, plan_row__topic=slots[slot], state=state).first()
        if interview is None or interview.recording_at is None:
            continue
        session = LiveSession.objects.filter(interview=interview).first()
        if session is not None and session.started_at == interview.recording_at:
            continue  # made for this R already
        _record(interview, operator, ended=state == InterviewState.ENDED)
        report.updated.append(f"演示图文直播 {interview}")


@transaction.atomic
def _record(interview: Interview, operator: User, *, ended: bool) -> None:
    LiveEvent.objects.filter(interview=interview).delete()
    LiveEntry.objects.filter(interview=interview).delete()
    session = locked_session(interview)
    session.last_seq = 0
    session.started_at = interview.recording_at
    session.ended_at = None
    session.save()
    clock = [interview.recording_at]

    def tick() -> dt.datetime:
        clock[0] += GAP
        return clock[0]

    record_event(session, EventKind.STARTED, actor=operator, at=interview.recording_at)
    guests = list(interview.guests.all())
    question = interview.questions.filter(state=QuestionState.PUBLISHED).order_by("created_at").first()
    script = RECORD_SCRIPT if ended else (*LIVE_SCRIPT, LIVE_WITHDRAWN)
    entries = [_publish(session, interview, operator, line, guests, question, tick()) for line in script]
    entries = [entry for entry in entries if entry is not None]
    if ended:
        session.ended_at = tick()
        session.save(update_fields=["ended_at"])
        record_event(session, EventKind.ENDED, actor=operator, at=session.ended_at)
        _publish(session, interview, operator, RECORD_BACKFILL, guests, question, tick(), backfill=True)
        return
    corrected, withdrawn = entries[-2], entries[-1]
    corrected.text, corrected.corrected_at = LIVE_CORRECTED, tick()
    corrected.save(update_fields=["text", "corrected_at"])
    record_event(session, EventKind.CORRECTED, actor=operator, entry=corrected, at=corrected.corrected_at)
    withdrawn.status, withdrawn.withdrawn_at = EntryStatus.WITHDRAWN, tick()
    withdrawn.save(update_fields=["status", "withdrawn_at"])
    record_event(session, EventKind.WITHDRAWN, actor=operator, entry=withdrawn, at=withdrawn.withdrawn_at)
    LiveEntry.objects.create(
        interview=interview,
        speaker=Speaker.HOST,
        speaker_name=interview.host_name or DEMO_HOST,
        text="（预录草稿，演示）下面请嘉宾介绍一下道路养护的投诉渠道。",
        created_by=operator,
        updated_by=operator,
    )


def _publish(session, interview, operator, line, guests, question, at, *, backfill=False) -> LiveEntry | None:
    speaker, guest_index, text, highlight = line
    guest = guests[guest_index] if guest_index is not None and guest_index < len(guests) else None
    if (speaker == Speaker.GUEST and guest is None) or (speaker == Speaker.NETIZEN and question is None):
        return None
    names = {Speaker.HOST: interview.host_name or DEMO_HOST, Speaker.GUEST: guest.name if guest else ""}
    entry = LiveEntry.objects.create(
        interview=interview,
        speaker=speaker,
        guest=guest if speaker == Speaker.GUEST else None,
        question=question if speaker == Speaker.NETIZEN else None,
        speaker_name=question.nickname if speaker == Speaker.NETIZEN else names[speaker],
        text=text,
        status=EntryStatus.PUBLISHED,
        is_highlight=highlight,
        is_backfill=backfill,
        published_at=at,
        published_seq=session.last_seq + 1,
        created_by=operator,
        updated_by=operator,
    )
    record_event(session, EventKind.PUBLISHED, actor=operator, entry=entry, at=at)
    return entry
