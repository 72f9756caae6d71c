"""The asker's personal data: validating a contact, masking it for staff, encrypting it at rest.

Everything here works on AskerContact. The contact and real name are encrypted with the question's
receipt code in the AAD, so a ciphertext moved to another row (or another column) does not decrypt.
Nothing here logs a value.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from portal.core.crypto import decrypt_field, encrypt_field
from portal.notifications.sms import mask_mobile
from portal.questions.enums import ContactKind

TABLE = "questions_askercontact"
MOBILE = re.compile(r"^1[3-9]\d{9}$")
SEPARATORS = re.compile(r"[\s\-()（）]")


def normalise_mobile(raw: str) -> str | None:
    """11 digits of a mainland mobile number, from what people type (+86, spaces, dashes), or None."""
    digits = SEPARATORS.sub("", raw or "")
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == 11 + len(prefix):
            digits = digits[len(prefix) :]
            break
    return digits if MOBILE.match(digits) else None


def parse_contact(raw: str) -> tuple[str, str]:
    """(kind, normalised value) of an optional contact; ("", "") when none; ValidationError in Chinese."""
    value = (raw or "").strip()
    if not value:
        return ContactKind.NONE, ""
    if "@" in value:
        value = value.lower()
        try:
            validate_email(value)
        except ValidationError as exc:
            raise ValidationError(_("请填写有效的电子邮箱地址。")) from exc
        return ContactKind.EMAIL, value
    mobile = normalise_mobile(value)
    if mobile is None:
        raise ValidationError(_("请填写11位手机号码或电子邮箱地址。"))
    return ContactKind.MOBILE, mobile


def contact_hint(kind: str, value: str) -> str:
    """138****5678 or z***@example.com: what staff screens show instead of the contact."""
    if kind == ContactKind.MOBILE:
        return mask_mobile(value)
    if kind == ContactKind.EMAIL:
        local, _at, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    return ""


def encrypt_contact(value: str, *, receipt_code: str) -> str:
    return encrypt_field(value, table=TABLE, field="contact", row=receipt_code)


def decrypt_contact(asker) -> str:
    return decrypt_field(asker.contact_ciphertext, table=TABLE, field="contact", row=asker.question.receipt_code)


def encrypt_real_name(value: str, *, receipt_code: str) -> str:
    return encrypt_field(value, table=TABLE, field="real_name", row=receipt_code)


def decrypt_real_name(asker) -> str:
    return decrypt_field(asker.real_name_ciphertext, table=TABLE, field="real_name", row=asker.question.receipt_code)
