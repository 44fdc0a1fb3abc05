"""Deployment: the settings production needs come from the environment, and unsafe ones are refused."""

import json
import os
import subprocess
import sys

from django.conf import settings

ROOT = settings.BASE_DIR

# The production environment the README documents (with example values).
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "9vK2mQ7xP4rT8wZ1bN6cF3hJ5sL0dG7aE2yU9iO4pR6tW1qX8zC3vB5nM0kH7jD",
    "SITE_URL": "https://delaynote.example.com",
    "EMAIL_HOST": "smtp.example.com",
    "EMAIL_PORT": "587",
    "EMAIL_USE_TLS": "1",
    "DEFAULT_FROM_EMAIL": "Delaynote <notices@delaynote.example.com>",
}


def environment(tmp_path, **env):
    """A clean environment: nothing from the developer's shell or the test run but PATH and the database."""
    base = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "delaynote.settings",
        "SECRET_KEY_FILE": str(tmp_path / "no-secret-key"),
    }
    if os.environ.get("DATABASE_URL"):
        base["DATABASE_URL"] = os.environ["DATABASE_URL"]
    return base | env


def manage(tmp_path, *args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_in(tmp_path, *names, **env):
    """The named settings as a process started with `env` sees them."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert result.stderr == ""


def test_debug_is_off_unless_set(tmp_path):
    assert settings_in(tmp_path, "DEBUG", SECRET_KEY="x" * 50) == {"DEBUG": False}
    assert settings_in(tmp_path, "DEBUG", DEBUG="1") == {"DEBUG": True}


def test_it_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage(tmp_path, "check", DEBUG="0")
    assert result.returncode == 1
    assert "ImproperlyConfigured: SECRET_KEY is missing or is the development key, and DEBUG is off." in result.stderr


def test_it_refuses_to_start_with_the_committed_development_key(tmp_path):
    result = manage(tmp_path, "check", DEBUG="0", SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY)
    assert result.returncode == 1
    assert "SECRET_KEY is missing or is the development key" in result.stderr


def test_the_development_key_serves_only_with_debug_on(tmp_path):
    assert settings_in(tmp_path, "SECRET_KEY", DEBUG="1") == {"SECRET_KEY": settings.DEVELOPMENT_SECRET_KEY}


def test_it_reads_the_key_kept_in_a_file(tmp_path):
    (tmp_path / "secret_key").write_text("kept-" + "k" * 50 + "\n")
    seen = settings_in(tmp_path, "SECRET_KEY", SECRET_KEY_FILE=str(tmp_path / "secret_key"))
    assert seen == {"SECRET_KEY": "kept-" + "k" * 50}


def test_the_environment_wins_over_the_file(tmp_path):
    (tmp_path / "secret_key").write_text("from-the-file-" + "f" * 40)
    seen = settings_in(tmp_path, "SECRET_KEY", SECRET_KEY="from-the-environment-" + "e" * 40)
    assert seen == {"SECRET_KEY": "from-the-environment-" + "e" * 40}


SECURITY = [
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_PROXY_SSL_HEADER",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
]


def test_a_site_served_over_https_gets_every_security_setting(tmp_path):
    seen = settings_in(tmp_path, *SECURITY, **PRODUCTION)
    assert seen == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "ALLOWED_HOSTS": ["delaynote.example.com", "127.0.0.1", "localhost"],
        "CSRF_TRUSTED_ORIGINS": ["https://delaynote.example.com"],
    }


def test_a_site_served_over_plain_http_gets_none_of_them(tmp_path):
    seen = settings_in(tmp_path, *SECURITY, SECRET_KEY="x" * 50)
    assert seen == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_PROXY_SSL_HEADER": None,
        "ALLOWED_HOSTS": ["127.0.0.1", "localhost"],
        "CSRF_TRUSTED_ORIGINS": ["http://127.0.0.1:8000"],
    }


def test_each_security_setting_can_be_set_from_the_environment(tmp_path):
    seen = settings_in(
        tmp_path,
        *SECURITY,
        **PRODUCTION
        | {
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "3600",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "0",
            "SECURE_HSTS_PRELOAD": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Scheme",
            "ALLOWED_HOSTS": "notices.example.com",
            "CSRF_TRUSTED_ORIGINS": "https://notices.example.com",
        },
    )
    assert seen == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 3600,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_SCHEME", "https"],
        "ALLOWED_HOSTS": ["notices.example.com"],
        "CSRF_TRUSTED_ORIGINS": ["https://notices.example.com"],
    }
    assert settings_in(tmp_path, "SECURE_PROXY_SSL_HEADER", **PRODUCTION, SECURE_PROXY_SSL_HEADER="0") == {
        "SECURE_PROXY_SSL_HEADER": None
    }


def test_postgresql_connections_are_kept_and_checked_sqlite_ones_are_not(tmp_path):
    postgres = settings_in(tmp_path, "DATABASES", DEBUG="1", DATABASE_URL="postgres://u:p@127.0.0.1:5432/d")
    assert postgres["DATABASES"]["default"]["CONN_MAX_AGE"] == 60
    assert postgres["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is True
    sqlite = settings_in(tmp_path, "DATABASES", DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert sqlite["DATABASES"]["default"]["CONN_MAX_AGE"] == 0
    assert sqlite["DATABASES"]["default"]["CONN_HEALTH_CHECKS"] is False


def test_mail_goes_through_the_smtp_server_when_one_is_named(tmp_path):
    mailers = settings_in(tmp_path, "MAILERS", **PRODUCTION)["MAILERS"]
    assert mailers["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailers["default"]["OPTIONS"]["host"] == "smtp.example.com"
    files = settings_in(tmp_path, "MAILERS", DEBUG="1")["MAILERS"]
    assert files["default"]["BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
