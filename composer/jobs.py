"""The life of background jobs beyond their task: a job whose worker died is retried once or failed,
a user may cancel one, and the clean-up (`prune`) that the worker runs every PRUNE_INTERVAL_SECONDS.

A running job beats its heartbeat at least every few seconds; once it has not for
`settings.JOB_LEASE_SECONDS`, its worker is taken for dead. That is checked whenever the job's
page or status is read, and by the worker's clean-up.
"""

import datetime as dt
import logging
from importlib import import_module

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from composer import tasks
from composer.answers import CADENCES
from composer.models import ExportJob, ImportedRecord, ImportJob, Job, Notice, ResetRequest
from composer.retrying import retrying

logger = logging.getLogger(__name__)

# The first run and one retry.
MAX_ATTEMPTS = 2
# A queued job counts against the user's limit for this long (the worker may be busy or down).
QUEUED_FOR = dt.timedelta(hours=1)
# Finished task results and finished jobs are kept this long.
TASK_RESULTS_KEPT = dt.timedelta(days=3)
JOBS_KEPT = dt.timedelta(days=30)

State = Job.State


def lease():
    return dt.timedelta(seconds=settings.JOB_LEASE_SECONDS)


def live(jobs):
    """The jobs that still hold a place: queued lately, or running with a fresh heartbeat."""
    now = timezone.now()
    return jobs.filter(
        Q(state=State.QUEUED, heartbeat__gte=now - QUEUED_FOR) | Q(state=State.RUNNING, heartbeat__gte=now - lease())
    )


def is_dead(job):
    return job.state == State.RUNNING and job.heartbeat is not None and job.heartbeat < timezone.now() - lease()


def start(job):
    """Queue a new job: its place in the queue counts from now."""
    type(job).objects.filter(pk=job.pk).update(heartbeat=timezone.now())
    return tasks.enqueue(job)


def recover(job):
    """If `job` lost its worker, retry it once or fail it with a message for the user; returns it fresh.

    Conditional updates make sure that of the requests and workers that notice it at once, one acts.
    """
    if not is_dead(job):
        return job
    model = type(job)
    now = timezone.now()
    dead = model.objects.filter(pk=job.pk, state=State.RUNNING, attempts=job.attempts, heartbeat__lt=now - lease())
    if job.attempts < MAX_ATTEMPTS:
        if dead.update(state=State.QUEUED, heartbeat=now):
            logger.warning("%s lost its worker: retrying it", job)
            abandon_task(job)
            if isinstance(job, ExportJob):
                tasks.discard_files(job)
            tasks.enqueue(job)
    else:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            if isinstance(job, ExportJob):
                message = _("The export stopped twice before it was finished. Try again with fewer notices.")
            else:
                message = _("Nothing was imported: the import stopped twice before it was finished.")
        if dead.update(state=State.FAILED, error=message, finished=now):
            logger.warning("%s lost its worker again: failed", job)
            abandon_task(job)
            if isinstance(job, ExportJob):
                tasks.discard_files(job)
            else:
                tasks.discard_failed_import.enqueue(job.pk)
    job.refresh_from_db()
    return job


def abandon_task(job):
    """Mark the task result of a run that died as failed, so that it is pruned like any other."""
    if job.task_id:
        DBTaskResult.objects.filter(pk=job.task_id, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path="composer.models.Stopped",
            traceback="The worker stopped while running this task.",
        )


def cancel(job):
    """Stop a queued or running job: its task sees it at its next heartbeat and stops; partial files go now."""
    cancelled = (
        type(job).objects.filter(pk=job.pk, state__in=Job.LIVE).update(state=State.CANCELLED, finished=timezone.now())
    )
    if isinstance(job, ExportJob):
        tasks.discard_files(job)
    job.refresh_from_db()
    return bool(cancelled)


# The clean-up


def prune():
    """Everything the clean-up does, each part retried while the database is locked; returns what it did."""
    done = {}
    for name, step in (
        ("recovered", recover_dead),
        ("expired", expire_exports),
        ("partial_files", remove_orphaned_partials),
        ("import_data", drop_import_data),
        ("old_jobs", delete_old_jobs),
        ("task_results", delete_task_results),
        ("sessions", clear_sessions),
        ("reset_requests", delete_reset_requests),
        ("updates_scheduled", schedule_missing_updates),
    ):
        done[name] = retrying(step)
    logger.info("Clean-up: %s", done)
    return done


def recover_dead():
    from composer import sending

    count = sending.recover_dead()
    for model in (ExportJob, ImportJob):
        for job in model.objects.filter(state=State.RUNNING, heartbeat__lt=timezone.now() - lease()):
            recover(job)
            count += 1
    return count


def expire_exports():
    """Delete the ZIPs older than EXPORT_TTL_DAYS; their jobs show "expired"."""
    cutoff = timezone.now() - dt.timedelta(days=settings.EXPORT_TTL_DAYS)
    count = 0
    for job in ExportJob.objects.filter(state=State.DONE, finished__lt=cutoff):
        path = tasks.export_file(job)
        if path is not None:
            path.unlink(missing_ok=True)
        tasks.discard_files(job)
        count += ExportJob.objects.filter(pk=job.pk, state=State.DONE).update(state=State.EXPIRED, path="")
    return count


def remove_orphaned_partials():
    """Remove the partial files no running job is writing: left by a worker that died, or a cancelled job."""
    root = tasks.export_dir()
    if not root.is_dir():
        return 0
    running = dict(ExportJob.objects.filter(state=State.RUNNING).values_list("pk", "attempts"))
    count = 0
    for partial in root.glob("*/*.part"):
        folder = partial.parent.name
        attempts = running.get(int(folder)) if folder.isascii() and folder.isdigit() else None
        if attempts is None or not partial.name.endswith(f".{attempts}.part"):
            partial.unlink(missing_ok=True)
            count += 1
    live_ids = {str(pk) for pk in ExportJob.objects.filter(state__in=Job.LIVE).values_list("pk", flat=True)}
    for folder in root.iterdir():
        if folder.is_dir() and folder.name not in live_ids and not any(folder.iterdir()):
            folder.rmdir()
    return count


def drop_import_data():
    """Uploaded documents and the record of what was written are kept only while an import may still run."""
    over = ImportJob.objects.exclude(state__in=Job.LIVE)
    count = over.filter(data__isnull=False).update(data=None)
    ImportedRecord.objects.filter(job__in=over.exclude(state=State.FAILED)).delete()
    return count


def schedule_missing_updates():
    """Final delay notices whose plan has an update cadence but no scheduled update yet (imported ones…)."""
    cadences = [c for c in CADENCES if c != "none"]
    waiting = (
        Notice.objects.exclude(status=Notice.Status.DRAFT)
        .filter(letter_type="delay", updates__isnull=True, frozen__case__plan__updates__cadence__in=cadences)
        .select_related("client")
    )
    return sum(notice.schedule_updates() for notice in waiting.iterator(chunk_size=200))


def delete_reset_requests():
    count, _ = ResetRequest.objects.filter(created__lt=timezone.now() - ResetRequest.KEPT).delete()
    return count


def delete_old_jobs():
    cutoff = timezone.now() - JOBS_KEPT
    count = 0
    for model in (ExportJob, ImportJob):
        for job in model.objects.exclude(state__in=Job.LIVE).filter(finished__lt=cutoff):
            if isinstance(job, ExportJob):
                if path := tasks.export_file(job):
                    path.unlink(missing_ok=True)
                tasks.discard_files(job)
            job.delete()
            count += 1
    return count


def delete_task_results():
    cutoff = timezone.now() - TASK_RESULTS_KEPT
    return DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()[0]


def clear_sessions():
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return None
