"""Shapes shared by the webhook tests: an endpoint, a fake receiver (``responses``), verifying like a receiver."""

import hashlib
import hmac
import json

import responses

from portal.live import services
from portal.live.enums import Speaker
from portal.live.webhooks.services import create_endpoint

HOOK_URL = "https://fabu.pukou.example/hooks/live"
OTHER_URL = "https://other.example/hooks/live"
SECRET = "s3cret-for-the-tests-0123456789"


def fake_receiver():
    """A ``responses`` mock of the receivers (the ``receiver`` fixture of tests/live/conftest.py)."""
    return responses.RequestsMock(assert_all_requests_are_fired=False)


def make_endpoint(operator, **fields):
    fields = {"name": "浦口发布", "url": HOOK_URL, "secret": SECRET, "is_active": True, "event_filter": "all"} | fields
    endpoint, _secret = create_endpoint(actor=operator, **fields)
    return endpoint


def publish(interview, actor, capture, text="欢迎各位网友。", **fields):
    """Post an entry and run what runs after commit (the fan-out and the webhooks)."""
    fields.setdefault("speaker", Speaker.HOST)
    with capture(execute=True):
        return services.post_entry(interview, actor=actor, text=text, **fields)


def verified(call, secret: str = SECRET) -> dict:
    """What a receiver does: recompute the signature over timestamp + "." + body, then read the JSON."""
    request = call.request
    body = request.body if isinstance(request.body, bytes) else request.body.encode()
    timestamp = request.headers["X-Portal-Timestamp"]
    expected = "sha256=" + hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(expected, request.headers["X-Portal-Signature"])
    return json.loads(body)


def calls_to(receiver, url: str = HOOK_URL) -> list:
    return [call for call in receiver.calls if call.request.url == url]
