"""The project's settings for the test suite, which runs with DEBUG off as production does.

Each test run gets a random secret key of its own unless SECRET_KEY is set, so the suite never
depends on a developer's `var/secret_key`; processes the tests start inherit it. Files the tests
make (stored downloads) go to a scratch folder of the run, never to var/.
"""

import atexit
import os
import secrets
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "tests-" + secrets.token_urlsafe(40))

from delaynote.settings import *  # noqa: E402, F403
from delaynote.settings import STORAGES  # noqa: E402

SCRATCH = Path(tempfile.mkdtemp(prefix="delaynote-tests-"))
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)
MEDIA_ROOT = SCRATCH / "media"
STORAGES = STORAGES | {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": MEDIA_ROOT}},
    "downloads": {
        "BACKEND": "composer.storage.AtomicFileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT / "downloads"},
    },
}
