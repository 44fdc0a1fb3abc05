"""Many notices at once: a ZIP built in the background, and all of a user's data as JSON, out and in."""

import json
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from composer import jobs
from composer.models import ExportJob, ImportJob, Notice
from composer.portability import PortabilityError, check, export_user, loads
from composer.tasks import export_file

from .library import LibraryFilter

# At most this many exports of one user may wait or run at once (dead ones do not count: `jobs.live`).
MAX_PENDING_EXPORTS = 3
MAX_QUERY = 2000
MAX_IMPORT_BYTES = 10 * 1024 * 1024


# The ZIP export


def selection(user, query):
    """The notices the library shows for `query` (its filter query string), all pages, in its order."""
    form = LibraryFilter(QueryDict(query[:MAX_QUERY]) or None, user=user)
    notices = form.filter(Notice.objects.for_user(user))
    if not form.is_bound:
        notices = notices.exclude(status=Notice.Status.ARCHIVED).order_by("-updated", "-pk")
    return notices


@login_required
@require_POST
def export_create(request):
    query = request.POST.get("query", "")
    if request.POST.get("scope") == "all":
        notices = Notice.objects.for_user(request.user).order_by("-updated", "-pk")
    else:
        notices = selection(request.user, query)
    back = reverse("home") + (f"?{query}" if query else "")
    ids = list(notices.values_list("pk", flat=True))
    if not ids:
        messages.error(request, _("No notices match: there is nothing to export."))
        return redirect(back)
    if jobs.live(ExportJob.objects.for_user(request.user)).count() >= MAX_PENDING_EXPORTS:
        messages.error(request, _("Other exports are still being built. Wait for them to finish, then try again."))
        return redirect(back)
    job = ExportJob.objects.create(owner=request.user, notice_ids=ids, total=len(ids), language=get_language())
    jobs.start(job)
    return redirect("export_job", pk=job.pk)


def get_job(request, pk, model=ExportJob):
    """The user's job `pk`, taken for dead (and retried or failed) if its worker stopped reporting."""
    return jobs.recover(get_object_or_404(model.objects.for_user(request.user), pk=pk))


@login_required
@require_GET
def export_job(request, pk):
    """The progress of an export; htmx polls its `progress` partial until the job is over."""
    job = get_job(request, pk)
    template = "composer/bulk/job.html"
    return render(request, f"{template}#progress" if request.htmx else template, {"job": job})


@login_required
@require_POST
def export_cancel(request, pk):
    job = get_job(request, pk)
    if jobs.cancel(job):
        messages.info(request, _("The export was cancelled."))
    return redirect("export_job", pk=job.pk)


@login_required
@require_POST
def import_cancel(request, pk):
    job = get_object_or_404(ImportJob.objects.for_user(request.user), pk=pk)
    if jobs.cancel(job):
        messages.info(request, _("The import was cancelled: nothing of it is kept."))
    return redirect("import_job", pk=job.pk)


@login_required
@require_GET
def export_status(request, pk):
    job = get_job(request, pk)
    data = {"state": job.state, "done": job.done, "total": job.total, "error": job.error}
    if job.state == ExportJob.State.DONE:
        data["download"] = reverse("export_download", args=[job.pk])
    return JsonResponse(data)


@login_required
@require_GET
def export_download(request, pk):
    job = get_job(request, pk)
    path = export_file(job) if job.state == ExportJob.State.DONE else None
    if path is None:
        raise Http404("The export is not ready.")
    name = f"delaynote-{timezone.localtime(job.created):%Y-%m-%d}-{job.pk}.zip"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type="application/zip")


# All of a user's data as JSON


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Delaynote data file (JSON)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(too_large())
        return upload


def too_large():
    return _("The file is too large: at most %(size)d MB.") % {"size": MAX_IMPORT_BYTES // 2**20}


@login_required
@require_GET
def data_page(request):
    counts = {
        "notices": Notice.objects.for_user(request.user).count(),
        "clients": request.user.clients.count(),
    }
    return render(
        request,
        "composer/bulk/data.html",
        {"form": ImportForm(), "counts": counts, "max_mb": MAX_IMPORT_BYTES // 2**20},
    )


@login_required
@require_GET
def data_export(request):
    data = json.dumps(export_user(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(data.encode("utf-8"), content_type="application/json; charset=utf-8")
    name = f"delaynote-{request.user.get_username()}-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def read_upload(upload):
    """The decoded JSON of an uploaded file; PortabilityError with a clear message otherwise."""
    raw = upload.read(MAX_IMPORT_BYTES + 1)
    if len(raw) > MAX_IMPORT_BYTES:
        raise PortabilityError(too_large())
    return loads(raw)


@login_required
@require_POST
def data_import(request):
    """Check the whole file now; the writing is a background job whose page shows its progress."""
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("account_data")
    try:
        plan = check(read_upload(form.cleaned_data["file"]))
    except PortabilityError as error:
        messages.error(request, _("Nothing was imported. %(problem)s") % {"problem": error})
        return redirect("account_data")
    job = ImportJob.objects.create(owner=request.user, data=plan, total=len(plan["notices"]), language=get_language())
    jobs.start(job)
    return redirect("import_job", pk=job.pk)


@login_required
@require_GET
def import_job(request, pk):
    """The progress of an import; htmx polls its `progress` partial until the job is over."""
    job = get_job(request, pk, ImportJob)
    template = "composer/bulk/import.html"
    context = {"job": job, "summary": import_summary(job) if job.state == ImportJob.State.DONE else ""}
    return render(request, f"{template}#progress" if request.htmx else template, context)


def import_summary(job):
    return (
        ngettext("Imported %(notices)d notice", "Imported %(notices)d notices", job.done) % {"notices": job.done}
        + " · "
        + ngettext("%(clients)d client", "%(clients)d clients", job.clients) % {"clients": job.clients}
        + " · "
        + (_("profile restored") if job.profile else _("your profile kept as it was"))
    )
