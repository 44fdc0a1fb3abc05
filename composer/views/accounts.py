"""Sign up, the home page, the sender profile, the lockout page and password reset by email
(log in, log out and the other password pages are Django's own views)."""

from urllib.parse import urlsplit

from axes.helpers import get_cool_off
from axes.utils import reset as reset_login_failures
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from composer.forms import ProfileForm
from composer.models import Profile, ResetRequest
from composer.throttling import client_ip

from .library import library


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        label=gettext_lazy("Email"),
        required=False,
        help_text=gettext_lazy("Needed to reset your password if you forget it."),
    )

    class Meta(UserCreationForm.Meta):
        fields = ["username", "email"]


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        Profile.objects.create(user=user, email=form.cleaned_data.get("email", ""))
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Tell us who signs your notices."))
        return redirect("profile")
    return render(request, "registration/signup.html", {"form": form})


def locked_out(request, response=None, credentials=None):
    """The login page again, saying that logging in is paused after too many failed attempts (429)."""
    minutes = round(get_cool_off(request).total_seconds() / 60)
    message = ngettext(
        "Too many failed attempts to log in. Logging in to this account, or from your network, "
        "is paused for %(minutes)d minute. If you forgot your password, you can reset it.",
        "Too many failed attempts to log in. Logging in to this account, or from your network, "
        "is paused for %(minutes)d minutes. If you forgot your password, you can reset it.",
        minutes,
    ) % {"minutes": minutes}
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    context = {"form": form, "locked_out": message, "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=429)


@require_http_methods(["GET", "POST"])
def password_reset(request):
    """Django's password reset, with the link in the email built from SITE_URL, never from the request's host.

    Requests are limited per client address (past the limit the form says so) and per email address (past
    it the page is the same, so it tells nobody whether the account exists, but no more email is sent).
    """
    if request.method == "POST":
        form = PasswordResetForm(request.POST)
        if form.is_valid():
            address_ok, email_ok = ResetRequest.allow(client_ip(request), form.cleaned_data["email"])
            if not address_ok:
                form.add_error(
                    None,
                    _("Too many reset requests from your network. Try again in an hour, or ask the administrator."),
                )
                return render(request, "registration/password_reset_form.html", {"form": form}, status=429)
            if not email_ok:
                return redirect("password_reset_done")
    site = urlsplit(settings.SITE_URL)
    view = auth_views.PasswordResetView.as_view(
        email_template_name="registration/password_reset_email.txt",
        extra_email_context={"protocol": site.scheme, "domain": site.netloc, "site_name": "Delaynote"},
    )
    return view(request)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Setting a new password through the emailed link also ends a lockout of that account."""

    def form_valid(self, form):
        response = super().form_valid(form)
        reset_login_failures(username=form.user.get_username())
        return response


def home(request):
    if not request.user.is_authenticated:
        return render(request, "composer/landing.html")
    return library(request)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    profile, _created = Profile.objects.get_or_create(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Profile saved."))
        return redirect("profile")
    return render(request, "composer/profile.html", {"form": form})
