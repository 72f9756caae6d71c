"""Delivery of live events to viewers: a thin raw-ASGI Server-Sent Events path (docs/developer/realtime.md).

One broker per process: in-process by default, Redis pub/sub when ``PORTAL_LIVE_BROKER`` is ``redis`` (the
default when ``PORTAL_REDIS_URL`` is set). ``get_broker()`` is what the publish path and the stream app use.
"""

import threading

from django.conf import settings

from portal.live.fanout.brokers import Broker, MemoryBroker, RedisBroker

_lock = threading.Lock()
_broker: Broker | None = None


def make_broker() -> Broker:
    if settings.PORTAL_LIVE_BROKER == "redis":
        return RedisBroker(settings.REDIS_URL, prefix=settings.PORTAL_LIVE_CHANNEL_PREFIX)
    return MemoryBroker()


def get_broker() -> Broker:
    global _broker
    with _lock:
        if _broker is None:
            _broker = make_broker()
        return _broker


def set_broker(broker: Broker | None) -> Broker | None:
    """Install ``broker`` as the process's broker (tests; a restart is a new broker). Returns the old one."""
    global _broker
    with _lock:
        old, _broker = _broker, broker
        return old
