"""The first-run steps a new user is led through: profile, client, first notice."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from composer.models import Client, Notice, Profile

register = template.Library()


@register.simple_tag
def first_run_steps(user):
    """The steps, each {"label", "url", "done"}, for a user who has no notice at all; [] otherwise."""
    if not user.is_authenticated or Notice.objects.for_user(user).exists():
        return []
    profile = Profile.objects.filter(user=user).first()
    return [
        {
            "label": _("Set up your profile: the name and contact details that sign your notices"),
            "url": reverse("profile"),
            "done": bool(profile and profile.name and profile.email),
        },
        {
            "label": _("Add a client: who you write to, and in which language"),
            "url": reverse("client_new"),
            "done": Client.objects.for_user(user).exists(),
        },
        {"label": _("Write your first notice"), "url": "", "done": False},
    ]
