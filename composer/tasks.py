"""Background tasks: the ZIP of many notices, built by the task worker (`manage.py db_worker`)."""

import contextlib
import os
import zipfile
from pathlib import Path

from django.conf import settings
from django.tasks import task
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from composer.exports import FORMAT_CHANNEL, RENDERERS, UncoveredCharacters
from composer.models import ExportJob, Notice
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


def folder_name(notice):
    stem = slugify(str(notice), allow_unicode=True)[:60].strip("-_") or "notice"
    return f"{stem}-{notice.pk}"


@task
def build_export(job_id, language=None):
    """Write the notices of export job `job_id` into a ZIP, counting progress in `job.done`."""
    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None or job.state == ExportJob.State.DONE:
        return None
    with translation.override(language or settings.LANGUAGE_CODE):
        try:
            return _build(job)
        except Exception as error:
            message = _("The export could not be built: %(error)s") % {"error": str(error) or type(error).__name__}
            ExportJob.objects.filter(pk=job.pk).update(
                state=ExportJob.State.FAILED, error=message[:2000], finished=timezone.now()
            )
            raise


def _build(job):
    ids = [int(pk) for pk in job.notice_ids]
    job.state, job.total, job.done, job.error = ExportJob.State.RUNNING, len(ids), 0, ""
    job.save(update_fields=["state", "total", "done", "error"])

    notices = Notice.objects.for_user(job.owner).select_related("client").in_bulk(ids)
    relative = Path(str(job.pk)) / f"delaynote-export-{job.pk}.zip"
    target = export_dir() / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
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
                                data = RENDERERS[fmt](printed if fmt in FORMAT_CHANNEL else letter)
                            except UncoveredCharacters as error:
                                without_pdf.append((notice, error))
                                continue
                            archive.writestr(f"{folder}/{name}", data)
                        exported.append(notice)
                ExportJob.objects.filter(pk=job.pk).update(done=done)
            archive.writestr("README.txt", readme(exported, skipped, without_pdf, missing))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
        if not target.exists():
            with contextlib.suppress(OSError):
                target.parent.rmdir()

    ExportJob.objects.filter(pk=job.pk).update(
        state=ExportJob.State.DONE, done=len(ids), path=relative.as_posix(), finished=timezone.now()
    )
    return {"job": job.pk, "exported": len(exported), "skipped": len(skipped)}


def readme(exported, skipped, without_pdf, missing):
    """The README.txt of the ZIP: what it holds, and what it leaves out and why."""
    lines = [
        _("Delaynote export"),
        _("Created: %(date)s") % {"date": timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")},
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
