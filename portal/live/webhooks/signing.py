"""The webhook signature: ``X-Portal-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>``.

The timestamp (Unix seconds, ``X-Portal-Timestamp``) is inside the signed text, so a receiver can refuse old
replays; the receiver's side is in docs/developer/realtime.md § Webhooks.
"""

import hashlib
import hmac

SIGNATURE_PREFIX = "sha256="


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, timestamp, body), signature or "")
