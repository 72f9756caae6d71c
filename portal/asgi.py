"""The ASGI entry point: Django for pages, the thin live fan-out for the SSE path (docs/developer/realtime.md)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

django_application = get_asgi_application()

from portal.live.fanout.app import LiveStreamApp, route  # noqa: E402 -- needs the settings loaded above

application = route(django_application, LiveStreamApp())
