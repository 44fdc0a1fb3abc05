"""File storage whose files appear whole: written beside their name, then moved into place."""

import os
import uuid
from pathlib import Path

from django.core.files.storage import FileSystemStorage


class AtomicFileSystemStorage(FileSystemStorage):
    """A reader on another process or server never opens a half-written file.

    Saving under an existing name replaces it: the stored files are named by what they
    hold, so two servers saving one name at once save the same bytes.
    """

    def _save(self, name, content):
        full = Path(self.path(name))
        full.parent.mkdir(parents=True, exist_ok=True)
        partial = full.with_name(f".{full.name}.{uuid.uuid4().hex}.part")
        try:
            with open(partial, "wb") as out:
                for chunk in content.chunks():
                    out.write(chunk)
            if self.file_permissions_mode is not None:
                os.chmod(partial, self.file_permissions_mode)
            os.replace(partial, full)
        finally:
            partial.unlink(missing_ok=True)
        return str(name).replace("\\", "/")

    def get_available_name(self, name, max_length=None):
        return name
