"""Clients: list, create, edit, delete; a client's page lists its notices."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, ProtectedError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from composer.answers import CONTROL
from composer.models import Client, LogEntry
from composer.portability import CLIENT_FIELDS

from .common import get_client


class ClientForm(forms.ModelForm):
    class Meta:
        model = Client
        fields = [f for f in CLIENT_FIELDS if f != "created"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3}), "notes": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        for name in ("name", "contact_person", "contact_title", "phone", "country"):
            if data.get(name) and CONTROL.search(data[name]):
                self.add_error(name, _("Use a single line without control characters."))
        return data

    def clean_country(self):
        import holidays

        country = self.cleaned_data["country"].strip().upper()
        if country and country not in holidays.list_supported_countries():
            raise forms.ValidationError(_("Use a two-letter country code such as CN, VN, US or GB."))
        return country


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
