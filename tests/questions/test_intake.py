"""submit_question: the window's edges, every refusal (nothing saved, the field named), what is stored."""

import datetime as dt
import logging

import pytest
from django.db import connection

from portal.audit.models import AuditEntry
from portal.core.crypto import DecryptionFailed, decrypt_field
from portal.interviews.enums import InterviewState
from portal.questions.antiabuse import client_key, new_challenge
from portal.questions.enums import ContactKind, QuestionState, Via
from portal.questions.exceptions import IntakeRefused
from portal.questions.models import AskerContact, Question, QuestionEvent
from portal.questions.pii import TABLE, decrypt_contact, decrypt_real_name
from portal.questions.services.grouping import join_groups
from portal.questions.services.lists import add_sensitive_words
from tests.factories import InterviewFactory, at
from tests.questions.factories import NOW, R, ask, open_interview

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

CLOSES = NOW + dt.timedelta(days=20)
PHONE = "13812345678"


def nothing_saved():
    return (Question.objects.count(), AskerContact.objects.count(), QuestionEvent.objects.count()) == (0, 0, 0)


# --- The window -----------------------------------------------------------------------------------


def test_a_question_is_accepted_the_instant_the_preview_is_published(open_preview):
    question = ask(open_preview)

    assert (question.state, question.via, question.interview_id) == (
        QuestionState.PENDING,
        Via.PREVIEW,
        open_preview.pk,
    )
    assert len(question.receipt_code) == 10
    assert question.created_at == NOW


def test_a_question_is_accepted_in_the_last_second_of_the_window(open_preview, time_machine):
    time_machine.move_to(CLOSES - dt.timedelta(seconds=1), tick=False)

    assert ask(open_preview).state == QuestionState.PENDING


def test_a_question_is_refused_once_the_window_has_closed(open_preview, time_machine):
    time_machine.move_to(CLOSES, tick=False)

    with pytest.raises(IntakeRefused) as refused:
        ask(open_preview)

    assert refused.value.message == "本期访谈的网友提问征集已于2025-09-21 10:00截止，感谢您的关注。"
    assert refused.value.field is None
    assert nothing_saved()


def test_no_question_before_the_preview_is_published(interview):
    with pytest.raises(IntakeRefused, match=r"^本期访谈的网友提问征集尚未开通。$"):
        ask(interview)

    assert nothing_saved()


@pytest.mark.parametrize(
    ("state", "message"),
    [
        (InterviewState.POSTPONED, "本期访谈已延期，网友提问征集暂停，恢复后将另行公告。"),
        (InterviewState.CANCELLED, "本期访谈已取消，不再征集网友提问。"),
        (InterviewState.LIVE, "访谈正在直播，请在直播页面的互动区提问。"),
        (InterviewState.ENDED, "本期访谈的网友提问征集已截止，感谢您的关注。"),
    ],
)
def test_the_preview_channel_closes_when_the_interview_moves_on(units, state, message):
    interview = open_interview(lead_unit=units["lead"], state=state)

    with pytest.raises(IntakeRefused) as refused:
        ask(interview)

    assert refused.value.message == message
    assert nothing_saved()


def test_live_questions_only_while_the_interview_is_live(open_preview, units):
    live = open_interview(lead_unit=units["lead"], state=InterviewState.LIVE)

    with pytest.raises(IntakeRefused, match=r"^访谈直播尚未开始或已经结束，现在不能在直播中提问。$"):
        ask(open_preview, via=Via.LIVE)
    with pytest.raises(IntakeRefused, match="请在直播页面的互动区提问"):
        ask(live, via=Via.PREVIEW)
    question = ask(live, via=Via.LIVE)

    assert (question.via, question.state) == (Via.LIVE, QuestionState.PENDING)


def test_live_questions_stop_when_the_live_ends(units):
    ended = InterviewFactory(lead_unit=units["lead"], state=InterviewState.ENDED, recording_at=R, confirmed=True)

    with pytest.raises(IntakeRefused, match="直播尚未开始或已经结束"):
        ask(ended, via=Via.LIVE)


# --- Refusals: the field is named, every error is kept, nothing is saved --------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"text": "燃气什么时候通"}, "text", "问题内容不能少于10个字（现有7个字）。"),
        ({"text": "  短  "}, "text", "问题内容不能少于10个字（现有1个字）。"),
        ({"text": "问" * 501}, "text", "问题内容不能超过500个字（现有501个字）。"),
        ({"nickname": "   "}, "nickname", "请填写昵称。"),
        ({"nickname": "昵" * 21}, "nickname", "昵称不能超过20个字。"),
        ({"nickname": "13812345678"}, "nickname", "昵称会公开显示，请不要在昵称中填写电话号码、证件号码等个人信息。"),
        ({"contact": "12345"}, "contact", "请填写11位手机号码或电子邮箱地址。"),
        ({"contact": "23812345678"}, "contact", "请填写11位手机号码或电子邮箱地址。"),
        ({"contact": "zhang@"}, "contact", "请填写有效的电子邮箱地址。"),
        ({"consent": False}, "consent", "请阅读并同意《网友提问隐私声明》后再提交。"),
        ({"show_real_name": True}, "real_name", "选择公开真实姓名时，请填写真实姓名。"),
        ({"real_name": "名" * 21}, "real_name", "真实姓名不能超过20个字。"),
        ({"challenge_answer": "99"}, "challenge_answer", "验证问题的答案不正确，请回答新的验证问题。"),
        ({"challenge_answer": ""}, "challenge_answer", "验证问题的答案不正确，请回答新的验证问题。"),
        ({"challenge_token": "forged"}, "challenge_answer", "验证问题无效，请回答新的验证问题。"),
        ({"honeypot": "http://spam.example"}, None, "提交未成功，请刷新页面后重试。"),
    ],
)
def test_each_refusal_names_its_field_and_saves_nothing(open_preview, overrides, field, message):
    with pytest.raises(IntakeRefused) as refused:
        ask(open_preview, **overrides)

    assert (refused.value.field, refused.value.message) == (field, message)
    assert refused.value.errors == {field or "__all__": [message]}
    assert nothing_saved()


def test_every_wrong_field_is_reported_at_once(open_preview):
    with pytest.raises(IntakeRefused) as refused:
        ask(open_preview, nickname="", text="太短", contact="abc", consent=False)

    assert list(refused.value.errors) == ["nickname", "text", "contact", "consent"]
    assert refused.value.field == "nickname"
    assert nothing_saved()


def test_text_of_exactly_ten_and_five_hundred_characters_is_accepted(open_preview):
    ask(open_preview, text="燃气改造何时开始施工？")
    ask(open_preview, text="问" * 500)

    assert sorted(len(text) for text in Question.objects.values_list("text", flat=True)) == [11, 500]


def test_an_expired_challenge_is_refused(open_preview, time_machine):
    challenge = new_challenge()
    time_machine.move_to(NOW + dt.timedelta(minutes=31), tick=False)

    with pytest.raises(IntakeRefused, match=r"^验证问题已过期，请回答新的验证问题。$"):
        ask(open_preview, challenge_token=challenge.token, challenge_answer=challenge.answer)

    assert nothing_saved()


def test_a_challenge_answers_one_question_only(open_preview):
    challenge = new_challenge()
    ask(open_preview, challenge_token=challenge.token, challenge_answer=challenge.answer)

    with pytest.raises(IntakeRefused, match=r"^该验证问题已经使用过，请回答新的验证问题。$"):
        ask(
            open_preview,
            challenge_token=challenge.token,
            challenge_answer=challenge.answer,
            text="另一个问题的内容够长了吗",
        )

    assert Question.objects.count() == 1


def test_a_wrong_answer_spends_the_challenge(open_preview):
    challenge = new_challenge()
    with pytest.raises(IntakeRefused):
        ask(open_preview, challenge_token=challenge.token, challenge_answer=str(int(challenge.answer) + 1))

    with pytest.raises(IntakeRefused, match="已经使用过"):
        ask(open_preview, challenge_token=challenge.token, challenge_answer=challenge.answer)


def test_a_form_filled_faster_than_a_person_can_is_refused(open_preview, settings):
    settings.PORTAL_CHALLENGE_MIN_SECONDS = 3

    with pytest.raises(IntakeRefused, match=r"^提交过快，请核对内容后再提交。$"):
        ask(open_preview)

    assert nothing_saved()


def test_a_field_error_keeps_the_challenge_for_the_corrected_form(open_preview):
    challenge = new_challenge()
    with pytest.raises(IntakeRefused):
        ask(open_preview, text="太短", challenge_token=challenge.token, challenge_answer=challenge.answer)

    question = ask(open_preview, challenge_token=challenge.token, challenge_answer=challenge.answer)

    assert question.state == QuestionState.PENDING


# --- Rate limits ------------------------------------------------------------------------------------


def test_five_questions_per_client_and_interview_in_ten_minutes(open_preview, time_machine):
    for n in range(5):
        ask(open_preview, text=f"第{n}个问题：燃气管道改造的进度如何？")

    with pytest.raises(IntakeRefused, match=r"^提问过于频繁，请10分钟后再试。$"):
        ask(open_preview)
    other_client = ask(open_preview, client_key=client_key("198.51.100.9", "Firefox"))
    time_machine.move_to(NOW + dt.timedelta(minutes=10), tick=False)
    later = ask(open_preview)

    assert Question.objects.count() == 7
    assert other_client.pk
    assert later.pk


def test_twenty_questions_per_client_a_day(units, settings, time_machine):
    settings.PORTAL_QUESTION_RATE_PER_INTERVIEW = 0
    interviews = [open_interview(lead_unit=units["lead"]) for _n in range(2)]
    for n in range(20):
        ask(interviews[n % 2], text=f"第{n}个问题：燃气管道改造的进度如何？")

    with pytest.raises(IntakeRefused, match=r"^今天提交的问题已达上限，请明天再来。$"):
        ask(interviews[0])
    time_machine.move_to(at(2025, 9, 2, 0, 1), tick=False)

    assert ask(interviews[0]).pk


def test_refused_submissions_do_not_count_against_the_limit(open_preview):
    for _n in range(6):
        with pytest.raises(IntakeRefused):
            ask(open_preview, text="太短")

    assert ask(open_preview).pk


# --- What is stored ---------------------------------------------------------------------------------


def test_personal_data_in_the_text_is_masked_in_what_may_be_published(open_preview):
    question = ask(open_preview, text="我家燃气表坏了，请联系我13812345678，邮箱zhang@example.com，谢谢。")

    assert question.public_text == "我家燃气表坏了，请联系我【手机号已隐去】，邮箱【电子邮箱已隐去】，谢谢。"
    assert question.text == "我家燃气表坏了，请联系我13812345678，邮箱zhang@example.com，谢谢。"
    assert question.has_personal_data is True
    assert sorted(finding["kind"] for finding in question.findings) == ["email", "mobile"]
    assert "13812345678" not in question.search_index


def test_sensitive_words_come_from_the_editable_list_at_once(open_preview, operator):
    first = ask(open_preview, text="燃气公司收费太高，简直是乱收费行为。")
    add_sensitive_words(["乱收费"], actor=operator)
    second = ask(open_preview, text="燃气公司收费太高，简直是乱收费行为！")

    assert (first.has_sensitive_words, second.has_sensitive_words) == (False, True)
    assert second.sensitive_words == ["乱收费"]


def test_the_contact_is_encrypted_at_rest_and_masked_for_staff(open_preview):
    question = ask(open_preview, contact="138 1234 5678")

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT contact_ciphertext, contact_hint FROM questions_askercontact WHERE question_id = %s", [question.pk]
        )
        stored, hint = cursor.fetchone()
    asker = AskerContact.objects.select_related("question").get(question=question)

    assert PHONE not in stored
    assert "5678" not in stored
    assert stored.startswith("sm4gcm$1$")
    assert hint == "138****5678"
    assert (asker.contact_kind, decrypt_contact(asker)) == (ContactKind.MOBILE, PHONE)


def test_an_email_contact_is_kept_lower_case_with_a_masked_hint(open_preview):
    question = ask(open_preview, contact=" Zhang.San@Example.com ")
    asker = question.asker

    assert (asker.contact_kind, asker.contact_hint, decrypt_contact(asker)) == (
        ContactKind.EMAIL,
        "z***@example.com",
        "zhang.san@example.com",
    )


def test_a_ciphertext_moved_to_another_row_does_not_decrypt(open_preview):
    first = ask(open_preview, contact=PHONE)
    second = ask(open_preview, contact="13900001111", text="另一个关于燃气改造的问题内容")

    with pytest.raises(DecryptionFailed):
        decrypt_field(first.asker.contact_ciphertext, table=TABLE, field="contact", row=second.receipt_code)
    with pytest.raises(DecryptionFailed):
        decrypt_field(first.asker.contact_ciphertext, table=TABLE, field="real_name", row=first.receipt_code)


def test_the_real_name_is_encrypted_and_shown_only_with_the_separate_opt_in(open_preview):
    hidden = ask(open_preview, real_name="张三")
    shown = ask(open_preview, real_name="李四", show_real_name=True, text="另一个关于燃气改造的问题内容")

    assert "张三" not in hidden.asker.real_name_ciphertext
    assert decrypt_real_name(hidden.asker) == "张三"
    assert (hidden.show_real_name, shown.show_real_name) == (False, True)


def test_consent_is_stored_with_the_notice_version_and_time(open_preview, settings):
    settings.PORTAL_PRIVACY_NOTICE_VERSION = "2025-2"

    asker = ask(open_preview).asker

    assert (asker.consent_version, asker.consented_at) == ("2025-2", NOW)


def test_intake_sets_the_lead_unit_to_answer_and_records_the_submission(open_preview, units):
    question = ask(open_preview)

    assert question.responsible_unit == units["lead"]
    assert list(question.events.values_list("kind", "actor")) == [("submitted", None)]
    assert AuditEntry.objects.count() == 0  # a netizen is not staff; the history has it


def test_similar_questions_join_one_group_as_they_arrive(open_preview):
    first = ask(open_preview, text="老旧小区燃气管道改造什么时候开始施工？")
    second = ask(open_preview, text="老旧小区燃气管道改造什么时候开始施工啊？")
    other = ask(open_preview, text="学校门口早晚高峰交通拥堵，能否增加交警疏导？")

    assert first.group_id == second.group_id
    assert other.group_id not in (None, first.group_id)


def test_contact_data_never_reaches_a_log_record_or_the_audit_log(open_preview, operator, caplog):
    caplog.set_level(logging.DEBUG)

    question = ask(open_preview, contact=PHONE, real_name="王五", text="燃气改造的施工时间能否提前告知居民？")
    ask(open_preview, contact="wang.wu@example.com", text="燃气改造的施工时间能否提前通知居民呢？")

    logged = "\n".join(record.getMessage() for record in caplog.records)
    audited = " ".join(str(data) for data in AuditEntry.objects.values_list("data", flat=True))
    for secret in (PHONE, "5678", "wang.wu@example.com", "王五"):
        assert secret not in logged
        assert secret not in audited
        assert secret not in str(list(question.events.values_list("data", "note")))


def test_new_questions_follow_the_groups_moderators_joined(open_preview, operator):
    gas = ask(open_preview, text="老旧小区燃气管道改造什么时候开始施工？")
    traffic = ask(open_preview, text="学校门口早晚高峰交通拥堵，能否增加交警疏导？")
    joined = join_groups([gas.group, traffic.group], actor=operator)

    later = ask(open_preview, text="学校门口早晚高峰交通拥堵，能否多派交警疏导？")

    assert later.group_id == joined.pk


def test_a_receipt_code_that_is_taken_is_drawn_again_and_nothing_is_lost(open_preview, monkeypatch):
    from portal.questions.services import intake  # noqa: PLC0415 -- the module whose code generator is replaced

    first = ask(open_preview, text="老旧小区燃气管道改造什么时候开始施工？")
    codes = iter([first.receipt_code, "ABCDEFGH23", "ABCDEFGH24"])
    monkeypatch.setattr(intake, "new_receipt_code", lambda: next(codes))

    second = ask(open_preview, text="学校门口早晚高峰交通拥堵，能否增加交警疏导？", contact=PHONE)

    assert second.receipt_code == "ABCDEFGH23"
    assert Question.objects.count() == 2
    assert AskerContact.objects.count() == 2
    assert second.events.count() == 1
    assert decrypt_contact(second.asker) == PHONE  # encrypted for the code it was saved under
    assert second.group_id not in (None, first.group_id)
    # The grouper knows the second question by the code it was saved under: a similar one joins it.
    third = ask(open_preview, text="学校门口早晚高峰交通拥堵，能否多派交警疏导？")
    assert third.group_id == second.group_id


def test_a_failure_other_than_a_taken_receipt_code_is_not_retried(open_preview, monkeypatch):
    from django.db import IntegrityError  # noqa: PLC0415

    from portal.questions.services import intake  # noqa: PLC0415

    def broken(*args, **kwargs):
        raise IntegrityError("something else")

    monkeypatch.setattr(intake, "_insert", broken)

    with pytest.raises(IntegrityError):
        ask(open_preview)
    assert nothing_saved()
