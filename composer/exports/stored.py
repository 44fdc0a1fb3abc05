"""Downloads of a final notice, rendered once and kept in storage.

A final notice never changes, so each of its files (a format in a language) is rendered on
the first download and kept in the `downloads` storage (the file system by default; any
storage by settings, so several app servers share one copy). The file's name is a digest of
what it is made from — the notice and the moment it was frozen, the format, the language and
`REVISION` — which is also its ETag: a new revision of the renderers makes new files. Knowing
it needs none of the notice's answers, so a stored file is served without reading them.
"""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import storages

# Raise when a release changes what the renderers make of the same notice.
REVISION = "2026-11-29"
EXTENSIONS = {"html": "html", "txt": "txt", "eml": "eml", "pdf": "pdf", "chat": "txt"}


def storage():
    return storages["downloads"]


def etag(notice, fmt, language):
    """The identity of a final notice's file, or None for a draft (whose files change with its answers)."""
    if notice.is_draft or notice.finalised is None:
        return None
    made_of = f"{notice.pk}|{notice.finalised.isoformat()}|{fmt}|{language}|{REVISION}"
    return hashlib.sha256(made_of.encode()).hexdigest()[:40]


def folder(notice_pk):
    return f"notices/{notice_pk}"


def name(notice, fmt, language):
    return f"{folder(notice.pk)}/{etag(notice, fmt, language)}.{EXTENSIONS[fmt]}"


def open_stored(notice, fmt, language):
    """The stored file of a final notice, opened for reading, or None if it was not rendered yet."""
    if etag(notice, fmt, language) is None:
        return None
    try:
        return storage().open(name(notice, fmt, language), "rb")
    except (FileNotFoundError, OSError):
        return None


def keep(notice, fmt, language, data):
    """Store the rendered bytes of a final notice (a no-op for drafts)."""
    if etag(notice, fmt, language) is None:
        return
    path = name(notice, fmt, language)
    if not storage().exists(path):
        storage().save(path, ContentFile(data))


def forget(notice_pk):
    """Delete every stored file of a notice (it was deleted)."""
    store = storage()
    try:
        _dirs, files = store.listdir(folder(notice_pk))
    except (FileNotFoundError, NotADirectoryError, OSError):
        return
    for file in files:
        store.delete(f"{folder(notice_pk)}/{file}")
