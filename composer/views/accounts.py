"""Sign up, the home page and the sender profile (log in, log out and passwords are Django's own views)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from composer.answers import CONTROL
from composer.models import Profile
from composer.portability import PROFILE_FIELDS

from .library import library


class SignupForm(UserCreationForm):
    email = forms.EmailField(label=_("Email"), required=False)

    class Meta(UserCreationForm.Meta):
        fields = ["username", "email"]


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = PROFILE_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str) and name != "address" and CONTROL.search(value):
                self.add_error(name, _("Use a single line without control characters."))
        return data


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
