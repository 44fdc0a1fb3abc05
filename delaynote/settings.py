"""Settings for Delaynote, read from environment variables with local defaults."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# The address users reach the site at; links in emails are built from it, never from the request.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_site = urlsplit(SITE_URL)
# Served over HTTPS: every security setting below is on unless turned off.
HTTPS = _site.scheme == "https"

# The key signs sessions and password-reset links. Taken from SECRET_KEY, else from the file
# SECRET_KEY_FILE names (var/secret_key, which `make` creates once); without DEBUG the key
# committed here for development is refused.
DEVELOPMENT_SECRET_KEY = "insecure-local-development-key-change-me-in-production"
SECRET_KEY_FILE = Path(env("SECRET_KEY_FILE", str(BASE_DIR / "var" / "secret_key")))
SECRET_KEY = env("SECRET_KEY") or (SECRET_KEY_FILE.read_text().strip() if SECRET_KEY_FILE.is_file() else "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
if not DEBUG and SECRET_KEY in ("", DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY is missing or is the development key, and DEBUG is off. Set SECRET_KEY to a long random "
        f"value (or put one in {SECRET_KEY_FILE}; `make run` creates it), or set DEBUG=1 for development."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ",".join(dict.fromkeys([_site.hostname or "", "127.0.0.1", "localhost"])))
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", f"{_site.scheme}://{_site.netloc}")

# HTTPS. Behind a reverse proxy that terminates TLS, the proxy says so in X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", HTTPS)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", HTTPS)
_proxy_header = env("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto" if HTTPS else "")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
    if _proxy_header.lower() not in {"", "0", "false", "no", "off"}
    else None
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "django_countries",
    "composer",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

FORM_RENDERER = "composer.forms.FormRenderer"

ROOT_URLCONF = "delaynote.urls"
WSGI_APPLICATION = "delaynote.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
SQLITE = DATABASE_URL.startswith("sqlite")
# PostgreSQL connections are kept open between requests (checked before reuse); opening one per
# request doubled the time of a save. SQLite opens a file, which costs nothing.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0" if SQLITE else "60")),
        conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", not SQLITE),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # 16 KiB pages hold a whole notice row (its JSON columns) where 4 KiB pages chain overflow pages: a search
        # reads a quarter fewer pages. The size applies to a new database file only (set before WAL starts).
        "init_command": "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
    ("vi", _("Vietnamese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# One date and number style per interface language (delaynote/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["delaynote.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Downloads of final notices, rendered once and kept: on this machine's disk by default. Several app
# servers share one store by pointing DOWNLOADS_STORAGE at a shared one, e.g. an S3-compatible bucket:
# DOWNLOADS_STORAGE=storages.backends.s3.S3Storage with S3_BUCKET, S3_ENDPOINT_URL, S3_ACCESS_KEY, S3_SECRET_KEY
# (that backend needs boto3: pip install "django-storages[s3]").
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
DOWNLOADS_STORAGE = env("DOWNLOADS_STORAGE", "composer.storage.AtomicFileSystemStorage")
if DOWNLOADS_STORAGE.endswith("S3Storage"):
    DOWNLOADS_OPTIONS = {
        "bucket_name": env("S3_BUCKET"),
        "endpoint_url": env("S3_ENDPOINT_URL") or None,
        "access_key": env("S3_ACCESS_KEY"),
        "secret_key": env("S3_SECRET_KEY"),
        "location": env("S3_LOCATION", "delaynote"),
        "default_acl": "private",
        "querystring_auth": True,
    }
else:
    DOWNLOADS_OPTIONS = {"location": MEDIA_ROOT / "downloads"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": MEDIA_ROOT}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "downloads": {"BACKEND": DOWNLOADS_STORAGE, "OPTIONS": DOWNLOADS_OPTIONS},
}
# Static files whose names carry a hash of their content (the interface fonts, named so by
# scripts/build_fonts.py) never change: WhiteNoise serves them cacheable for good.
WHITENOISE_IMMUTABLE_FILE_TEST = r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$"

# Mail goes through the SMTP server EMAIL_HOST names; without one, into files in var/mail.
EMAIL_BACKEND_PATH = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env("EMAIL_HOST")
    else "django.core.mail.backends.filebased.EmailBackend",
)
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILER_OPTIONS = {
        "host": env("EMAIL_HOST", "localhost"),
        "port": int(env("EMAIL_PORT", "25")),
        "username": env("EMAIL_HOST_USER"),
        "password": env("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS"),
    }
elif EMAIL_BACKEND_PATH.endswith("filebased.EmailBackend"):
    MAILER_OPTIONS = {"file_path": env("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))}
else:
    MAILER_OPTIONS = {}
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": MAILER_OPTIONS}}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Delaynote <notices@delaynote.localhost>")

# Letters: where the PDF renderer may read fonts and stylesheets from.
LETTER_ASSET_DIRS = [BASE_DIR / "static" / "fonts", BASE_DIR / "static" / "css"]

# Logs go to standard error, whatever DEBUG says: a 500 is logged with its traceback by
# django.request. Django's own handlers (console only with DEBUG, mail to ADMINS) are replaced.
LOG_LEVEL = env("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"console": {"format": "[{asctime}] {levelname} {name} {process}: {message}", "style": "{"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "console"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL},
        "composer": {"level": LOG_LEVEL},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}

# Background tasks (bulk ZIP exports): a database-backed queue run by `manage.py db_worker`.
# TASKS_BACKEND=immediate runs each task at once, in the request; a dotted path picks any backend.
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "dummy": "django.tasks.backends.dummy.DummyBackend",
}
TASKS_BACKEND = env("TASKS_BACKEND") or "database"
TASKS = {"default": {"BACKEND": TASK_BACKENDS.get(TASKS_BACKEND, TASKS_BACKEND)}}
# Where the ZIP files of bulk exports are written.
EXPORT_DIR = Path(env("EXPORT_DIR", str(BASE_DIR / "var" / "exports")))
# A JSON import holding more notices than this is refused before anything is read into the database.
IMPORT_MAX_NOTICES = int(env("IMPORT_MAX_NOTICES", "10000"))
# A background import writes this many notices per transaction: no transaction holds the database for long.
IMPORT_BATCH_SIZE = int(env("IMPORT_BATCH_SIZE", "200"))
# A running job whose worker has not reported for this long is taken as dead: retried once, then failed.
JOB_LEASE_SECONDS = int(env("JOB_LEASE_SECONDS", "60"))
# A notice sent by email waits this long in the outbox, so the user can undo it.
SEND_DELAY_SECONDS = int(env("SEND_DELAY_SECONDS", "10"))
# Finished ZIP exports are deleted after this many days.
EXPORT_TTL_DAYS = int(env("EXPORT_TTL_DAYS", "7"))
# How often `manage.py worker` runs the clean-up (`manage.py prune`).
PRUNE_INTERVAL_SECONDS = int(env("PRUNE_INTERVAL_SECONDS", "3600"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Accounts. Passwords are hashed with Argon2; older PBKDF2 hashes still verify and are rehashed at the next login.
PASSWORD_HASHERS = [
    "composer.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

# Login throttling (django-axes): failed logins are counted per account and per client address; when
# either count reaches its limit, logging in is refused for the cool-off time after the last failure.
LOGIN_FAILURES_PER_ACCOUNT = int(env("LOGIN_FAILURES_PER_ACCOUNT", "10"))
LOGIN_FAILURES_PER_ADDRESS = int(env("LOGIN_FAILURES_PER_ADDRESS", "30"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = LOGIN_FAILURES_PER_ACCOUNT
AXES_HANDLER = "composer.throttling.AccountAndAddressHandler"
AXES_COOLOFF_TIME = int(env("LOGIN_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_CALLABLE = "composer.views.accounts.locked_out"
AXES_CLIENT_IP_CALLABLE = "composer.throttling.client_ip"
# Password-reset requests in the last hour: past the address's limit the form is refused (429); past the
# email address's limit the page looks the same but no more email is sent.
PASSWORD_RESETS_PER_ADDRESS = int(env("PASSWORD_RESETS_PER_ADDRESS", "20"))
PASSWORD_RESETS_PER_EMAIL = int(env("PASSWORD_RESETS_PER_EMAIL", "3"))
# The number of reverse proxies in front of the app that append the client address to X-Forwarded-For;
# 0 (the default) trusts no header and uses the address of the connection.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
