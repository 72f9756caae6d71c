"""The demo interview that has ended gets a published summary with opinion points and three rectification
items (done, in progress, not started) with dated progress notes. Idempotent.

Staff actions go through the follow-up services as the demo accounts; what is history rather than lived
through (when the items were set, the dates of their notes) is written directly, relative to R, so a
second run the same day finds nothing to change and a later day keeps what is there.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from portal.accounts.models import User
from portal.demo.data import DEMO_INTERVIEWS
from portal.followups.enums import RectificationStatus, SummaryState
from portal.followups.models import ProgressNote, RectificationItem, Summary
from portal.followups.services import rectification, summary
from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview
from portal.questions.enums import QuestionState

if TYPE_CHECKING:
    from portal.demo.seeding import SeedReport

SUMMARY_BODY = (
    "<p>（演示数据）本期访谈围绕老旧小区改造与加装电梯，嘉宾介绍了今年的改造计划和加装电梯补贴政策，"
    "现场回应了网友关心的问题，其余问题已在规定时间内书面答复。</p>"
    "<p>网友意见主要集中在改造进度、加装电梯的邻里协调和施工期间的出行安全。我局将逐条梳理，"
    "纳入整改事项并定期公开进展。</p>"
)
POINTS = (
    "（演示）加快老旧小区改造进度，提前公布各小区的施工时间表。",
    "（演示）加装电梯涉及低层住户利益，希望街道、社区加强协调，提供统一的补偿参考。",
)
# (what, status, due in days from today, notes as (days after R, text))
ITEMS = (
    ("（演示）在区政府网站公布2025年老旧小区改造项目清单和施工时间表", RectificationStatus.DONE, 10,
     ((2, "已完成项目清单汇总。"), (5, "清单和时间表已在区政府网站公布。"))),
    ("（演示）制定加装电梯邻里协调工作指引，明确社区协调流程", RectificationStatus.IN_PROGRESS, 45,
     ((4, "已起草工作指引初稿，正在征求街道意见。"),)),
    ("（演示）施工期间在小区出入口设置安全提示和临时通道", RectificationStatus.PLANNED, 60, ()),
)  # fmt: skip


def seed_demo_followups(accounts: dict[str, User], report: "SeedReport") -> None:
    topic = next(spec.topic for spec in DEMO_INTERVIEWS if spec.slot == "finished")
    interview = Interview.objects.filter(is_demo=True, plan_row__topic=topic, state=InterviewState.ENDED).first()
    if interview is None:
        return
    published = list(
        interview.questions.filter(state=QuestionState.PUBLISHED).order_by("-support_count", "created_at", "pk")
    )
    if not published:
        return
    _summary(interview, published, accounts, report)
    _items(interview, published, accounts, report)


def _summary(interview: Interview, published, accounts, report: "SeedReport") -> None:
    existing = Summary.objects.filter(interview=interview).first()
    if existing is not None and existing.state != SummaryState.DRAFT:
        return
    editor = accounts["demo-editor"]
    if existing is None or not existing.points.exists():
        for index, text in enumerate(POINTS):
            cited = [q.pk for q in published[index::2][:2]]
            summary.save_point(interview, actor=editor, text=text, question_ids=cited)
    summary.save_summary(interview, actor=editor, body=SUMMARY_BODY, submit=True)
    summary.publish_summary(interview, actor=accounts["demo-operator"])
    report.created.append(f"访谈总结 {interview}")


def _items(interview: Interview, published, accounts, report: "SeedReport") -> None:
    editor = accounts["demo-editor"]
    today = timezone.localdate()
    r_day = timezone.localdate(interview.recording_at)
    for index, (what, status, due_in, notes) in enumerate(ITEMS):
        if RectificationItem.objects.filter(interview=interview, what=what).exists():
            continue
        item = rectification.create_item(
            interview,
            actor=editor,
            what=what,
            owner_unit=interview.lead_unit,
            due_date=today + dt.timedelta(days=due_in),
            question_ids=[published[index % len(published)].pk],
        )
        set_at = timezone.make_aware(dt.datetime.combine(r_day + dt.timedelta(days=1), dt.time(10)))
        RectificationItem.objects.filter(pk=item.pk).update(created_at=set_at)
        for days_after, text in notes:
            ProgressNote.objects.create(item=item, date=min(r_day + dt.timedelta(days=days_after), today), text=text,
                                        author=editor)  # fmt: skip
        if status == RectificationStatus.DONE:
            rectification.change_status(item, actor=editor, status=RectificationStatus.IN_PROGRESS)
        if status != RectificationStatus.PLANNED:
            rectification.change_status(item, actor=editor, status=status)
        report.created.append(f"整改事项 {what[:20]}")
