"""The public side: the page under a 查询码, the public manager, the moderation report."""

import pytest

from portal.questions.enums import AnswerKind, AnswerState, AnswerStatus, QuestionState
from portal.questions.models import Answer, Question
from portal.questions.queries import lookup_receipt, moderation_report, public_questions
from portal.questions.services.moderation import forward_question, merge_question, reject_question
from tests.questions.factories import QuestionFactory, ask, hotline, reason

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

S = QuestionState


def test_the_receipt_page_of_a_waiting_question(open_preview):
    question = ask(open_preview, contact="13812345678", text="请联系我13812345678，燃气何时改造？")

    status = lookup_receipt(question.receipt_code.lower()[:5] + "-" + question.receipt_code[5:])

    assert (status.state, status.state_label, status.text) == (
        S.PENDING,
        "待审核",
        "请联系我【手机号已隐去】，燃气何时改造？",
    )
    assert status.code == f"{question.receipt_code[:5]}-{question.receipt_code[5:]}"
    assert "13812345678" not in str(status)
    assert "138****" not in str(status)


def test_an_unknown_code_shows_nothing():
    assert lookup_receipt("ABCDE-FGHJK") is None
    assert lookup_receipt("") is None


def test_a_rejected_question_shows_the_public_reason_and_note(open_preview, operator):
    question = QuestionFactory(interview=open_preview)
    reject_question(question, actor=operator, reason=reason(), note="欢迎关注下一期访谈。")

    status = lookup_receipt(question.receipt_code)

    assert (status.state_label, status.reason, status.note) == (
        "未采纳",
        reason().public_text,
        "欢迎关注下一期访谈。",
    )


def test_a_forwarded_question_shows_the_channel_and_the_note(open_preview, operator):
    question = QuestionFactory(interview=open_preview)
    forward_question(question, actor=operator, channel=hotline(), note="已转12345。")

    status = lookup_receipt(question.receipt_code)

    assert (status.state_label, status.channel_name, status.note) == ("已转办", "12345政务服务便民热线", "已转12345。")
    assert "12345" in status.channel_description


def test_a_merged_question_shows_the_answer_of_the_one_it_joined(open_preview, operator, editor):
    keep = QuestionFactory(interview=open_preview, state=S.PUBLISHED)
    dup = QuestionFactory(interview=open_preview)
    merge_question(dup, into=keep, actor=operator)
    Answer.objects.create(
        question=keep, unit=open_preview.lead_unit, body="明年3月开工。", drafted_by=editor, state=AnswerState.PUBLISHED
    )
    Question.objects.filter(pk=keep.pk).update(answer_status=AnswerStatus.WRITTEN)

    status = lookup_receipt(dup.receipt_code)

    assert (status.state_label, status.merged_into_code) == ("已合并", keep.formatted_receipt_code)
    assert (status.answer.status_label, status.answer.body, status.answer.unit) == (
        "已书面答复",
        "明年3月开工。",
        "城建局",
    )


def test_the_public_manager_returns_published_questions_only(open_preview):
    published = QuestionFactory(interview=open_preview, state=S.PUBLISHED)
    for state in (S.PENDING, S.REJECTED, S.MERGED, S.FORWARDED):
        QuestionFactory(interview=open_preview, state=state)

    assert list(Question.objects.published()) == [published]


def test_public_questions_show_nicknames_unless_the_real_name_was_opted_in(open_preview, django_assert_num_queries):
    QuestionFactory(interview=open_preview, state=S.PUBLISHED, nickname="老张", asker__real_name="张三")
    QuestionFactory(
        interview=open_preview, state=S.PUBLISHED, nickname="小李", show_real_name=True, asker__real_name="李四"
    )
    QuestionFactory(interview=open_preview, state=S.PUBLISHED, nickname="王", asker__contact="13812345678")

    with django_assert_num_queries(3):
        questions = public_questions(open_preview)

    assert {q.nickname: q.display_name for q in questions} == {"王": "王", "老张": "老张", "小李": "李四"}
    assert all("asker" not in q._state.fields_cache for q in questions)  # the asker table was never joined


def test_public_questions_count_the_askers_merged_in(open_preview, operator):
    keep = QuestionFactory(interview=open_preview, state=S.PUBLISHED)
    for _n in range(2):
        merge_question(QuestionFactory(interview=open_preview), into=keep, actor=operator)

    assert [q.asker_count for q in public_questions(open_preview)] == [3]


def test_the_moderation_report_counts_every_outcome(open_preview, operator, editor):
    for state in (S.PENDING, S.PUBLISHED, S.PUBLISHED):
        QuestionFactory(interview=open_preview, state=state)
    for label in ("与本期访谈主题无关", "与本期访谈主题无关", "内容不够明确"):
        reject_question(QuestionFactory(interview=open_preview), actor=operator, reason=reason(label))
    forward_question(QuestionFactory(interview=open_preview), actor=operator, channel=hotline())
    merge_question(QuestionFactory(interview=open_preview), into=Question.objects.published().first(), actor=operator)
    Question.objects.published().filter(pk=Question.objects.published().first().pk).update(
        answer_status=AnswerStatus.LIVE
    )

    report = moderation_report(open_preview)

    assert report == {
        "received": 8,
        "pending": 1,
        "published": 2,
        "rejected": 3,
        "rejected_by_reason": [("与本期访谈主题无关", 2), ("内容不够明确", 1)],
        "merged": 1,
        "forwarded": 1,
        "forwarded_by_channel": [("12345政务服务便民热线", 1)],
        "answered_live": 1,
        "answered_written": 0,
        "declined": 0,
        "unanswered": 1,
    }


def test_a_declined_answer_shows_its_public_reason(open_preview, editor):
    question = QuestionFactory(interview=open_preview, state=S.PUBLISHED, answer_status=AnswerStatus.DECLINED)
    Answer.objects.create(
        question=question,
        unit=open_preview.lead_unit,
        kind=AnswerKind.DECLINED,
        body="该事项属于市级权限，已转市燃气集团。",
        drafted_by=editor,
        state=AnswerState.PUBLISHED,
    )

    answer = lookup_receipt(question.receipt_code).answer

    assert (answer.status_label, answer.body) == ("不予答复", "该事项属于市级权限，已转市燃气集团。")
