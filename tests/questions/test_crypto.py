"""portal/core/crypto.py: SM4-GCM with the place in the AAD, key ids for rotation; pii.py's contact rules."""

import base64

import pytest
from django.core.exceptions import ValidationError

from portal.core.crypto import DecryptionFailed, SoftwareSM4Provider, decrypt_field, encrypt_field, keyed_hash
from portal.questions.enums import ContactKind
from portal.questions.models import AskerContact
from portal.questions.pii import contact_hint, parse_contact
from portal.questions.services.retention import rotate_contact_keys
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.unit]

KEY_A, KEY_B = bytes(range(16)), bytes(range(16, 32))


def test_round_trip_and_the_format_names_scheme_version_and_key():
    provider = SoftwareSM4Provider({"a": KEY_A}, "a")

    token = provider.encrypt("13812345678", aad="t.contact#X")

    assert token.split("$")[:3] == ["sm4gcm", "1", "a"]
    assert "13812345678" not in token
    assert provider.decrypt(token, aad="t.contact#X") == "13812345678"


def test_the_same_value_encrypts_differently_each_time():
    provider = SoftwareSM4Provider({"a": KEY_A}, "a")

    assert provider.encrypt("x", aad="p") != provider.encrypt("x", aad="p")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token,  # with the wrong AAD below
        lambda token: token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"),
        lambda token: "garbage",
        lambda token: token.replace("$a$", "$zz$"),
    ],
)
def test_wrong_place_tampering_or_unknown_keys_fail(tamper):
    provider = SoftwareSM4Provider({"a": KEY_A}, "a")
    token = provider.encrypt("secret", aad="t.contact#ROW1")

    with pytest.raises(DecryptionFailed):
        provider.decrypt(tamper(token), aad="t.contact#ROW2")


def test_old_keys_still_decrypt_and_are_marked_for_rotation():
    old = SoftwareSM4Provider({"a": KEY_A}, "a")
    token = old.encrypt("secret", aad="p")
    rotated = SoftwareSM4Provider({"a": KEY_A, "b": KEY_B}, "b")

    assert rotated.decrypt(token, aad="p") == "secret"
    assert (rotated.needs_rotation(token), rotated.needs_rotation(rotated.encrypt("x", aad="p"))) == (True, False)


def test_empty_values_stay_empty():
    assert encrypt_field("", table="t", field="f", row="r") == ""
    assert decrypt_field("", table="t", field="f", row="r") == ""


def test_keyed_hashes_depend_on_their_purpose():
    assert keyed_hash("13812345678", purpose="mobile") != keyed_hash("13812345678", purpose="identity")
    assert len(keyed_hash("x", purpose="y")) == 64


@pytest.mark.django_db
def test_rotating_the_data_key_rewrites_every_contact_under_the_new_key(settings, units):
    question = QuestionFactory(asker__contact="13812345678", asker__real_name="张三")
    settings.PORTAL_DATA_KEYS = {**settings.PORTAL_DATA_KEYS, "k2": KEY_B}
    settings.PORTAL_DATA_KEY_ID = "k2"

    assert rotate_contact_keys() == 1
    assert rotate_contact_keys() == 0
    asker = AskerContact.objects.select_related("question").get(question=question)
    assert asker.contact_ciphertext.split("$")[2] == "k2"
    assert asker.real_name_ciphertext.split("$")[2] == "k2"
    settings.PORTAL_DATA_KEYS = {"k2": KEY_B}
    from portal.questions.pii import decrypt_contact, decrypt_real_name  # noqa: PLC0415 -- after the key change

    assert (decrypt_contact(asker), decrypt_real_name(asker)) == ("13812345678", "张三")


def test_production_settings_refuse_a_missing_data_key(monkeypatch):
    import importlib  # noqa: PLC0415 -- reloads the settings module under other variables

    from django.core.exceptions import ImproperlyConfigured  # noqa: PLC0415

    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("PORTAL_SECRET_KEY", "s" * 50)
    monkeypatch.delenv("PORTAL_DATA_KEY", raising=False)
    import portal.settings as portal_settings  # noqa: PLC0415

    with pytest.raises(ImproperlyConfigured, match="PORTAL_DATA_KEY"):
        importlib.reload(portal_settings)
    monkeypatch.setenv("PORTAL_DATA_KEY", base64.b64encode(b"short").decode())
    with pytest.raises(ImproperlyConfigured, match="16 bytes"):
        importlib.reload(portal_settings)
    monkeypatch.setenv("PORTAL_DATA_KEY", base64.b64encode(KEY_A).decode())
    assert importlib.reload(portal_settings).PORTAL_DATA_KEYS == {"k1": KEY_A}
    monkeypatch.undo()
    importlib.reload(portal_settings)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", (ContactKind.MOBILE, "13812345678")),
        ("+86 138-1234-5678", (ContactKind.MOBILE, "13812345678")),
        ("0086 13812345678", (ContactKind.MOBILE, "13812345678")),
        ("Li@Example.ORG", (ContactKind.EMAIL, "li@example.org")),
        ("", (ContactKind.NONE, "")),
    ],
)
def test_contacts_people_type_are_normalised(raw, expected):
    assert parse_contact(raw) == expected


@pytest.mark.parametrize("raw", ["1381234567", "138123456789", "02558311686", "12345678901", "li@", "@x.cn"])
def test_what_is_not_a_mobile_or_an_email_is_refused(raw):
    with pytest.raises(ValidationError):
        parse_contact(raw)


def test_hints_show_too_little_to_use():
    assert contact_hint(ContactKind.MOBILE, "13812345678") == "138****5678"
    assert contact_hint(ContactKind.EMAIL, "zhang@example.com") == "z***@example.com"
    assert contact_hint(ContactKind.NONE, "") == ""
