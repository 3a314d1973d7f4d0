"""Settings for the award register, read from the environment.

DATABASE_URL selects the database (a SQLite file by default, PostgreSQL via
psycopg 3 when set); SECRET_KEY, DEBUG and ALLOWED_HOSTS come from the
environment so that production never runs on the development defaults.
Safe by default: DEBUG is off unless set (``make run`` sets it), and a
misspelt boolean stops the start instead of silently meaning "false".
"""

import datetime
import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """A boolean from the environment; anything but a known word is an error, not False."""
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{name}={value!r} is not a boolean: use true or false.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a whole number.") from None


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Serving needs a stable key and refuses to start without one (emulation.wsgi, asgi);
# commands such as `import_article` or `export_awards` sign nothing, so they run with
# a throwaway key rather than fail for a variable only a server needs.
SECRET_KEY_FROM_ENVIRONMENT = bool(SECRET_KEY)
if not SECRET_KEY:
    SECRET_KEY = (
        "dev-only-insecure-key-do-not-use-in-production" if DEBUG else secrets.token_urlsafe(50)
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The addresses (or networks) of the reverse proxy in front of gunicorn. Only then are its
# X-Forwarded-Proto and X-Forwarded-For believed; a client can send them too.
TRUSTED_PROXIES = [ipaddress.ip_network(net, strict=False) for net in env_list("TRUSTED_PROXIES")]
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "import_export",
    "simple_history",
    "csp",
    "axes",
    "awards",
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "emulation.security.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    # after CSP: its 400 page carries the same headers as any other page
    "emulation.security.RefuseNulInQueryMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "emulation.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # after authentication: signed-in staff have a limit of their own
    "emulation.export_limit.ExportLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # last, as django-axes asks: it turns a locked-out login into the lockout page
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Production serves the collected static files itself (runserver does it when debugging).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
else:
    # A reader trying `make run` gets the branded 404, not Django's debug page (inside the
    # language middleware, so that it is rendered in the visitor's language).
    MIDDLEWARE.insert(
        MIDDLEWARE.index("emulation.middleware.ChosenLanguageMiddleware") + 1,
        "emulation.failures.BrandedNotFoundMiddleware",
    )

ROOT_URLCONF = "emulation.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "emulation.wsgi.application"

DATABASES = {
    # an empty DATABASE_URL (a blank line in an env file) means the default, not a crash
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A database that is down or hung must cost a request seconds, not the site (issue 11):
# libpq gives up connecting after DB_CONNECT_TIMEOUT s; the server cancels a statement after
# DB_STATEMENT_TIMEOUT ms (0: never; gunicorn.conf.py sets it for web workers, commands such
# as migrate or import keep none); and when the server does not answer at all (frozen), the
# watchdog of emulation.db drops a connection that waited DB_WATCHDOG_SECONDS for a reply.
DB_STATEMENT_TIMEOUT = env_int("DB_STATEMENT_TIMEOUT", 0)
DB_EXPORT_STATEMENT_TIMEOUT = env_int("DB_EXPORT_STATEMENT_TIMEOUT", 600_000)
DB_WATCHDOG_SECONDS = float(os.environ.get("DB_WATCHDOG_SECONDS", "0") or 0)
DB_EXPORT_WATCHDOG_SECONDS = float(os.environ.get("DB_EXPORT_WATCHDOG_SECONDS", "0") or 0)
DB_BREAKER_SECONDS = float(os.environ.get("DB_BREAKER_SECONDS", "0") or 0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "emulation.db"
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 3)
    if DB_STATEMENT_TIMEOUT:
        DATABASES["default"]["OPTIONS"]["options"] = f"-c statement_timeout={DB_STATEMENT_TIMEOUT}"
# The 503 page asks clients to come back after this many seconds.
DB_RETRY_AFTER_SECONDS = env_int("DB_RETRY_AFTER_SECONDS", 30)

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before the password is checked
    "emulation.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "vendor"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
# Django's own "vi" formats would read 05/03 as 3 May; our formats module says dd/mm/yyyy.
FORMAT_MODULE_PATH = ["emulation.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = BASE_DIR / "media"

LOGIN_URL = "admin:login"

# django-import-export: the confirm step reads the upload back from the cache, which
# must be shared between web workers (database cache below), never a worker's memory.
# Uploads wait in their own database cache table ("imports" below) for an hour at most.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "awards.import_formats.ShortLivedCacheStorage"
IMPORT_UPLOAD_SECONDS = env_int("IMPORT_UPLOAD_SECONDS", 3600)
# Admin import limits (CSV and XLSX only), checked before a file is loaded
# (awards.import_formats.LimitedImports, mixed into the admin's import-export classes).
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 50)
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# A cell beginning with = + - @ is neutralised in every export (CSV injection).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "django_cache",
    },
    # Admin uploads waiting for the import's confirm step (awards.import_formats):
    # shared by every worker, in their own table so that old ones are culled quickly.
    "imports": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "import_uploads",
        "OPTIONS": {"MAX_ENTRIES": 50},
    },
    # Rendered public pages (awards.caching), emptied whole on any register change:
    # each worker's memory by default; a shared backend (Redis, database) serves all workers.
    "pages": {
        "BACKEND": os.environ.get(
            "PAGE_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": os.environ.get("PAGE_CACHE_LOCATION", "public-pages"),
    },
    # Running exports per client (emulation.export_limit): shared by every worker of the
    # host without a database query (files); a Redis cache serves several hosts.
    "limits": {
        "BACKEND": os.environ.get(
            "LIMITS_CACHE_BACKEND", "django.core.cache.backends.filebased.FileBasedCache"
        ),
        "LOCATION": os.environ.get("LIMITS_CACHE_LOCATION", "/tmp/emulation-limits"),
    },
}

# Every cookie: SameSite always; Secure whenever DEBUG is off (below).
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True  # only the server reads the language choice

# Production hardening: active whenever DEBUG is off, so `check --deploy` is clean.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # the probes are asked over plain HTTP from inside the host (docker's healthcheck)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): no inline script or style on any page, public or
# admin; everything comes from our own origin (no CDN). Styles and behaviours live in static/.
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
# Browser features the register never uses, turned off (emulation.security).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user
# from one address, that pair is locked for AXES_COOLOFF_TIME; an account tried from many
# addresses is locked everywhere after LOGIN_FAILURES_PER_USER, and an address trying many
# accounts after LOGIN_FAILURES_PER_ADDRESS (emulation.security.LayeredLockoutHandler).
# Every failure is logged (logger "axes") and kept in the admin ("Access failures").
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
LOGIN_FAILURE_LIMITS = {
    "username+ip_address": AXES_FAILURE_LIMIT,
    "username": env_int("LOGIN_FAILURES_PER_USER", 10),
    "ip_address": env_int("LOGIN_FAILURES_PER_ADDRESS", 20),
}
AXES_HANDLER = "emulation.security.LayeredLockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False  # no banner at every start; failures are still logged as warnings
AXES_LOCKOUT_CALLABLE = "emulation.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "emulation.security.axes_client_ip"

# Full exports (format=csv|xlsx) running at once for one anonymous client address, and for
# one signed-in staff user wherever they are (emulation.export_limit).
EXPORTS_PER_CLIENT = env_int("EXPORTS_PER_CLIENT", 2)
EXPORTS_PER_STAFF = env_int("EXPORTS_PER_STAFF", 6)
EXPORT_RETRY_AFTER_SECONDS = env_int("EXPORT_RETRY_AFTER_SECONDS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"short_database_failures": {"()": "emulation.log_filters.ShortDatabaseFailures"}},
    # e.g. LOG_FORMAT="%(asctime)s %(levelname)s %(name)s %(message)s" where nothing stamps lines
    "formatters": {"plain": {"format": os.environ.get("LOG_FORMAT", "%(message)s")}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["short_database_failures"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Who keeps the register and on what terms its open data is published (the About page,
# /about/). The province also names the publisher of an article that does not say which
# province it is about (awards.importer.outlets).
REGISTER_OWNER = os.environ.get("REGISTER_OWNER", "Ban Thi đua - Khen thưởng tỉnh Bắc Ninh")
REGISTER_PROVINCE = os.environ.get("REGISTER_PROVINCE", "Bắc Ninh")
REGISTER_CONTACT_EMAIL = os.environ.get("REGISTER_CONTACT_EMAIL", "")
OPEN_DATA_LICENCE = os.environ.get("OPEN_DATA_LICENCE", "CC BY 4.0")
OPEN_DATA_LICENCE_URL = os.environ.get(
    "OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)

# Public pages are rebuilt at most this often per worker (0 turns the page cache off).
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "60"))

# Names of the staff groups created by migration (issue: staff workflow).
BOARD_ADMIN_GROUP = "Board administrators"
