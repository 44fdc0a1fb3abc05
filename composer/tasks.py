"""Background tasks, run by the task worker (`manage.py worker`): the ZIP of many notices, and imports.

Each task works for a job (`composer.models.Job`): it claims the job, beats its heartbeat as it
goes, and stops when the job is no longer its own (cancelled, or handed to a retry after this
worker was taken for dead). `composer.jobs` retries or fails the jobs whose worker died.
"""

import contextlib
import os
import zipfile
from pathlib import Path

from django.conf import settings
from django.tasks import task
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from composer.exports import FORMAT_CHANNEL, UncoveredCharacters, render_format
from composer.models import ExportJob, ImportJob, Notice, Stopped
from composer.portability import PortabilityError, discard_import, write_plan
from composer.retrying import retrying
from composer.views.common import letter_for

# What each notice's folder holds, in this order.
FILES = (("notice.pdf", "pdf"), ("notice.html", "html"), ("notice.eml", "eml"))


def export_dir():
    return Path(settings.EXPORT_DIR)


def export_file(job):
    """The finished ZIP of `job` on disk, or None (not built, gone, or outside the export folder)."""
    if not job.path:
        return None
    root = export_dir().resolve()
    path = (root / job.path).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


def job_folder(job):
    return export_dir() / str(job.pk)


def discard_files(job):
    """Remove the partial files of `job`, and its folder once empty."""
    folder = job_folder(job)
    for partial in folder.glob("*.part"):
        partial.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        folder.rmdir()


def folder_name(notice):
    stem = slugify(str(notice), allow_unicode=True)[:60].strip("-_") or "notice"
    return f"{stem}-{notice.pk}"


def enqueue(job):
    """Queue the task that runs `job` and remember its id."""
    if isinstance(job, ExportJob):
        result = build_export.enqueue(job.pk, language=job.language or None)
    else:
        result = import_data.enqueue(job.pk)
    type(job).objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.task_id = str(result.id)[:64]
    return result


@task
def build_export(job_id, language=None):
    """Write the notices of export job `job_id` into a ZIP, counting progress in `job.done`."""
    job = retrying(ExportJob.claim, job_id)
    if job is None:
        return None
    with translation.override(job.language or language or settings.LANGUAGE_CODE):
        try:
            return _build(job)
        except Stopped:
            return None
        except Exception as error:
            message = _("The export could not be built: %(error)s") % {"error": str(error) or type(error).__name__}
            retrying(job.fail, message)
            discard_files(job)
            raise


def _build(job):
    ids = [int(pk) for pk in job.notice_ids]
    job.beat(total=len(ids))

    notices = Notice.objects.for_user(job.owner).select_related("client").in_bulk(ids)
    relative = Path(str(job.pk)) / f"delaynote-export-{job.pk}.zip"
    target = export_dir() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    # Each run writes a partial file of its own: a run taken for dead never writes into its retry's.
    partial = target.with_name(f"{target.name}.{job.attempts}.part")
    exported, skipped, without_pdf, missing = [], [], [], []
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for done, pk in enumerate(ids, start=1):
                notice = notices.get(pk)
                if notice is None:
                    missing.append(pk)
                else:
                    _answers, _composed, letter, problems = letter_for(notice)
                    if letter is None:
                        skipped.append((notice, problems))
                    else:
                        folder = folder_name(notice)
                        printed = letter_for(notice, None, {"channel": "letter"})[2]
                        for name, fmt in FILES:
                            try:
                                data = render_format(fmt, printed if fmt in FORMAT_CHANNEL else letter, notice.is_draft)
                            except UncoveredCharacters as error:
                                without_pdf.append((notice, error))
                                continue
                            archive.writestr(f"{folder}/{name}", data)
                        exported.append(notice)
                retrying(job.beat, done=done)
            archive.writestr("README.txt", readme(exported, skipped, without_pdf, missing))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
        if not target.exists():
            with contextlib.suppress(OSError):
                target.parent.rmdir()

    try:
        retrying(job.finish, done=len(ids), path=relative.as_posix())
    except Stopped:
        job.refresh_from_db(fields=["state"])
        if job.state in (ExportJob.State.CANCELLED, ExportJob.State.FAILED):
            target.unlink(missing_ok=True)
            discard_files(job)
        raise
    return {"job": job.pk, "exported": len(exported), "skipped": len(skipped)}


@task
def import_data(job_id):
    """Write the checked records of import job `job_id` into its owner's account, in batches, resuming a run that died."""
    job = retrying(ImportJob.claim, job_id)
    if job is None:
        return None
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            result = write_plan(job.owner, job.data, job=job)
        except Stopped:
            if ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.CANCELLED).exists():
                # Cancelled by the user: nothing of it is kept.
                retrying(discard_import, job)
                ImportJob.objects.filter(pk=job.pk).update(data=None)
            return None
        except Exception as error:
            problem = str(error) if isinstance(error, PortabilityError) else type(error).__name__
            retrying(discard_import, job)
            retrying(job.fail, _("Nothing was imported. %(problem)s") % {"problem": problem})
            if isinstance(error, PortabilityError):
                return None
            raise
        retrying(job.finish, data=None, done=result["notices"], clients=result["clients"], profile=result["profile"])
    return result


@task
def discard_failed_import(job_id):
    """Delete what an import job that failed for good had written."""
    job = ImportJob.objects.filter(pk=job_id, state=ImportJob.State.FAILED).first()
    if job is not None:
        retrying(discard_import, job)
        ImportJob.objects.filter(pk=job.pk).update(data=None)


def readme(exported, skipped, without_pdf, missing):
    """The README.txt of the ZIP: what it holds, and what it leaves out and why."""
    lines = [
        _("Delaynote export"),
        _("Created: %(date)s")
        % {"date": f"{date_format(timezone.localtime(), 'DATETIME_FORMAT')} {timezone.localtime().strftime('%Z')}"},
        "",
        _("%(exported)d notice(s) exported, %(skipped)d draft(s) skipped.")
        % {"exported": len(exported), "skipped": len(skipped)},
        "",
        _(
            "Each folder holds one notice: notice.pdf (the letter), notice.html (a web page) and notice.eml (an email draft)."
        ),
    ]
    if exported:
        lines += ["", _("Exported notices:")]
        lines += [f"- {folder_name(n)}/  {n}" for n in exported]
    if skipped:
        lines += ["", _("Skipped drafts, whose answers are not complete yet:")]
        for notice, problems in skipped:
            lines.append(f"- {notice} (#{notice.pk})")
            lines += [f"    {problem}" for problem in problems]
    if without_pdf:
        lines += ["", _("Notices without a PDF (the letter fonts cannot print some of their characters):")]
        lines += [f"- {notice} (#{notice.pk}): {error}" for notice, error in without_pdf]
    if missing:
        lines += [
            "",
            _("Notices deleted before the export ran: %(ids)s") % {"ids": ", ".join(f"#{pk}" for pk in missing)},
        ]
    return "\n".join(lines) + "\n"


@task
def send_message(message_id):
    """Send a notice queued by email once its undo window is over (`composer.sending`)."""
    from composer import sending

    return sending.deliver(message_id)
