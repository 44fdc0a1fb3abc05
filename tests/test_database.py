"""The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL says so."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.db import connection


@pytest.mark.django_db
def test_the_configured_database_is_the_one_in_use():
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
    get_user_model().objects.create_user("owner", password="a long enough password")
    assert get_user_model().objects.filter(username="owner").count() == 1


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings")
def test_sqlite_writes_take_the_lock_up_front():
    assert connection.transaction_mode == "IMMEDIATE"


def test_sqlite_runs_in_wal_mode(tmp_path, settings, django_db_blocker):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite settings")
    wrapper = DatabaseWrapper(
        {**settings.DATABASES["default"], "NAME": str(tmp_path / "wal.sqlite3"), "OPTIONS": options}, "wal"
    )
    with django_db_blocker.unblock(), wrapper.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    wrapper.close()
