"""Netizen questions for the demo interviews: introductions, questions in every state, groups, categories,
support, representative questions, written answers and one 督办 notice. Idempotent.

Staff actions go through the questions services, acting as the demo account of the role. Two things are
written directly, because they are history loaded rather than lived through: the questions themselves
are stored with intake's own ``store_question`` (screening, masking, grouping, encryption as in intake) but
without the netizen-facing checks of ``submit_question`` — the window of most demo interviews closed
long ago, and a seeder cannot answer the anti-abuse question like a person —, and their submission
times are set inside each interview's question window (or its broadcast), recomputed from R on every
run like the rest of the demo, so a second run on the same day finds nothing to change.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from portal.accounts.models import User
from portal.demo.data import DEMO_INTERVIEWS
from portal.demo.questions_data import DEMO_QUESTIONS, SUPERVISION_MESSAGE, DemoQuestion, DemoQuestions
from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview
from portal.questions.antiabuse import client_key
from portal.questions.enums import AnswerStatus, EventKind, QuestionState, Via
from portal.questions.models import (
    Answer,
    Category,
    CategoryModel,
    ForwardChannel,
    Introduction,
    Question,
    QuestionEvent,
    RejectionReason,
    SupervisionNotice,
    TopicTag,
)
from portal.questions.services import answers, categories, grouping, introduction, moderation, supervision
from portal.questions.services.intake import store_question
from portal.questions.services.representatives import create_representative_question
from portal.questions.services.support import support_question

if TYPE_CHECKING:
    from portal.demo.seeding import SeedReport

S = QuestionState
LIVE_SPACING = dt.timedelta(minutes=4)


def seed_demo_questions(accounts: dict[str, User], report: "SeedReport") -> None:
    """Give each demo interview that has its preview out an introduction and its invented questions."""
    by_topic = {spec.topic: spec.slot for spec in DEMO_INTERVIEWS}
    interviews = Interview.objects.filter(is_demo=True, plan_row__isnull=False).select_related("plan_row")
    for interview in interviews.prefetch_related("steps"):
        slot = by_topic.get(interview.plan_row.topic)
        demo = DEMO_QUESTIONS.get(slot or "")
        if demo is None or interview.question_window() is None:
            continue
        _introduction(interview, demo, accounts["demo-editor"], report)
        _questions(interview, demo, accounts, report)
    _train_once(accounts["demo-operator"], report)


def _introduction(interview: Interview, demo: DemoQuestions, editor: User, report: "SeedReport") -> None:
    existing = Introduction.objects.filter(interview=interview).first()
    if existing is not None and existing.is_submitted:
        return
    introduction.save_introduction(interview, actor=editor, body=demo.introduction, submit=True)
    title, url = demo.material
    introduction.add_related_material(interview, actor=editor, title=title, url=url)
    report.created.append(f"文字简介 {interview}")


def _submitted_at(interview: Interview, spec: DemoQuestion, index: int, count: int) -> dt.datetime:
    """When the question came in: spread over the question window up to today, or during the broadcast.

    Computed from R and the day only (not the hour), so seeding again the same day changes nothing.
    """
    if spec.via == Via.LIVE:
        return interview.recording_at + LIVE_SPACING * (index + 1)
    opens, closes = interview.question_window()
    today = dt.datetime.combine(timezone.localdate(), dt.time.min, tzinfo=timezone.get_current_timezone())
    span = max(min(closes, today) - opens, dt.timedelta(hours=1))
    return (opens + span * (index + 1) / (count + 1)).replace(microsecond=0)


def _questions(interview: Interview, demo: DemoQuestions, accounts, report: "SeedReport") -> None:
    questions: dict[str, Question] = {}
    for index, spec in enumerate(demo.questions):
        question = Question.objects.filter(interview=interview, text=spec.text).first()
        if question is None:
            question = store_question(
                interview, via=spec.via, nickname=spec.nickname, text=spec.text, contact=spec.contact,
                real_name="", show_real_name=False, identity=None,
            )  # fmt: skip
            report.created.append(f"演示提问 {question.formatted_receipt_code}")
        when = _submitted_at(interview, spec, index, len(demo.questions))
        if question.created_at != when:
            Question.objects.filter(pk=question.pk).update(created_at=when)
            QuestionEvent.objects.filter(question=question, kind=EventKind.SUBMITTED).update(created_at=when)
        questions[spec.key] = question

    operator, editor = accounts["demo-operator"], accounts["demo-editor"]
    tags = _topic_tags(interview, demo, editor, report)
    for spec in demo.questions:
        _moderate(questions, spec, operator, report)
    for spec in demo.questions:
        question = Question.objects.get(pk=questions[spec.key].pk)
        _group(question, questions.get(spec.group_with), operator, report)
        _categorise(question, spec, operator, report)
        _support(question, spec, report)
        if spec.tags and not question.tags.exists():
            categories.set_question_tags(question, actor=editor, tags=[tags[name] for name in spec.tags])
        _answer(question, spec, accounts, report)
    _representatives(interview, demo, questions, editor, report)
    _supervise(interview, demo, questions, accounts["demo-coordinator"], report)


def _topic_tags(interview: Interview, demo: DemoQuestions, editor: User, report) -> dict[str, TopicTag]:
    tags = {tag.name: tag for tag in interview.topic_tags.all()}
    for name in demo.tags:
        if name not in tags:
            tags[name] = categories.add_topic_tag(interview, actor=editor, name=name)
            report.created.append(f"话题标签 {name}")
    return tags


def _moderate(questions: dict[str, Question], spec: DemoQuestion, operator: User, report) -> None:
    """Take a question from 待审核 to where the demo wants it, once (later changes by people are kept)."""
    question = Question.objects.get(pk=questions[spec.key].pk)
    if spec.state == S.PENDING or question.state != S.PENDING:
        return
    if spec.state == S.PUBLISHED:
        moderation.approve_question(question, actor=operator)
    elif spec.state == S.REJECTED:
        reason = RejectionReason.objects.get(label=spec.reason)
        moderation.reject_question(question, actor=operator, reason=reason, note=spec.note)
    elif spec.state == S.MERGED:
        moderation.merge_question(question, into=questions[spec.merge_into], actor=operator, note=spec.note)
    elif spec.state == S.FORWARDED:
        channel = ForwardChannel.objects.get(name=spec.channel)
        moderation.forward_question(question, actor=operator, channel=channel, note=spec.note)
    report.updated.append(f"演示提问 {question.formatted_receipt_code}：{S(spec.state).label}")


def _group(question: Question, other: Question | None, operator: User, report) -> None:
    if other is None:
        return
    other = Question.objects.get(pk=other.pk)
    if question.group_id != other.group_id:
        grouping.join_groups([other.group, question.group], actor=operator)
        report.updated.append(f"演示提问 {question.formatted_receipt_code}：并入分组")


def _categorise(question: Question, spec: DemoQuestion, operator: User, report) -> None:
    if spec.category and question.category_confirmed_at is None and question.state in (S.PENDING, S.PUBLISHED):
        categories.confirm_category(question, actor=operator, category=Category.objects.get(name=spec.category))
        report.updated.append(f"演示提问 {question.formatted_receipt_code}：分类")


def _support(question: Question, spec: DemoQuestion, report) -> None:
    if question.state != S.PUBLISHED:
        return
    added = sum(
        support_question(question, client_key=client_key(f"demo-{question.receipt_code}-{n}", "demo"))
        for n in range(spec.supports)
    )
    if added:
        report.updated.append(f"演示提问 {question.formatted_receipt_code}：关注 +{added}")


def _answer(question: Question, spec: DemoQuestion, accounts, report) -> None:
    if not spec.answer or question.state != S.PUBLISHED or question.answer_status != AnswerStatus.UNANSWERED:
        return
    operator, editor = accounts["demo-operator"], accounts["demo-editor"]
    if spec.answer == "live":
        answers.mark_answered_live(question, actor=operator, entry_ref="")
    else:
        answer = Answer.objects.filter(question=question).first()
        if answer is None:
            answers.save_answer(question, actor=editor, body=spec.answer_text, submit=True)
        elif spec.answer != "published":
            return
        if spec.answer == "published":
            answers.check_answer(question, actor=operator, publish=True)
    report.updated.append(f"演示提问 {question.formatted_receipt_code}：答复")


def _representatives(interview: Interview, demo: DemoQuestions, questions, editor: User, report) -> None:
    if not demo.representatives or interview.representative_questions.exists():
        return
    for rep in demo.representatives:
        linked = [questions[key] for key in rep.questions]
        create_representative_question(interview, actor=editor, text=rep.text, questions=linked)
    report.created.append(f"代表性问题 {interview}（{len(demo.representatives)}个）")


def _supervise(interview: Interview, demo: DemoQuestions, questions, coordinator: User, report) -> None:
    """One 督办 notice on the finished interview, about the written answer nobody has started."""
    if interview.state != InterviewState.ENDED or SupervisionNotice.objects.filter(interview=interview).exists():
        return
    late = [questions[spec.key] for spec in demo.questions if spec.state == S.PUBLISHED and not spec.answer]
    if late and interview.lead_unit is not None:
        supervision.send_supervision_notice(
            interview=interview,
            unit=interview.lead_unit,
            questions=late,
            message=SUPERVISION_MESSAGE,
            actor=coordinator,
        )
        report.created.append(f"督办通知 {interview}")


def _train_once(operator: User, report) -> None:
    """The category suggester, trained once on the confirmed demo categories, so new questions get one."""
    if not CategoryModel.objects.exists() and categories.train_category_suggester(actor=operator) is not None:
        report.created.append("问题分类建议模型")
