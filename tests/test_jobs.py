"""Background jobs that survive faults: heartbeats and leases, retry or failure, cancelling, imports in
batches that resume, and the clean-up."""

import datetime as dt
import json

import pytest
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from composer import exports, jobs, portability, retrying, tasks
from composer.models import ExportJob, ImportedRecord, ImportJob, LogEntry, Notice, Stopped
from composer.portability import export_user

from .factories import make_client, make_notice, make_user

DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def setup(settings, export_dir):
    settings.TASKS = DUMMY
    settings.JOB_LEASE_SECONDS = 60


def ago(seconds):
    return timezone.now() - dt.timedelta(seconds=seconds)


def running_export(owner, attempts=1, beat=0, **kw):
    """An export job as a worker leaves it, `beat` seconds after its last heartbeat, with its partial file."""
    job = ExportJob.objects.create(
        owner=owner, state="running", attempts=attempts, heartbeat=ago(beat), total=3, done=1, **kw
    )
    folder = tasks.job_folder(job)
    folder.mkdir(parents=True)
    (folder / f"delaynote-export-{job.pk}.zip.{attempts}.part").write_bytes(b"PK partial")
    return job


def page(browser, job):
    name = "export_job" if isinstance(job, ExportJob) else "import_job"
    return browser.get(reverse(name, args=[job.pk])).content.decode()


# A job whose worker died


@pytest.mark.django_db
def test_a_job_with_a_fresh_heartbeat_is_left_alone(browser, owner):
    job = running_export(owner, beat=59)
    assert "Building the ZIP…" in page(browser, job)
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("running", 1)
    assert list(tasks.job_folder(job).glob("*.part"))


@pytest.mark.django_db
def test_a_dead_export_is_retried_once_then_failed_with_a_message(browser, owner, settings):
    settings.TASKS = DATABASE
    job = running_export(owner, beat=61, language="en")
    text = page(browser, job)
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("queued", 1)
    assert "it will start again in a moment" in text and 'hx-trigger="every 1s"' in text
    assert not tasks.job_folder(job).exists()  # the dead run's partial file is gone
    assert DBTaskResult.objects.get(pk=job.task_id).args_kwargs["args"] == [job.pk]

    job = ExportJob.claim(job.pk)
    assert job.attempts == 2
    DBTaskResult.objects.filter(pk=job.task_id).update(status="RUNNING")
    ExportJob.objects.filter(pk=job.pk).update(heartbeat=ago(61))
    status = browser.get(reverse("export_status", args=[job.pk])).json()
    assert status["state"] == "failed" and "stopped twice" in status["error"]
    text = page(browser, job)
    assert "The export stopped twice before it was finished." in text and "hx-trigger" not in text
    assert DBTaskResult.objects.get(pk=job.task_id).status == "FAILED"


@pytest.mark.django_db
def test_a_stale_run_stops_at_its_next_heartbeat(owner):
    job = running_export(owner, beat=61)
    jobs.recover(job)
    retry = ExportJob.claim(job.pk)
    with pytest.raises(Stopped):
        job.beat(done=2)  # the first run, had it only been slow
    retry.beat(done=2)
    assert ExportJob.objects.get(pk=job.pk).done == 2


@pytest.mark.django_db
def test_dead_jobs_do_not_block_new_exports(browser, owner):
    make_notice(owner)
    for _ in range(3):
        running_export(owner, beat=600)
    response = browser.post(reverse("export_create"), {"scope": "all"})
    assert response.status_code == 302 and response.url.startswith("/exports/")
    assert ExportJob.objects.filter(state="queued").count() == 1
    for _ in range(2):
        running_export(owner, beat=1)
    response = browser.post(reverse("export_create"), {"scope": "all"}, follow=True)
    assert "still being built" in response.content.decode()


# Cancelling


@pytest.mark.django_db
def test_the_user_cancels_a_running_export(browser, owner, client):
    job = running_export(owner)
    assert f'action="{reverse("export_cancel", args=[job.pk])}"' in page(browser, job)
    response = browser.post(reverse("export_cancel", args=[job.pk]), follow=True)
    text = response.content.decode()
    assert "The export was cancelled." in text and "hx-trigger" not in text
    job.refresh_from_db()
    assert job.state == "cancelled" and not tasks.job_folder(job).exists()
    assert browser.get(reverse("export_download", args=[job.pk])).status_code == 404

    client.force_login(make_user("stranger"))
    assert client.post(reverse("export_cancel", args=[job.pk])).status_code == 404


@pytest.mark.django_db
def test_the_worker_stops_between_notices_when_the_export_is_cancelled(owner, monkeypatch, settings):
    notices = [make_notice(owner, title=f"Notice {i}") for i in range(3)]
    job = ExportJob.objects.create(owner=owner, notice_ids=[n.pk for n in notices], total=3)
    monkeypatch.setitem(exports.RENDERERS, "pdf", lambda letter, **options: b"%PDF-1.7 stand-in")
    real_letter_for = tasks.letter_for
    seen = []

    def cancelling(notice, *args):
        if not args:
            seen.append(notice.pk)
            if len(seen) == 2:
                assert list(tasks.job_folder(job).glob("*.part"))
                jobs.cancel(job)
        return real_letter_for(notice, *args)

    monkeypatch.setattr(tasks, "letter_for", cancelling)
    assert tasks.build_export.call(job.pk) is None
    job.refresh_from_db()
    assert job.state == "cancelled" and len(seen) == 2
    assert not settings.EXPORT_DIR.exists() or list(settings.EXPORT_DIR.rglob("*")) == []
    assert tasks.build_export.call(job.pk) is None  # its task, run late, does nothing


# Imports


def document(owner, count):
    client = make_client(owner)
    first = make_notice(owner, client, title="Notice 0")
    for i in range(1, count):
        notice = make_notice(owner, client, title=f"Notice {i}")
        if i == 1:
            notice.follows = first
            notice.save()
    LogEntry.objects.create(notice=first, date=timezone.localdate(), channel="email", response="accepted")
    return json.loads(json.dumps(export_user(owner)))


@pytest.mark.django_db
def test_an_import_is_checked_in_the_request_then_written_in_the_background(client, owner):
    data = document(owner, 3)
    user = make_user("newcomer")
    client.force_login(user)
    upload = SimpleUploadedFile("data.json", json.dumps(data).encode(), content_type="application/json")
    response = client.post(reverse("account_data_import"), {"file": upload})
    job = ImportJob.objects.get(owner=user)
    assert response.url == reverse("import_job", args=[job.pk])
    assert (job.state, job.done, job.total) == ("queued", 0, 3) and not Notice.objects.filter(owner=user)
    text = page(client, job)
    assert 'hx-trigger="every 1s"' in text and "Refresh" in text and "0 of 3 notices" in text
    partial = client.get(reverse("import_job", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<section id="import-progress"')

    tasks.import_data.call(job.pk)
    job.refresh_from_db()
    assert (job.state, job.done, job.clients, job.data) == ("done", 3, 1, None)
    text = page(client, job)
    assert "Imported 3 notices · 1 client · your profile kept as it was" in text and "hx-trigger" not in text
    titles = sorted(Notice.objects.filter(owner=user).values_list("title", flat=True))
    assert titles == ["Notice 0", "Notice 1", "Notice 2"]
    assert Notice.objects.get(owner=user, title="Notice 1").follows.title == "Notice 0"

    client.force_login(owner)
    assert client.get(reverse("import_job", args=[job.pk])).status_code == 404


@pytest.mark.django_db
def test_a_bad_file_is_refused_in_the_request_and_no_job_is_made(client, owner):
    client.force_login(owner)
    upload = SimpleUploadedFile("data.json", b'{"format": "other"}', content_type="application/json")
    response = client.post(reverse("account_data_import"), {"file": upload}, follow=True)
    assert "Nothing was imported." in response.content.decode() and not ImportJob.objects.exists()


class WorkerDied(BaseException):
    """Stands for SIGKILL: nothing in the task catches it."""


@pytest.mark.django_db
def test_a_retried_import_resumes_after_the_last_batch_and_writes_nothing_twice(owner, monkeypatch):
    data = document(owner, 7)
    user = make_user("newcomer")
    job = ImportJob.objects.create(owner=user, data=portability.check(data), total=7)
    monkeypatch.setattr(portability, "BATCH", 2)
    real = portability._write_notices
    calls = []

    def dies_in_the_third_batch(*args):
        calls.append(1)
        if len(calls) == 3:
            with transaction.atomic():  # the batch's transaction, never committed
                Notice.objects.create(owner=user, title="half a batch")
                raise WorkerDied
        return real(*args)

    monkeypatch.setattr(portability, "_write_notices", dies_in_the_third_batch)
    with pytest.raises(WorkerDied):
        tasks.import_data.call(job.pk)
    job.refresh_from_db()
    assert (job.state, job.done, job.attempts) == ("running", 4, 1)
    assert Notice.objects.filter(owner=user).count() == 4

    ImportJob.objects.filter(pk=job.pk).update(heartbeat=ago(61))
    job.refresh_from_db()
    assert jobs.recover(job).state == "queued"
    tasks.import_data.call(job.pk)
    job.refresh_from_db()
    assert (job.state, job.done, job.attempts) == ("done", 7, 2)
    titles = list(Notice.objects.filter(owner=user).values_list("title", flat=True))
    assert sorted(titles) == [f"Notice {i}" for i in range(7)]
    assert Notice.objects.get(owner=user, title="Notice 1").follows.title == "Notice 0"
    assert LogEntry.objects.filter(notice__owner=user).count() == 1


@pytest.mark.django_db
def test_an_import_that_fails_leaves_nothing_behind(owner, monkeypatch):
    data = document(owner, 5)
    user = make_user("newcomer")
    job = ImportJob.objects.create(owner=user, data=portability.check(data), total=5)
    monkeypatch.setattr(portability, "BATCH", 2)
    real = portability._write_links

    def broken(*args):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(portability, "_write_links", broken)
    tasks.import_data.call(job.pk)
    monkeypatch.setattr(portability, "_write_links", real)
    job.refresh_from_db()
    assert job.state == "failed" and job.error == "Nothing was imported. The data could not be saved: disk I/O error"
    assert not Notice.objects.filter(owner=user).exists() and not ImportedRecord.objects.exists()


@pytest.mark.django_db
def test_an_import_dead_twice_fails_and_its_notices_are_removed(client, owner, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    user = make_user("newcomer")
    job = ImportJob.objects.create(
        owner=user, data=portability.check(document(owner, 2)), total=2, state="running", attempts=2
    )
    written = make_notice(user, title="written by the dead run")
    ImportedRecord.objects.create(job=job, kind="notice", source=1, target=written.pk)
    ImportJob.objects.filter(pk=job.pk).update(heartbeat=ago(61))
    client.force_login(user)
    text = page(client, job)
    assert "Nothing was imported: the import stopped twice before it was finished." in text
    assert not Notice.objects.filter(owner=user).exists()


# Waiting out a locked database


def test_a_locked_database_is_waited_out(monkeypatch):
    pauses, tries = [], []
    monkeypatch.setattr(retrying.time, "sleep", pauses.append)

    def busy():
        tries.append(1)
        if len(tries) < 4:
            raise OperationalError("database is locked")
        return "written"

    assert retrying.retrying(busy) == "written"
    assert pauses == [0.5, 1.0, 2.0]

    def broken():
        raise OperationalError("no such table: composer_notice")

    with pytest.raises(OperationalError, match="no such table"):
        retrying.retrying(broken)


# The clean-up


@pytest.mark.django_db
def test_the_clean_up(owner, settings, capsys):
    settings.EXPORT_TTL_DAYS = 7
    old = ExportJob.objects.create(owner=owner, state="done", path="1/old.zip", finished=ago(8 * 86400))
    fresh = ExportJob.objects.create(owner=owner, state="done", path="2/fresh.zip", finished=ago(6 * 86400))
    for job in (old, fresh):
        path = settings.EXPORT_DIR / job.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"PK")
    (settings.EXPORT_DIR / "99").mkdir()
    (settings.EXPORT_DIR / "99" / "delaynote-export-99.zip.1.part").write_bytes(b"PK orphan")
    alive = running_export(owner, beat=1)
    dead = running_export(owner, beat=61, attempts=2)
    ancient = ExportJob.objects.create(owner=owner, state="failed", finished=ago(31 * 86400))
    imported = ImportJob.objects.create(owner=owner, state="done", data={"format": "delaynote"})
    result = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="composer.tasks.build_export",
        backend_name="default",
        run_after=timezone.now(),
        status="SUCCESSFUL",
        finished_at=ago(4 * 86400),
    )
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=ago(1))

    call_command("prune")
    assert "expired: 1" in capsys.readouterr().out

    old.refresh_from_db()
    assert (old.state, old.path) == ("expired", "") and not (settings.EXPORT_DIR / "1").exists()
    assert ExportJob.objects.get(pk=fresh.pk).state == "done" and (settings.EXPORT_DIR / fresh.path).exists()
    assert not (settings.EXPORT_DIR / "99").exists()
    assert list(tasks.job_folder(alive).glob("*.part"))
    assert ExportJob.objects.get(pk=dead.pk).state == "failed" and not tasks.job_folder(dead).exists()
    assert not ExportJob.objects.filter(pk=ancient.pk).exists()
    assert ImportJob.objects.get(pk=imported.pk).data is None
    assert not DBTaskResult.objects.filter(pk=result.pk).exists()
    assert not Session.objects.exists()


@pytest.mark.django_db
def test_an_expired_export_says_so(browser, owner):
    job = ExportJob.objects.create(owner=owner, state="expired", total=2, done=2)
    text = page(browser, job)
    assert "The ZIP has expired and was deleted." in text and "hx-trigger" not in text
    assert browser.get(reverse("export_download", args=[job.pk])).status_code == 404


@pytest.mark.django_db
def test_the_user_cancels_an_import_and_nothing_of_it_is_kept(client, owner, monkeypatch):
    data = document(owner, 6)
    user = make_user("newcomer")
    client.force_login(user)
    job = ImportJob.objects.create(owner=user, data=portability.check(data), total=6)
    assert "Cancel the import" in page(client, job)
    monkeypatch.setattr(portability, "BATCH", 2)
    real = portability._write_notices
    calls = []

    def cancelled_after_the_second_batch(*args):
        calls.append(1)
        if len(calls) == 3:
            # The user presses Cancel while the worker writes the third batch.
            client.post(reverse("import_cancel", args=[job.pk]))
        return real(*args)

    monkeypatch.setattr(portability, "_write_notices", cancelled_after_the_second_batch)
    assert tasks.import_data.call(job.pk) is None
    job.refresh_from_db()
    assert job.state == "cancelled" and job.data is None
    assert not Notice.objects.filter(owner=user).exists() and not ImportedRecord.objects.exists()
    text = page(client, job)
    assert "The import was cancelled: nothing of it is kept." in text and "Cancel the import" not in text
    # Another user's import cannot be cancelled.
    client.force_login(owner)
    assert client.post(reverse("import_cancel", args=[job.pk])).status_code == 404
