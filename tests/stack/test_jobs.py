"""Background jobs against real processes: the worker killed with SIGKILL mid-export and mid-import, and
the worker kept running while another process holds the SQLite database locked."""

import copy
import io
import json
import re
import subprocess
import time
import urllib.error
import urllib.request
import uuid
import zipfile

import pytest

from tests.stack import PYTHON, ROOT, Client, Stack

# A worker is taken for dead after 5 s without a heartbeat (60 s in production).
LEASE = "5"


def wait_for(check, timeout=60, every=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout} s")


def partial_files(stack):
    return list((stack.root / "exports").rglob("*.part"))


def make_notices(stack, count):
    stack.python(
        "from django.contrib.auth import get_user_model\n"
        "from tests.factories import make_notice\n"
        "owner = get_user_model().objects.get(username='alice')\n"
        f"for i in range({count}):\n"
        "    make_notice(owner, title=f'Notice {i}')\n"
    )


def test_an_export_whose_worker_is_killed_is_retried_and_completes(stack):
    username, password = stack.user()
    make_notices(stack, 24)
    client = Client(stack.server(workers=1, threads=2, JOB_LEASE_SECONDS=LEASE)).login(username, password)
    response = client.post("/exports/", {"scope": "all"})
    job_url = response.headers["Location"]
    status_url = job_url + "status/"

    worker = stack.worker(JOB_LEASE_SECONDS=LEASE)
    wait_for(lambda: json.loads(client.get(status_url).text)["done"] >= 3)
    Stack.kill(worker)
    killed = time.monotonic()
    assert partial_files(stack), "the killed run leaves a partial file"
    state = json.loads(client.get(status_url).text)
    assert state["state"] == "running" and state["done"] < 24

    stack.worker(JOB_LEASE_SECONDS=LEASE)
    wait_for(lambda: "start again" in client.get(job_url).text or json.loads(client.get(status_url).text)["done"] == 0)
    detected = time.monotonic() - killed
    state = wait_for(lambda: (s := json.loads(client.get(status_url).text))["state"] == "done" and s, timeout=90)
    print(f"export: dead run detected {detected:.1f} s after the kill")
    assert state["done"] == state["total"] == 24
    assert partial_files(stack) == []
    archive = zipfile.ZipFile(io.BytesIO(client.get(state["download"]).body))
    assert len({name.split("/")[0] for name in archive.namelist() if "/" in name}) == 24
    attempts = stack.python("from composer.models import ExportJob; print(ExportJob.objects.get().attempts)")
    assert attempts == 2


def big_document(stack, count):
    """A Delaynote data file of `count` notices (copies of one, each with a log entry), made outside the stack."""
    stack.python(
        "from django.contrib.auth import get_user_model\n"
        "from composer.models import LogEntry, Profile\n"
        "from tests.factories import make_notice\n"
        "owner = get_user_model().objects.create_user('source')\n"
        "Profile.objects.create(user=owner)\n"
        "n = make_notice(owner, title='Model')\n"
        "LogEntry.objects.create(notice=n, date='2026-01-05', channel='email', response='accepted')\n"
    )
    data = stack.python(
        "import json\n"
        "from django.contrib.auth import get_user_model\n"
        "from composer.portability import export_user\n"
        "print(json.dumps(export_user(get_user_model().objects.get(username='source'))))\n"
    )
    model = data["notices"][0]
    notices = []
    for i in range(1, count + 1):
        notice = copy.deepcopy(model) | {"id": i, "title": f"Imported {i}", "client": model["client"]}
        notices.append(notice)
    notices[1]["follows"] = 1
    return data | {"notices": notices, "profile": None}


def upload(client, data):
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{client.csrf()}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="data.json"\r\n'
            "Content-Type: application/json\r\n\r\n"
        ).encode()
        + json.dumps(data).encode()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        client.base + "/account/data/import/",
        data=body,
        method="POST",
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": client.base + "/"},
    )
    try:
        return client.opener.open(request, timeout=120)
    except urllib.error.HTTPError as error:  # redirects are answers to check, not to follow
        return error


def progress(client, url):
    text = client.get(url).text
    found = re.search(r'<progress id="import-bar" max="(\d+)" value="(\d+)"', text)
    return (int(found[2]), int(found[1])) if found else (None, None), text


def test_an_import_whose_worker_is_killed_resumes_without_duplicates(stack):
    count = 400
    username, password = stack.user()
    data = big_document(stack, count)
    client = Client(stack.server(workers=1, threads=2, JOB_LEASE_SECONDS=LEASE)).login(username, password)
    started = time.monotonic()
    response = upload(client, data)
    assert response.status == 302 and "/account/data/imports/" in response.headers["Location"], response.status
    job_url = response.headers["Location"].removeprefix(client.base)
    checked = time.monotonic() - started

    # Batches of 25: the worker is killed after the first and long before the sixteenth.
    worker = stack.worker(JOB_LEASE_SECONDS=LEASE, IMPORT_BATCH_SIZE="25")
    wait_for(lambda: (progress(client, job_url)[0][0] or 0) >= 25, every=0.05)
    Stack.kill(worker)
    (done, total), _text = progress(client, job_url)
    assert 25 <= done < total == count, (done, total)

    restarted = time.monotonic()
    stack.worker(JOB_LEASE_SECONDS=LEASE)
    text = wait_for(
        lambda: (p := progress(client, job_url))[0][0] == count and "Imported" in p[1] and p[1], timeout=120
    )
    print(
        f"import of {count} notices: checked in the request in {checked:.1f} s; "
        f"after the kill at {done}, finished {time.monotonic() - restarted:.1f} s after the new worker started"
    )
    assert f"Imported {count} notices · 1 client" in text
    counts = stack.python(
        "import json\n"
        "from django.db.models import Count\n"
        "from composer.models import ImportJob, LogEntry, Notice\n"
        "notices = Notice.objects.filter(owner__username='alice')\n"
        "job = ImportJob.objects.get()\n"
        "print(json.dumps({'notices': notices.count(), 'titles': notices.values('title').distinct().count(),\n"
        "  'twice': notices.values('title').annotate(n=Count('pk')).filter(n__gt=1).count(),\n"
        "  'log': LogEntry.objects.filter(notice__owner__username='alice').count(),\n"
        "  'follows': notices.get(title='Imported 2').follows.title,\n"
        "  'attempts': job.attempts, 'data': job.data is None}))\n"
    )
    assert counts == {
        "notices": count,
        "titles": count,
        "twice": 0,
        "log": count,
        "follows": "Imported 1",
        "attempts": 2,
        "data": True,
    }


HOLD_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE django_session SET expire_date = expire_date")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


def test_the_worker_keeps_running_while_the_database_is_locked(stack):
    if not stack.database_url.startswith("sqlite"):
        pytest.skip("SQLite only: PostgreSQL locks rows, not the database, and never answers 'database is locked'")
    username, _password = stack.user()
    make_notices(stack, 2)
    worker = stack.worker(JOB_LEASE_SECONDS=LEASE)
    wait_for(lambda: "Clean-up:" in stack.log(worker))  # started, and through its first clean-up
    # Longer than SQLite's 20 s busy timeout: the worker's own polling meets `database is locked`.
    locker = subprocess.Popen(
        [PYTHON, "-c", HOLD_LOCK, str(stack.root / "db.sqlite3"), "25"], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert locker.stdout.readline().strip() == "locked"
    locker.wait(timeout=60)
    assert worker.poll() is None, stack.log(worker)
    assert "database is locked" in stack.log(worker)

    job = stack.python(
        "from composer import jobs\n"
        "from composer.models import ExportJob, Notice\n"
        "job = ExportJob.objects.create(owner_id=Notice.objects.first().owner_id,\n"
        "    notice_ids=list(Notice.objects.values_list('pk', flat=True)), total=2)\n"
        "jobs.start(job)\n"
        "print(job.pk)\n"
    )
    check = f"from composer.models import ExportJob; print(ExportJob.objects.get(pk={job}).state)"
    wait_for(lambda: stack.python(check) == "done", timeout=60, every=0.5)
    assert worker.poll() is None
