"""Database writes that wait out a busy database instead of failing: SQLite answers `database is locked`
when another process holds its write lock longer than the connection's timeout."""

import logging
import time

from django.db import OperationalError

logger = logging.getLogger(__name__)

# Pauses of 0.5, 1, 2 … 16 s: with SQLite's own 20 s wait per try, a lock may be held for minutes.
ATTEMPTS = 6
FIRST_PAUSE = 0.5


def is_locked(error):
    """True for the errors a later try may not meet: a locked database, a deadlock, a serialisation failure."""
    text = str(error).lower()
    return isinstance(error, OperationalError) and any(
        word in text for word in ("locked", "deadlock", "could not serialize")
    )


def retrying(function, *args, **kwargs):
    """`function(*args, **kwargs)`, tried again after a growing pause while the database is locked.

    Call it outside any transaction: a try inside one would only repeat a statement of a transaction
    the database has already given up on.
    """
    pause = FIRST_PAUSE
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return function(*args, **kwargs)
        except OperationalError as error:
            if attempt == ATTEMPTS or not is_locked(error):
                raise
            logger.warning("%s: %s; trying again in %.1f s", getattr(function, "__name__", function), error, pause)
            time.sleep(pause)
            pause *= 2
    return None
