import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in the default language; a request's LocaleMiddleware must not leak into the next test."""
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests make many users: a fast hasher keeps set-up quick (production uses Argon2id, composer.hashers)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def owner(db):
    """The user whose notices a test works with (a profile filled in)."""
    from .factories import make_user

    return make_user()


@pytest.fixture
def browser(client, owner):
    """A test client logged in as `owner`."""
    client.force_login(owner)
    return client


@pytest.fixture
def export_dir(settings, tmp_path):
    """Bulk-export ZIPs go to a folder of the test's own, so a test sees only the files it made."""
    settings.EXPORT_DIR = tmp_path / "exports"
    return settings.EXPORT_DIR


@pytest.fixture
def downloads_dir(settings, tmp_path):
    """A final notice's stored downloads go to a folder of the test's own."""
    from django.core.files.storage import storages

    location = tmp_path / "downloads"
    settings.STORAGES = settings.STORAGES | {
        "downloads": {"BACKEND": "composer.storage.AtomicFileSystemStorage", "OPTIONS": {"location": location}}
    }
    storages._storages.pop("downloads", None)
    yield location
    storages._storages.pop("downloads", None)
