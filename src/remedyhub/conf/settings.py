"""The one settings module: everything that differs between machines comes from the environment."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # src/remedyhub
PROJECT_DIR = BASE_DIR.parent.parent  # the repository root in a checkout
VAR_DIR = Path(os.environ.get("REMEDYHUB_VAR_DIR", PROJECT_DIR / "var"))

INSECURE_SECRET_KEY = "django-insecure-remedyhub-development-only"  # noqa: S105


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    truthy, falsy = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}
    if value.lower() in truthy:
        return True
    if value.lower() in falsy:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(truthy | falsy)}, not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def read_env_file(path: str) -> None:
    """KEY=VALUE lines from a local file, for what the environment does not already say.

    `make` writes one with DJANGO_ENV=development into a developer's checkout, so that
    `manage.py` works there without exports; a server has none and fails closed.
    """
    if not path or not Path(path).is_file():
        return
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            os.environ.setdefault(key.strip(), value.strip().strip("'\""))


read_env_file(os.environ.get("REMEDYHUB_ENV_FILE", str(PROJECT_DIR / ".env")))

# Production is the default so that a forgotten variable fails closed, never open.
ENVIRONMENT = os.environ.get("DJANGO_ENV", "production")
if ENVIRONMENT not in {"production", "development", "test"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'production', 'development' or 'test'.")
IS_PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DJANGO_DEBUG", default=ENVIRONMENT == "development")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", INSECURE_SECRET_KEY)

if IS_PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_DEBUG must be off when DJANGO_ENV=production.")
    if SECRET_KEY == INSECURE_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY to a random value of at least 50 characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(64))'), "
            "or DJANGO_ENV=development on a developer's machine."
        )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "" if IS_PRODUCTION else "127.0.0.1,localhost,testserver,[::1]"
)
if IS_PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the host names this site answers to.")

INSTALLED_APPS = [
    # The admin site refuses anyone who has not passed the second factor (TOTP).
    "remedyhub.accounts.apps.VerifiedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "remedyhub.common",
    "remedyhub.accounts",
    "remedyhub.registry",
    "remedyhub.routing",
    "remedyhub.intake",
    "remedyhub.cases",
    "remedyhub.risk",
    "remedyhub.community",
    "remedyhub.agreements",
    "remedyhub.knowledge",
    "django_tasks",
    "django_tasks_db",
    "remedyhub.api",
    "remedyhub.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so that static files keep their long cache lifetime.
    "remedyhub.common.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A session that passed the password but not the TOTP step is no log-in at all.
    "remedyhub.accounts.middleware.RequireVerifiedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "remedyhub.conf.urls"
WSGI_APPLICATION = "remedyhub.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "remedyhub.common.context_processors.languages",
            ],
        },
    },
]

# Throttling counters (log-in, receipt look-ups, anonymous complaints) must be shared by every
# gunicorn worker, so they live in the database, under keyed hashes, never as addresses. The
# table is created by the migration remedyhub.common 0001 (createcachetable).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "remedyhub_throttle",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
}

# Database: SQLite in var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'remedyhub.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; IMMEDIATE avoids the
    # "database is locked" upgrade deadlock of deferred transactions.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file, as production does: an in-memory shared-cache database answers
    # concurrent writers with "table is locked" instead of waiting (busy_timeout).
    # One file per test process, so that two runs at once do not drop each other's database.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get(
            "REMEDYHUB_TEST_DB",
            str(Path(tempfile.gettempdir()) / f"remedyhub-test-{os.getpid()}.sqlite3"),
        )
    }
elif os.environ.get("REMEDYHUB_TEST_DB"):
    # Two checkouts testing against one PostgreSQL server need test databases of their own.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["REMEDYHUB_TEST_DB"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home"
# Log-in is two steps for everyone with an account: password, then a TOTP code (remedyhub.accounts
# .login). A user without an authenticator is sent to enrol one before reaching any page.
OTP_TOTP_ISSUER = "Remedy Hub"
# Seconds allowed between the password step and the code step.
LOGIN_PENDING_SECONDS = 5 * 60
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id first: new and re-saved passwords get it; older hashes still verify.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if ENVIRONMENT == "test":
    # Hashing speed is not what the tests are about; Argon2 stays in production.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Languages of the interface. English is the source; every string goes through gettext.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("bn", _("Bengali")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"  # never served publicly: downloads go through views that check access
# Public risk lists (DOL goods, ITUC index) for manage.py risk_import; read, never copied.
RISK_DATA_DIR = Path(
    os.environ.get("REMEDYHUB_RISK_DATA_DIR", PROJECT_DIR.parent / "shared" / "data" / "risk")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Mail: the console in development, SMTP from the environment in production.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if IS_PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Remedy Hub <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Encryption at rest (remedyhub.common.crypto). Keys never live in the database.
# REMEDYHUB_ENCRYPTION_KEYS: "keyid:base64key" pairs separated by commas, the first encrypts;
# or REMEDYHUB_ENCRYPTION_KEY_FILE: a file with one "keyid base64key" per line.
# Outside production a key file is created in var/ on first use.
ENCRYPTION_KEYS = os.environ.get("REMEDYHUB_ENCRYPTION_KEYS", "")
ENCRYPTION_KEY_FILE = os.environ.get(
    "REMEDYHUB_ENCRYPTION_KEY_FILE",
    "" if IS_PRODUCTION else str(VAR_DIR / "keys" / f"{ENVIRONMENT}.keys"),
)
if IS_PRODUCTION and not (ENCRYPTION_KEYS or ENCRYPTION_KEY_FILE):
    raise ImproperlyConfigured(
        "No encryption key: set REMEDYHUB_ENCRYPTION_KEYS or REMEDYHUB_ENCRYPTION_KEY_FILE. "
        'A new key: python -c "import base64, os; '
        "print('k1:' + base64.b64encode(os.urandom(32)).decode())\""
    )

# Receipt codes are stored only as Argon2id digests salted with this key, so that a stolen
# database alone does not allow guessing them. Like the encryption keys it lives outside the
# database: REMEDYHUB_RECEIPT_KEY (base64 of 32 bytes) or REMEDYHUB_RECEIPT_KEY_FILE.
# Changing it makes every receipt code invalid, so it is never rotated casually.
RECEIPT_KEY = os.environ.get("REMEDYHUB_RECEIPT_KEY", "")
RECEIPT_KEY_FILE = os.environ.get(
    "REMEDYHUB_RECEIPT_KEY_FILE",
    "" if IS_PRODUCTION else str(VAR_DIR / "keys" / f"{ENVIRONMENT}.receipt-key"),
)
if IS_PRODUCTION and not (RECEIPT_KEY or RECEIPT_KEY_FILE):
    raise ImproperlyConfigured(
        "No receipt key: set REMEDYHUB_RECEIPT_KEY or REMEDYHUB_RECEIPT_KEY_FILE. "
        'A new key: python -c "import base64, os; print(base64.b64encode(os.urandom(32)).decode())"'
    )

# Security headers. Content-Security-Policy, Permissions-Policy and Cache-Control: no-store come
# from remedyhub.common.middleware; throttling lives in remedyhub.common.throttle.
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin", not "no-referrer": under "no-referrer" browsers send `Origin: null` with every
# form POST and no Referer, and Django's CSRF check (which needs one of the two over HTTPS)
# then refuses every form. "same-origin" still tells other sites nothing.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Idle sessions end: every request pushes the expiry 30 minutes on, a quiet half hour ends it.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
CSRF_COOKIE_SAMESITE = "Lax"
if IS_PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Background work (reminders, deadline passes, e-mail): Django's tasks framework (the
# django-tasks backport on 5.2) with its queue in the database; `manage.py db_worker` runs it.
# Tests run tasks at once, in the caller.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if ENVIRONMENT == "test"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "remedyhub.api.schema.RemedyHubAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "remedyhub.api.pagination.StrictLimitOffsetPagination",
    "PAGE_SIZE": 50,
    # Tokens first: an unauthenticated call then answers 401 with WWW-Authenticate: Token.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "remedyhub.accounts.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Remedy Hub API",
    "DESCRIPTION": "Public and partner endpoints of Remedy Hub.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI from this site's own static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # "status" names several choice sets: each keeps a name of its own.
    "ENUM_NAME_OVERRIDES": {
        "AgreementStatusEnum": "remedyhub.registry.models.SectorAgreement.Status",
        "StatusEnum": "remedyhub.cases.models.RemedyItem.Status",  # its name before
    },
}

# Logs go to standard error. No request metadata that identifies a reporter (IP address,
# browser string) is ever written: every record passes ClientDataFilter, which drops the request
# object Django attaches and blanks the current client's address and user agent in the text.
# Django's own handlers (console, mail_admins, which would mail the request's META) are replaced.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_client_data": {"()": "remedyhub.common.logfilters.ClientDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_client_data"],
        }
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # runserver's access log: requests only when something goes wrong, never an address.
        "django.server": {"handlers": [], "level": "WARNING", "propagate": True},
    },
}
