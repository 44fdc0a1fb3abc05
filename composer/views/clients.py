"""Clients: list, create, edit, delete; a client's page lists its notices."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, ProtectedError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from composer.forms import ClientForm
from composer.models import Client, LogEntry

from .common import get_client


@login_required
def client_list(request):
    clients = Client.objects.for_user(request.user).annotate(notice_count=Count("notices"))
    return render(request, "composer/clients/list.html", {"clients": clients})


@login_required
@require_http_methods(["GET", "POST"])
def client_edit(request, pk=None):
    client = get_client(request, pk) if pk else None
    form = ClientForm(request.POST or None, instance=client)
    if request.method == "POST" and form.is_valid():
        client = form.save(commit=False)
        client.owner = request.user
        client.save()
        messages.success(request, _("Client saved."))
        return redirect(client)
    return render(request, "composer/clients/edit.html", {"form": form, "client": client})


@login_required
def client_detail(request, pk):
    client = get_client(request, pk)
    notices = client.notices.for_user(request.user).order_by("-created")
    log = LogEntry.objects.filter(notice__client=client, notice__owner=request.user).select_related("notice")[:50]
    return render(request, "composer/clients/detail.html", {"client": client, "notices": notices, "log": log})


@login_required
@require_http_methods(["GET", "POST"])
def client_delete(request, pk):
    client = get_client(request, pk)
    if request.method == "POST":
        try:
            client.delete()
        except ProtectedError:
            messages.error(request, _("This client has notices. Delete or move them first."))
            return redirect(client)
        messages.success(request, _("Client deleted."))
        return redirect("clients")
    return render(request, "composer/clients/delete.html", {"client": client, "count": client.notices.count()})
