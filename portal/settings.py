"""The only settings module. Production differs from development by environment variables alone.

Every variable is documented in docs/developer/settings.md and .env.example.
"""

import hashlib
import hmac
import json
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from portal.core.env import env, env_bool, env_choice, env_int, env_list, sm4_key

BASE_DIR = Path(__file__).resolve().parent.parent


# --- Security ---------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", False)
PORTAL_ENV = env("ENV", "development").strip().lower()
SECRET_KEY = env("SECRET_KEY", "")
if not SECRET_KEY:
    if PORTAL_ENV == "production":
        raise ImproperlyConfigured("PORTAL_SECRET_KEY must be set in production")
    SECRET_KEY = "development-only-secret-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# "None" (with PORTAL_SECURE_COOKIES=1) when the district portal frames the public pages from another
# site: browsers withhold Lax cookies in a cross-site frame, and the question form's CSRF check fails.
CSRF_COOKIE_SAMESITE = env("CSRF_COOKIE_SAMESITE", "Lax")
if CSRF_COOKIE_SAMESITE == "None" and not CSRF_COOKIE_SECURE:
    raise ImproperlyConfigured("PORTAL_CSRF_COOKIE_SAMESITE=None needs PORTAL_SECURE_COOKIES=1 (browsers require it)")
CSRF_FAILURE_VIEW = "portal.website.views.csrf.csrf_failure"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)  # 等保: idle timeout of 30 minutes
SESSION_SAVE_EVERY_REQUEST = True
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

# Content-Security-Policy: nothing from other origins, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Applications -----------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    "portal.core",
    "portal.audit",
    "portal.accounts",
    "portal.workcalendar",
    "portal.notifications",
    "portal.planning",
    "portal.interviews",
    "portal.questions",
    "portal.scripts",
    "portal.figures",
    "portal.live",
    "portal.videos",
    "portal.followups",
    "portal.filing",
    "portal.backoffice",
    "portal.website",
    "portal.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.core.middleware.EmbeddingMiddleware",
    "portal.core.middleware.RequestContextMiddleware",
    "portal.accounts.middleware.SecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
ASGI_APPLICATION = "portal.asgi.application"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.core.context_processors.site",
                "portal.backoffice.context_processors.inbox",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
# SQLite by default, so a fresh checkout runs with nothing else installed; PostgreSQL in production.
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    # ASGI runs each request in its own thread: no persistent connections, psycopg's pool instead.
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
    if env_bool("DB_POOL", True):
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env_int("DB_POOL_MIN", 1),
            "max_size": env_int("DB_POOL_MAX", 10),
            "timeout": 10,
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "var" / "portal.sqlite3")),
            "OPTIONS": {
                # WAL lets readers work while a writer commits; IMMEDIATE serialises writers up front,
                # which is what select_for_update() would do on PostgreSQL.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Authentication ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "backoffice:login"
LOGIN_REDIRECT_URL = "backoffice:dashboard"
# 等保 三级 practice: lock an account (per user name and address) after 5 failures for 30 minutes.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.backoffice.views.auth.login_locked_out"
AXES_VERBOSE = False
# A second factor (TOTP) is always available; this makes it mandatory for 区政府办 and both centers.
PORTAL_REQUIRE_2FA_FOR_CENTERS = env_bool("REQUIRE_2FA_FOR_CENTERS", False)
OTP_TOTP_ISSUER = "浦口区在线访谈平台"

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "portal" / "static", ("vendor", BASE_DIR / "var" / "vendor")]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": env("STATICFILES_STORAGE", "whitenoise.storage.CompressedManifestStaticFilesStorage")},
}
# The embedded default serves uploaded media itself; production lets nginx (or S3) do it.
PORTAL_SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PORTAL_MAX_PHOTO_BYTES = env_int("MAX_PHOTO_BYTES", 8 * 1024 * 1024)
# Post-produced videos (docs/developer/videos.md): chunks of an upload in progress sit on local disk here
# until the file is complete and checked; then it moves into the default storage.
PORTAL_VIDEO_UPLOAD_DIR = Path(env("VIDEO_UPLOAD_DIR", str(BASE_DIR / "var" / "video-uploads")))
PORTAL_MAX_VIDEO_BYTES = env_int("MAX_VIDEO_BYTES", 20 * 1024 * 1024 * 1024)
PORTAL_VIDEO_CHUNK_BYTES = env_int("VIDEO_CHUNK_BYTES", 8 * 1024 * 1024)
PORTAL_VIDEO_MAX_CHUNK_BYTES = max(PORTAL_VIDEO_CHUNK_BYTES, 16 * 1024 * 1024)
# S3-compatible storage for uploaded files (photos, videos), with the optional extra `pip install .[s3]`.
PORTAL_S3_BUCKET = env("S3_BUCKET", "").strip()
if PORTAL_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": PORTAL_S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL", "").strip() or None,
            "region_name": env("S3_REGION", "").strip() or None,
            "access_key": env("S3_ACCESS_KEY_ID", "").strip() or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY", "").strip() or None,
            "location": env("S3_PREFIX", "").strip(),
            # Private objects; the portal hands out presigned URLs (videos after its own permission check).
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env_int("S3_URL_EXPIRE_SECONDS", 3600),
            "file_overwrite": False,
        },
    }

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "在线访谈平台 <noreply@localhost>")

# --- Background tasks -------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": env("TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # WeasyPrint and fontTools narrate every PDF export at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# --- Portal -----------------------------------------------------------------------------------
# Offsets of each step's deadline from the recording date R (product.md §3). A JSON object in
# PORTAL_STEP_OFFSETS overrides single entries, e.g. {"draft": {"days": -10}}.
PORTAL_STEP_OFFSETS = {
    "topic": {"months": -1},
    "introduction": {"months": -1},
    "preview": {"months": -1},
    "draft": {"days": -7},
    "final": {"days": -3},
    "date": {"days": -3},
    "recording": {"days": 0},
    "record": {"workdays": 1},
    "answers": {"workdays": 5},
    "video": {"workdays": 10},
    "summary": {"workdays": 10},
    "filing": {"workdays": 15},
}
try:
    PORTAL_STEP_OFFSETS.update(json.loads(env("STEP_OFFSETS", "{}")))
except json.JSONDecodeError as exc:
    raise ImproperlyConfigured("PORTAL_STEP_OFFSETS must be a JSON object") from exc
# How long the netizen question channel stays open after the preview page is published.
PORTAL_QUESTION_WINDOW_DAYS = env_int("QUESTION_WINDOW_DAYS", 20)
# The script (访谈稿, docs/developer/scripts.md): the least 字数 a submitted script must have, and the
# working days each center has to review a submitted revision.
PORTAL_SCRIPT_MIN_CHARS = env_int("SCRIPT_MIN_CHARS", 8000)
PORTAL_SCRIPT_REVIEW_WORKDAYS = env_int("SCRIPT_REVIEW_WORKDAYS", 2)
# How long a recording holds the studio unless its proposal says otherwise (minutes).
PORTAL_RECORDING_MINUTES = env_int("RECORDING_MINUTES", 120)

# Jobs started once a day by the reminder worker (portal/core/daily.py): name -> django-tasks task.
PORTAL_DAILY_JOBS = {
    "purge_question_contacts": "portal.questions.tasks.purge_question_contacts_task",
    "prune_audit_log": "portal.audit.tasks.prune_audit_log_task",
}

# --- Reminders (docs/developer/reminders.md) -----------------------------------------------------
# Days before a step's deadline on which its owners are reminded, and the local hour reminders go out.
try:
    PORTAL_REMINDER_DAYS_BEFORE = tuple(int(day) for day in env_list("REMINDER_DAYS_BEFORE", ["7", "1"]))
except ValueError as exc:
    raise ImproperlyConfigured("PORTAL_REMINDER_DAYS_BEFORE must be comma-separated whole days, e.g. 7,1") from exc
PORTAL_REMINDER_HOUR = env_int("REMINDER_HOUR", 9)
if not 0 <= PORTAL_REMINDER_HOUR <= 23 or any(day < 1 for day in PORTAL_REMINDER_DAYS_BEFORE):
    raise ImproperlyConfigured("PORTAL_REMINDER_HOUR must be 0-23 and PORTAL_REMINDER_DAYS_BEFORE at least 1")
# Sending attempts before a reminder is marked failed; a claim older than this many minutes is taken back.
PORTAL_REMINDER_MAX_ATTEMPTS = env_int("REMINDER_MAX_ATTEMPTS", 3)
PORTAL_REMINDER_CLAIM_TIMEOUT_MINUTES = env_int("REMINDER_CLAIM_TIMEOUT_MINUTES", 15)
# Seconds run_reminders sleeps between rounds (without --once).
PORTAL_REMINDER_INTERVAL_SECONDS = env_int("REMINDER_INTERVAL_SECONDS", 60)

# --- Live broadcast (docs/developer/realtime.md) ---------------------------------------------------
# The fan-out between processes: memory (one process serves pages and streams, as `make run` does) or
# redis (pub/sub on PORTAL_REDIS_URL, channel <prefix><interview id>, one subscription per process).
PORTAL_LIVE_BROKER = env_choice("LIVE_BROKER", "redis" if REDIS_URL else "memory", {"memory", "redis"})
if PORTAL_LIVE_BROKER == "redis" and not REDIS_URL:
    raise ImproperlyConfigured("PORTAL_LIVE_BROKER=redis needs PORTAL_REDIS_URL")
PORTAL_LIVE_CHANNEL_PREFIX = env("LIVE_CHANNEL_PREFIX", "live:")
# Open SSE streams per process; above it viewers get 503 and poll instead.
PORTAL_LIVE_MAX_CONNECTIONS = env_int("LIVE_MAX_CONNECTIONS", 20000)
PORTAL_LIVE_HEARTBEAT_SECONDS = env_int("LIVE_HEARTBEAT_SECONDS", 20)
# A stream whose unsent frames pass this many bytes (beyond the server's own buffer) is closed; it resumes.
PORTAL_LIVE_SLOW_READER_BYTES = env_int("LIVE_SLOW_READER_BYTES", 64 * 1024)
# Recent events kept in memory per interview for resuming viewers (older gaps are read from the database).
PORTAL_LIVE_RING_SIZE = env_int("LIVE_RING_SIZE", 200)
# How often a page without a stream polls the entries endpoint (seconds).
PORTAL_LIVE_POLL_SECONDS = env_int("LIVE_POLL_SECONDS", 8)
# Audience figures (portal/live/audience.py): open streams are sampled per process this often (seconds, at most
# 60); page views are buffered in the cache and written every FLUSH_EVERY views or FLUSH_SECONDS seconds.
PORTAL_AUDIENCE_SAMPLE_SECONDS = env_int("AUDIENCE_SAMPLE_SECONDS", 30)
PORTAL_AUDIENCE_FLUSH_EVERY = env_int("AUDIENCE_FLUSH_EVERY", 20)
PORTAL_AUDIENCE_FLUSH_SECONDS = env_int("AUDIENCE_FLUSH_SECONDS", 60)

# --- Netizen questions (docs/developer/questions.md) ---------------------------------------------
# Identity check before a question is accepted (后台实名、前台昵称): off, sms (a one-time code to the
# asker's mobile) or oidc (an external OpenID Connect login whose flow the website provides).
PORTAL_QUESTION_IDENTITY = env_choice("QUESTION_IDENTITY", "off", {"off", "sms", "oidc"})
# The OpenID Connect client for PORTAL_QUESTION_IDENTITY=oidc (portal/website/oidc.py). Register the redirect
# URI https://<host>/identity/oidc/callback/ with the provider. Without provider, client id and metadata URL
# the question box says that login is not available (and `manage.py check` warns).
PORTAL_OIDC_PROVIDER = env("OIDC_PROVIDER", "").strip()  # a short id, e.g. "jszwfw"; part of the stored identity
PORTAL_OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", "政务服务网").strip()  # on the button: 使用…账号登录后提问
PORTAL_OIDC_CLIENT_ID = env("OIDC_CLIENT_ID", "").strip()
PORTAL_OIDC_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", "").strip()
PORTAL_OIDC_METADATA_URL = env("OIDC_METADATA_URL", "").strip()  # …/.well-known/openid-configuration
PORTAL_OIDC_SCOPE = env("OIDC_SCOPE", "openid").strip()
# The privacy notice the asker consents to; stored with each question. Change it with the notice's text.
PORTAL_PRIVACY_NOTICE_VERSION = env("PRIVACY_NOTICE_VERSION", "2025-1")
# Per-client limits (0 switches a limit off, e.g. for the intake benchmark).
PORTAL_QUESTION_RATE_PER_INTERVIEW = env_int("QUESTION_RATE_PER_INTERVIEW", 5)
PORTAL_QUESTION_RATE_WINDOW_MINUTES = env_int("QUESTION_RATE_WINDOW_MINUTES", 10)
PORTAL_QUESTION_RATE_PER_DAY = env_int("QUESTION_RATE_PER_DAY", 20)
# The anti-abuse question: how long its answer stays valid and how fast a person can possibly fill the form.
PORTAL_CHALLENGE_MAX_AGE_SECONDS = env_int("CHALLENGE_MAX_AGE_SECONDS", 30 * 60)
PORTAL_CHALLENGE_MIN_SECONDS = env_int("CHALLENGE_MIN_SECONDS", 3)
# One-time SMS codes (PORTAL_QUESTION_IDENTITY=sms) and the verified-identity ticket the form carries.
PORTAL_SMS_CODE_TTL_SECONDS = env_int("SMS_CODE_TTL_SECONDS", 5 * 60)
PORTAL_SMS_CODE_MAX_ATTEMPTS = env_int("SMS_CODE_MAX_ATTEMPTS", 5)
PORTAL_SMS_CODE_RESEND_SECONDS = env_int("SMS_CODE_RESEND_SECONDS", 60)
PORTAL_IDENTITY_TICKET_MAX_AGE_SECONDS = env_int("IDENTITY_TICKET_MAX_AGE_SECONDS", 30 * 60)
# Askers' contacts and real names are deleted this many days after the answers' deadline or the answer.
PORTAL_CONTACT_RETENTION_DAYS = env_int("CONTACT_RETENTION_DAYS", 180)
# The audit log is kept this many days (等保: at least six months; below 183 the portal refuses to start).
PORTAL_AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365)
# Retrain the category suggester after this many newly confirmed categories.
PORTAL_CATEGORY_RETRAIN_EVERY = env_int("CATEGORY_RETRAIN_EVERY", 25)
# Related material of an introduction (PDF or DOCX).
PORTAL_MAX_MATERIAL_BYTES = env_int("MAX_MATERIAL_BYTES", 20 * 1024 * 1024)
PORTAL_SMS_GATEWAY = env("SMS_GATEWAY", "portal.notifications.sms.ConsoleSmsGateway")
# The public address of the site, for links in messages to askers (查询码 pages).
PORTAL_PUBLIC_URL = env("PUBLIC_URL", "http://127.0.0.1:8000")
# The domain in calendar (ICS) event UIDs, e.g. interview-7-recording@<domain>; keep it stable.
PORTAL_CALENDAR_DOMAIN = env("CALENDAR_DOMAIN", urlsplit(PORTAL_PUBLIC_URL).hostname or "portal.invalid")

# Encryption of personal data at rest (portal/core/crypto.py): SM4-GCM keys by id. PORTAL_DATA_KEY is
# the current key (base64 of 16 bytes), PORTAL_DATA_KEY_ID its id; PORTAL_DATA_OLD_KEYS lists retired
# keys still needed to decrypt ("id:base64,id:base64") until rotate_contact_keys has rewritten them.
PORTAL_CRYPTO_PROVIDER = env("CRYPTO_PROVIDER", "portal.core.crypto.SoftwareSM4Provider")
PORTAL_DATA_KEY_ID = env("DATA_KEY_ID", "k1").strip()
_data_key = env("DATA_KEY", "")
if _data_key:
    PORTAL_DATA_KEYS = {PORTAL_DATA_KEY_ID: sm4_key("DATA_KEY", _data_key)}
elif PORTAL_ENV == "production":
    raise ImproperlyConfigured("PORTAL_DATA_KEY must be set in production")
else:
    # Development only: a key derived from SECRET_KEY, so a fresh checkout runs with nothing to set up.
    PORTAL_DATA_KEY_ID = "dev"
    PORTAL_DATA_KEYS = {"dev": hmac.new(SECRET_KEY.encode(), b"portal data key", hashlib.sha256).digest()[:16]}
for _item in env_list("DATA_OLD_KEYS"):
    _old_id, _sep, _old_key = _item.partition(":")
    if not _sep or not _old_id.strip():
        raise ImproperlyConfigured("PORTAL_DATA_OLD_KEYS entries must look like id:base64")
    PORTAL_DATA_KEYS.setdefault(_old_id.strip(), sm4_key("DATA_OLD_KEYS", _old_key))
