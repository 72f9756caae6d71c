"""Field encryption for personal data at rest (等保 数据保密性; GB/T 39786 level 3 §8.4 e).

Domain code asks ``encrypt_field`` / ``decrypt_field`` and never sees keys. The provider is a
setting (PORTAL_CRYPTO_PROVIDER) so that a certified module (a GM/T 0018 SDF device or the 政务云's
密码资源池) can replace the software implementation without touching the models: an assessor will
not accept a software SM4 as a certified product, but the data format and the calls stay the same.

Ciphertext format (text, so it fits a TextField on every database)::

    sm4gcm$1$<key id>$<base64 nonce>$<base64 ciphertext+tag>

``1`` is the format version; the key id names the key that encrypted it, so keys can rotate:
new values use the current key, old values decrypt with any key still configured, and
``needs_rotation`` tells a re-encryption job which values to rewrite. The AAD binds a value to
where it is stored (table, field and row), so a ciphertext copied to another row or column fails.
"""

import base64
import binascii
import hmac
import os
from functools import cache
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

SCHEME = "sm4gcm"
FORMAT_VERSION = "1"
NONCE_BYTES = 12
TAG_BYTES = 16


class DecryptionFailed(Exception):
    """The value is malformed, was encrypted under an unknown key, or was moved or tampered with."""


class CryptoProvider(Protocol):
    def encrypt(self, plaintext: str, *, aad: str) -> str: ...

    def decrypt(self, token: str, *, aad: str) -> str: ...

    def needs_rotation(self, token: str) -> bool: ...


class SoftwareSM4Provider:
    """SM4-GCM in this process through ``cryptography`` (its bundled OpenSSL). Never SM4-ECB.

    ``keys`` maps key ids to 16-byte keys; ``current`` is the id new values are encrypted with.
    """

    def __init__(self, keys: dict[str, bytes] | None = None, current: str | None = None):
        if keys is None:
            keys, current = settings.PORTAL_DATA_KEYS, settings.PORTAL_DATA_KEY_ID
        if current not in keys:
            raise ImproperlyConfigured(f"the current data key {current!r} is not among the configured keys")
        if any("$" in key_id for key_id in keys):
            raise ImproperlyConfigured("data key ids must not contain '$'")
        self.keys = dict(keys)
        self.current = current

    def encrypt(self, plaintext: str, *, aad: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        encryptor = Cipher(algorithms.SM4(self.keys[self.current]), modes.GCM(nonce)).encryptor()
        encryptor.authenticate_additional_data(aad.encode())
        body = encryptor.update(plaintext.encode()) + encryptor.finalize() + encryptor.tag
        return "$".join(
            [SCHEME, FORMAT_VERSION, self.current, base64.b64encode(nonce).decode(), base64.b64encode(body).decode()]
        )

    def decrypt(self, token: str, *, aad: str) -> str:
        try:
            scheme, version, key_id, nonce_b64, body_b64 = token.split("$")
            nonce, body = base64.b64decode(nonce_b64, validate=True), base64.b64decode(body_b64, validate=True)
        except (ValueError, binascii.Error) as exc:
            raise DecryptionFailed("malformed ciphertext") from exc
        if scheme != SCHEME or version != FORMAT_VERSION:
            raise DecryptionFailed(f"unsupported ciphertext format {scheme}${version}")
        if key_id not in self.keys:
            raise DecryptionFailed(f"unknown data key {key_id!r}")
        if len(nonce) != NONCE_BYTES or len(body) < TAG_BYTES:
            raise DecryptionFailed("malformed ciphertext")
        ciphertext, tag = body[:-TAG_BYTES], body[-TAG_BYTES:]
        decryptor = Cipher(algorithms.SM4(self.keys[key_id]), modes.GCM(nonce, tag)).decryptor()
        decryptor.authenticate_additional_data(aad.encode())
        try:
            return (decryptor.update(ciphertext) + decryptor.finalize()).decode()
        except InvalidTag as exc:
            raise DecryptionFailed("authentication failed (wrong key, wrong place or tampered)") from exc

    def needs_rotation(self, token: str) -> bool:
        parts = token.split("$")
        return len(parts) != 5 or parts[2] != self.current


@cache
def get_provider() -> CryptoProvider:
    return import_string(settings.PORTAL_CRYPTO_PROVIDER)()


@receiver(setting_changed)
def _forget_provider(*, setting: str, **kwargs) -> None:
    if setting.startswith("PORTAL_DATA_KEY") or setting == "PORTAL_CRYPTO_PROVIDER":
        get_provider.cache_clear()


def field_aad(table: str, field: str, row: str) -> str:
    return f"{table}.{field}#{row}"


def encrypt_field(plaintext: str, *, table: str, field: str, row: str) -> str:
    """The stored form of ``plaintext``; an empty value stays empty (nothing to protect)."""
    if not plaintext:
        return ""
    return get_provider().encrypt(plaintext, aad=field_aad(table, field, row))


def decrypt_field(token: str, *, table: str, field: str, row: str) -> str:
    if not token:
        return ""
    return get_provider().decrypt(token, aad=field_aad(table, field, row))


def keyed_hash(value: str, *, purpose: str) -> str:
    """A keyed one-way hash (HMAC-SM3) for lookups without storing the value: phone numbers, client keys.

    ``purpose`` separates the uses, so a hash made for one cannot be matched against another.
    """
    key = hmac.new(settings.SECRET_KEY.encode(), f"portal keyed hash: {purpose}".encode(), "sm3").digest()
    return hmac.new(key, value.encode(), "sm3").hexdigest()
