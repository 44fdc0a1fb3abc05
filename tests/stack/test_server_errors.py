"""An error in production is logged where the operator looks: standard error, with its traceback."""

import time
import urllib.error
import urllib.request
from pathlib import Path


def test_a_server_error_is_logged_with_its_traceback_when_debug_is_off(stack, tmp_path):
    """gunicorn with DEBUG off, on a database nobody migrated: the page is a 500, and stderr has the why."""
    server = stack.server(workers=1, threads=2, DEBUG="0", DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    request = urllib.request.Request(server + "/", headers={"Cookie": "sessionid=abcdefghijklmnopqrstuvwxyz012345"})
    try:
        urllib.request.urlopen(request, timeout=30)
        status = 200
    except urllib.error.HTTPError as error:
        status = error.code
        body = error.read().decode()
    assert status == 500
    assert "Traceback" not in body
    log_file = Path(stack.processes[-1].log.name)
    deadline = time.monotonic() + 10
    while "no such table" not in log_file.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    log = log_file.read_text()
    assert "ERROR django.request" in log
    assert "Internal Server Error: /" in log
    assert "Traceback (most recent call last):" in log
    assert "no such table: django_session" in log
