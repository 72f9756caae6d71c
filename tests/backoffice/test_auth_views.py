import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.audit.models import AuditEntry

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PASSWORD = "correct-horse-battery"  # tests/factories.py


def _login(client, username, password=PASSWORD):
    return client.post(reverse("backoffice:login"), {"username": username, "password": password})


def _token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_login_with_the_right_password_opens_the_dashboard_and_is_audited(client, editor):
    response = _login(client, "editor")

    assert response.status_code == 302
    assert response["Location"] == "/backoffice/"
    assert client.get(reverse("backoffice:dashboard")).status_code == 200
    assert list(AuditEntry.objects.values_list("action", "actor")) == [("accounts.user.logged_in", editor.pk)]


def test_login_with_a_wrong_password_shows_a_chinese_error_and_keeps_the_name(client, editor):
    response = _login(client, "editor", "wrong-password")

    assert response.status_code == 200
    assert "请输入一个正确的用户名和密码" in response.text
    assert 'value="editor"' in response.text
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_login_even_for_the_right_password(client, editor):
    for _attempt in range(4):
        assert _login(client, "editor", "wrong-password").status_code == 200

    fifth = _login(client, "editor", "wrong-password")
    then = _login(client, "editor")

    assert fifth.status_code == 429
    assert then.status_code == 429
    assert "登录已暂时锁定" in then.text
    assert "_auth_user_id" not in client.session


def test_totp_setup_confirms_a_device_with_a_valid_token(client, editor):
    client.force_login(editor)
    page = client.get(reverse("backoffice:totp-setup"))
    device = TOTPDevice.objects.get(user=editor)

    response = client.post(reverse("backoffice:totp-setup"), {"token": _token(device)})

    assert "完成绑定" in page.text
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:dashboard")
    device.refresh_from_db()
    assert device.confirmed is True
    assert AuditEntry.objects.filter(action="accounts.user.totp_enabled", actor=editor).count() == 1


def test_totp_setup_refuses_a_wrong_token(client, editor):
    client.force_login(editor)
    client.get(reverse("backoffice:totp-setup"))

    response = client.post(reverse("backoffice:totp-setup"), {"token": "000000"})

    assert response.status_code == 200
    assert "验证码不正确或已过期" in response.text
    assert TOTPDevice.objects.get(user=editor).confirmed is False


@pytest.fixture
def device(editor):
    return TOTPDevice.objects.create(user=editor, name="身份验证器", confirmed=True)


def test_login_with_a_device_asks_for_the_token_and_refuses_a_wrong_one(client, editor, device, time_machine):
    time_machine.move_to(timezone.now(), tick=False)

    first = _login(client, "editor")
    wrong = client.post(reverse("backoffice:login-verify"), {"token": "000000"})

    assert first.status_code == 302
    assert first["Location"] == reverse("backoffice:login-verify")
    assert "_auth_user_id" not in client.session
    assert wrong.status_code == 200
    assert "验证码不正确或已过期" in wrong.text
    assert client.get(reverse("backoffice:dashboard")).status_code == 302


def test_login_with_a_device_and_the_right_token_signs_in(client, editor, device, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    _login(client, "editor")
    client.post(reverse("backoffice:login-verify"), {"token": "000000"})
    time_machine.shift(dt.timedelta(seconds=5))  # past the device's throttle after one failure

    response = client.post(reverse("backoffice:login-verify"), {"token": _token(device)})

    assert response.status_code == 302
    assert response["Location"] == "/backoffice/"
    assert client.session["_auth_user_id"] == str(editor.pk)
    assert client.get(reverse("backoffice:dashboard")).status_code == 200


def test_mandatory_second_factor_sends_center_staff_to_setup_but_not_a_units_editor(client, settings, operator, editor):
    settings.PORTAL_REQUIRE_2FA_FOR_CENTERS = True

    client.force_login(operator)
    operator_response = client.get(reverse("backoffice:dashboard"))
    setup = client.get(reverse("backoffice:totp-setup"))
    client.force_login(editor)
    editor_response = client.get(reverse("backoffice:dashboard"))

    assert operator_response.status_code == 302
    assert operator_response["Location"] == reverse("backoffice:totp-setup")
    assert "本单位要求使用双因素认证" in setup.text
    assert editor_response.status_code == 200
