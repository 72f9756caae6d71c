"""Request context that domain code needs but must not take as a parameter (the client's address)."""

from contextvars import ContextVar

client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)


def request_client_ip(request) -> str | None:
    """The client's address. Behind the reverse proxy the first X-Forwarded-For hop is the client."""
    from django.conf import settings  # noqa: PLC0415 -- settings are read per request in tests

    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None
