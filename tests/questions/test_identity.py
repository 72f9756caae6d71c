"""Identity verification (后台实名、前台昵称): SMS codes and OIDC identities, never shown."""

import datetime as dt

import pytest

from portal.questions.exceptions import IntakeRefused, VerificationRefused
from portal.questions.models import AskerContact, PhoneVerification, VerifiedIdentity
from portal.questions.queries import lookup_receipt
from portal.questions.services.identity import record_oidc_identity, send_verification_code, verify_code
from tests.questions.factories import CLIENT, NOW, ask

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

MOBILE = "13812345678"


@pytest.fixture
def sms_mode(settings):
    settings.PORTAL_QUESTION_IDENTITY = "sms"


def sent_code(outbox) -> str:
    return "".join(ch for ch in outbox[-1].text.split("验证码是")[1][:6])


def send(outbox, django_capture_on_commit_callbacks, mobile=MOBILE) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        send_verification_code(mobile=mobile, client_key=CLIENT)
    return sent_code(outbox)


def test_with_sms_verification_a_question_needs_a_verified_mobile(
    sms_mode, open_preview, smsoutbox, django_capture_on_commit_callbacks
):
    with pytest.raises(IntakeRefused) as refused:
        ask(open_preview)
    assert (refused.value.field, refused.value.message) == ("identity", "请先完成身份验证。")

    code = send(smsoutbox, django_capture_on_commit_callbacks)
    ticket = verify_code(mobile="138-1234-5678", code=code)
    question = ask(open_preview, identity_ticket=ticket)

    identity = AskerContact.objects.get(question=question).identity
    assert identity.provider == "sms"
    assert MOBILE not in identity.subject_hash
    assert MOBILE not in str(lookup_receipt(question.receipt_code))


def test_codes_and_numbers_are_stored_only_as_hashes(sms_mode, smsoutbox, django_capture_on_commit_callbacks):
    code = send(smsoutbox, django_capture_on_commit_callbacks)

    row = PhoneVerification.objects.get()
    assert smsoutbox[-1].number == MOBILE
    assert "分钟内有效" in smsoutbox[-1].text
    assert code not in row.code_hash
    assert MOBILE not in row.phone_hash
    assert row.expires_at == NOW + dt.timedelta(minutes=5)


def test_a_code_expires_after_five_minutes(sms_mode, smsoutbox, time_machine, django_capture_on_commit_callbacks):
    code = send(smsoutbox, django_capture_on_commit_callbacks)
    time_machine.move_to(NOW + dt.timedelta(minutes=5), tick=False)

    with pytest.raises(VerificationRefused, match="验证码已失效") as refused:
        verify_code(mobile=MOBILE, code=code)
    assert refused.value.field == "sms_code"


def test_a_code_dies_after_five_wrong_tries(sms_mode, smsoutbox, django_capture_on_commit_callbacks):
    code = send(smsoutbox, django_capture_on_commit_callbacks)
    wrong = "000000" if code != "000000" else "111111"
    for _n in range(5):
        with pytest.raises(VerificationRefused, match=r"^验证码不正确。$"):
            verify_code(mobile=MOBILE, code=wrong)

    with pytest.raises(VerificationRefused, match="错误次数过多"):
        verify_code(mobile=MOBILE, code=code)
    assert PhoneVerification.objects.get().attempts == 5


def test_a_new_code_only_after_a_minute(sms_mode, smsoutbox, time_machine, django_capture_on_commit_callbacks):
    send(smsoutbox, django_capture_on_commit_callbacks)

    with pytest.raises(VerificationRefused, match="60秒后"):
        send_verification_code(mobile=MOBILE, client_key=CLIENT)
    time_machine.move_to(NOW + dt.timedelta(seconds=61), tick=False)
    send(smsoutbox, django_capture_on_commit_callbacks)

    assert len(smsoutbox) == 2


def test_a_bad_number_is_refused_and_no_code_sent(sms_mode, smsoutbox):
    with pytest.raises(VerificationRefused, match="11位手机号码") as refused:
        send_verification_code(mobile="1234", client_key=CLIENT)

    assert (refused.value.field, smsoutbox, PhoneVerification.objects.count()) == ("mobile", [], 0)


def test_no_codes_while_verification_is_off(smsoutbox):
    with pytest.raises(VerificationRefused, match="未启用短信验证"):
        send_verification_code(mobile=MOBILE, client_key=CLIENT)


def test_a_ticket_of_another_mode_is_refused(sms_mode, settings, open_preview):
    settings.PORTAL_QUESTION_IDENTITY = "oidc"
    ticket = record_oidc_identity(provider="jszwfw", subject="user-42")
    settings.PORTAL_QUESTION_IDENTITY = "sms"

    with pytest.raises(IntakeRefused, match="请先完成身份验证"):
        ask(open_preview, identity_ticket=ticket)


def test_an_expired_ticket_is_refused(settings, open_preview, time_machine):
    settings.PORTAL_QUESTION_IDENTITY = "oidc"
    ticket = record_oidc_identity(provider="jszwfw", subject="user-42")
    time_machine.move_to(NOW + dt.timedelta(minutes=31), tick=False)

    with pytest.raises(IntakeRefused, match="身份验证已过期"):
        ask(open_preview, identity_ticket=ticket)


def test_the_same_oidc_subject_is_one_identity(settings, open_preview):
    settings.PORTAL_QUESTION_IDENTITY = "oidc"

    first = ask(open_preview, identity_ticket=record_oidc_identity(provider="jszwfw", subject="user-42"))
    second = ask(
        open_preview,
        identity_ticket=record_oidc_identity(provider="jszwfw", subject="user-42"),
        text="另一个关于燃气改造的问题内容",
    )

    assert first.asker.identity_id == second.asker.identity_id
    assert VerifiedIdentity.objects.get().provider == "oidc:jszwfw"
    assert "user-42" not in VerifiedIdentity.objects.get().subject_hash
