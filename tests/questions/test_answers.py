"""Answers: the responsible unit, the written-answer flow with 数字治理中心's check, answers given live,
and every asker (merged ones too) told exactly once by e-mail or SMS."""

import logging

import pytest
from django.core.exceptions import PermissionDenied

from portal.interviews.enums import InterviewState
from portal.interviews.models import Interview
from portal.notifications.models import Notification
from portal.questions.enums import AnswerKind, AnswerState, AnswerStatus, MessageKind, QuestionState
from portal.questions.exceptions import AnswerRefused
from portal.questions.models import AskerMessage, Question
from portal.questions.services.answers import (
    assign_responsible_unit,
    check_answer,
    mark_answered_live,
    save_answer,
)
from portal.questions.services.askers import deliver
from portal.questions.services.moderation import merge_question
from tests.questions.factories import NOW, QuestionFactory

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

S = QuestionState


@pytest.fixture
def question(open_preview):
    return QuestionFactory(interview=open_preview, state=S.PUBLISHED, asker__contact="asker@example.com")


def fresh(question) -> Question:
    return Question.objects.get(pk=question.pk)


def test_the_lead_unit_answers_by_default_and_a_co_unit_when_assigned(question, operator, editor, co_editor, units):
    with pytest.raises(PermissionDenied):
        save_answer(question, actor=co_editor, body="答复")

    assign_responsible_unit(question, actor=operator, unit=units["co"])

    with pytest.raises(PermissionDenied):
        save_answer(question, actor=editor, body="答复")
    answer = save_answer(question, actor=co_editor, body="桥林街道将于10月完成改造。")
    assert (answer.unit, answer.state) == (units["co"], AnswerState.DRAFT)


def test_only_the_interview_units_can_be_assigned(question, operator, units):
    with pytest.raises(AnswerRefused, match="第一责任单位或配合单位"):
        assign_responsible_unit(question, actor=operator, unit=units["outsider"])


def test_the_lead_unit_may_assign_and_the_co_unit_may_not(question, editor, co_editor, units):
    with pytest.raises(PermissionDenied):
        assign_responsible_unit(question, actor=co_editor, unit=units["co"])

    assign_responsible_unit(question, actor=editor, unit=units["co"])

    assert fresh(question).responsible_unit == units["co"]


def test_written_answer_published_after_the_check(
    question, editor, operator, mailoutbox, django_capture_on_commit_callbacks
):
    save_answer(question, actor=editor, body="草稿")
    save_answer(question, actor=editor, body="改造工程将于2025年11月开工。", submit=True)
    assert fresh(question).answer_status == AnswerStatus.UNANSWERED

    with django_capture_on_commit_callbacks(execute=True):
        answer = check_answer(question, actor=operator, publish=True)

    question = fresh(question)
    assert (answer.state, answer.published_at, answer.checked_by) == (AnswerState.PUBLISHED, NOW, operator)
    assert (question.answer_status, question.answered_at) == (AnswerStatus.WRITTEN, NOW)
    assert [m.to for m in mailoutbox] == [["asker@example.com"]]
    assert "已有答复" in mailoutbox[0].subject
    assert "改造工程将于2025年11月开工。" in mailoutbox[0].body
    assert question.formatted_receipt_code in mailoutbox[0].body
    assert list(question.events.values_list("kind", flat=True)) == [
        "answer_saved",
        "answer_submitted",
        "answer_published",
    ]


def test_an_answer_sent_back_goes_to_the_unit_with_the_note(
    question, editor, operator, django_capture_on_commit_callbacks
):
    save_answer(question, actor=editor, body="正在研究。", submit=True)

    with django_capture_on_commit_callbacks(execute=True):
        answer = check_answer(question, actor=operator, publish=False, note="请写明开工时间。")

    assert (answer.state, answer.check_note) == (AnswerState.RETURNED, "请写明开工时间。")
    assert Notification.objects.filter(recipient=editor, title__contains="被退回").exists()
    redrafted = save_answer(question, actor=editor, body="将于11月开工。", submit=True)
    assert redrafted.state == AnswerState.SUBMITTED


def test_sending_back_needs_a_note_and_a_submitted_answer(question, editor, operator):
    with pytest.raises(AnswerRefused, match="没有待审核的答复"):
        check_answer(question, actor=operator, publish=True)
    save_answer(question, actor=editor, body="答复", submit=True)

    with pytest.raises(AnswerRefused, match="退回时请填写修改意见"):
        check_answer(question, actor=operator, publish=False)
    with pytest.raises(AnswerRefused, match="已提交审核"):
        save_answer(question, actor=editor, body="改一下")


@pytest.mark.parametrize("name", ["editor", "coordinator", "producer", "outsider"])
def test_only_the_digital_center_checks_answers(request, question, editor, name):
    save_answer(question, actor=editor, body="答复", submit=True)

    with pytest.raises(PermissionDenied):
        check_answer(question, actor=request.getfixturevalue(name), publish=True)


def test_a_public_reason_for_not_answering(question, editor, operator, django_capture_on_commit_callbacks):
    save_answer(question, actor=editor, body="该事项属于市级权限。", kind=AnswerKind.DECLINED, submit=True)

    with django_capture_on_commit_callbacks(execute=True):
        check_answer(question, actor=operator, publish=True)

    assert fresh(question).answer_status == AnswerStatus.DECLINED


def test_only_published_questions_are_answered(open_preview, editor):
    pending = QuestionFactory(interview=open_preview)

    with pytest.raises(AnswerRefused, match="只有已发布的问题需要答复"):
        save_answer(pending, actor=editor, body="答复")


def test_answered_live_during_the_broadcast(question, operator, mailoutbox, django_capture_on_commit_callbacks):
    with pytest.raises(AnswerRefused, match="直播开始后"):
        mark_answered_live(question, actor=operator)
    Interview.objects.filter(pk=question.interview_id).update(state=InterviewState.LIVE)

    with django_capture_on_commit_callbacks(execute=True):
        mark_answered_live(question, actor=operator, entry_ref="entry-17")

    question = fresh(question)
    assert (question.answer_status, question.live_entry_ref) == (AnswerStatus.LIVE, "entry-17")
    assert "嘉宾已在访谈中答复了这个问题" in mailoutbox[0].body
    with pytest.raises(AnswerRefused, match="已经是“已在访谈中答复”"):
        mark_answered_live(question, actor=operator)


def test_the_editor_cannot_mark_a_live_answer(question, editor):
    with pytest.raises(PermissionDenied):
        mark_answered_live(question, actor=editor)


def test_every_asker_merged_in_is_told_exactly_once_by_their_channel(
    open_preview, editor, operator, mailoutbox, smsoutbox, django_capture_on_commit_callbacks
):
    keep = QuestionFactory(interview=open_preview, state=S.PUBLISHED, asker__contact="keep@example.com")
    by_sms = QuestionFactory(interview=open_preview, asker__contact="13812345678")
    silent = QuestionFactory(interview=open_preview)  # left no contact
    merge_question(by_sms, into=keep, actor=operator)
    merge_question(silent, into=keep, actor=operator)
    save_answer(by_sms, actor=editor, body="已安排施工。", submit=True)  # answered through ``keep``

    with django_capture_on_commit_callbacks(execute=True):
        check_answer(keep, actor=operator, publish=True)
    deliver(keep.pk, MessageKind.ANSWERED)  # the job runs again (a retry): nothing goes out twice

    assert [m.to for m in mailoutbox] == [["keep@example.com"]]
    assert [m.number for m in smsoutbox] == ["13812345678"]
    assert "已有答复" in smsoutbox[0].text
    assert by_sms.formatted_receipt_code in smsoutbox[0].text
    sent = AskerMessage.objects.filter(kind=MessageKind.ANSWERED, sent_at=NOW)
    assert sorted(sent.values_list("question_id", "channel")) == sorted([(keep.pk, "email"), (by_sms.pk, "sms")])


def test_a_failing_gateway_is_recorded_without_the_address(question, editor, operator, settings, caplog):
    settings.PORTAL_SMS_GATEWAY = "portal.notifications.sms.SmsGateway"  # send() raises NotImplementedError
    sms_question = QuestionFactory(interview=question.interview, state=S.PUBLISHED, asker__contact="13812345678")
    Question.objects.filter(pk=sms_question.pk).update(answer_status=AnswerStatus.LIVE)

    assert deliver(sms_question.pk, MessageKind.ANSWERED) == 0

    message = AskerMessage.objects.get(question=sms_question)
    assert (message.sent_at, message.error) == (None, "NotImplementedError")
    assert "13812345678" not in caplog.text


def test_running_the_job_again_retries_failures_only(question, settings, smsoutbox):
    sms_question = QuestionFactory(interview=question.interview, state=S.PUBLISHED, asker__contact="13812345678")
    Question.objects.filter(pk__in=[question.pk, sms_question.pk]).update(answer_status=AnswerStatus.LIVE)
    settings.PORTAL_SMS_GATEWAY = "portal.notifications.sms.SmsGateway"
    deliver(question.pk, MessageKind.ANSWERED)
    deliver(sms_question.pk, MessageKind.ANSWERED)
    settings.PORTAL_SMS_GATEWAY = "portal.notifications.sms.LocmemSmsGateway"

    sent = [deliver(q.pk, MessageKind.ANSWERED) for q in (question, sms_question, question, sms_question)]

    assert sent == [0, 1, 0, 0]
    assert [m.number for m in smsoutbox] == ["13812345678"]
    assert set(AskerMessage.objects.values_list("error", flat=True)) == {""}


def test_after_the_purge_an_answer_reaches_nobody(question, editor, operator, mailoutbox):
    question.asker.contact_ciphertext = ""
    question.asker.save()
    Question.objects.filter(pk=question.pk).update(answer_status=AnswerStatus.LIVE)

    assert deliver(question.pk, MessageKind.ANSWERED) == 0
    assert mailoutbox == []


def test_telling_askers_logs_no_contact(
    open_preview, editor, operator, caplog, mailoutbox, smsoutbox, django_capture_on_commit_callbacks
):
    keep = QuestionFactory(interview=open_preview, state=S.PUBLISHED, asker__contact="keep@example.com")
    merged = QuestionFactory(interview=open_preview, asker__contact="13812345678")
    caplog.set_level(logging.DEBUG)  # from here on: the factories above log what they are given
    merge_question(merged, into=keep, actor=operator)
    save_answer(keep, actor=editor, body="已安排施工。", submit=True)

    with django_capture_on_commit_callbacks(execute=True):
        check_answer(keep, actor=operator, publish=True)

    assert (len(mailoutbox), len(smsoutbox)) == (1, 1)
    for secret in ("keep@example.com", "13812345678", "5678"):
        assert secret not in caplog.text
