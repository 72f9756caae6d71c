"""Test settings: the real database the environment names (SQLite by default), fast hashing, no worker."""

import tempfile

from portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PORTAL_SMS_GATEWAY = "portal.notifications.sms.LocmemSmsGateway"
MEDIA_ROOT = tempfile.mkdtemp(prefix="portal-test-media-")
PORTAL_VIDEO_UPLOAD_DIR = tempfile.mkdtemp(prefix="portal-test-video-uploads-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": None}  # noqa: F405

if REDIS_URL:  # noqa: F405
    # Each pytest-xdist worker has its own database, so it gets its own Redis database too:
    # cached ids (units, site settings) of one worker must never be read by another, and
    # cache.clear() (FLUSHDB) in one worker must not empty the other's cache.
    import os
    from urllib.parse import urlsplit, urlunsplit

    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw-1").removeprefix("gw")
    _parts = urlsplit(REDIS_URL)  # noqa: F405
    CACHES["default"]["LOCATION"] = urlunsplit(_parts._replace(path=f"/{int(_worker) + 2}"))  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"test-{_worker}"  # noqa: F405
PORTAL_LIVE_BROKER = "memory"  # Redis tests make their own brokers (pub/sub channels ignore database numbers)
