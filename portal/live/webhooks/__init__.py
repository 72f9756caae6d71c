"""Webhooks to 浦口发布 and other receivers: every LiveEvent pushed, signed, retried and kept in order.

``models`` holds the endpoints and their deliveries, ``signing`` the signature, ``delivery`` the attempt and the
retry schedule (run by the django-tasks job in ``tasks``), ``services`` the staff actions. ``dispatch`` is called
by ``portal.live.publishing.publish_event`` after commit. See docs/developer/realtime.md § Webhooks.
"""
