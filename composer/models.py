"""Senders, clients and notices; every query goes through `for_user()`."""

import copy

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .answers import HONORIFICS, LANGUAGES

LANGUAGE_CHOICES = [("zh-hans", "简体中文"), ("vi", "Tiếng Việt"), ("en", "English")]
HONORIFIC_CHOICES = [("none", _("—")), ("mr", _("Mr")), ("ms", _("Ms"))]
assert {c for c, _ in HONORIFIC_CHOICES} == set(HONORIFICS)
assert {c for c, _ in LANGUAGE_CHOICES} == set(LANGUAGES)


class OwnedQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)


class Profile(models.Model):
    """The sender: who signs the notices."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    name = models.CharField(_("name"), max_length=120, blank=True)
    title = models.CharField(_("title"), max_length=120, blank=True)
    organization = models.CharField(_("organisation"), max_length=200, blank=True)
    address = models.TextField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), max_length=120, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True, help_text=_("For the Vietnamese date line."))
    language = models.CharField(_("default notice language"), max_length=8, choices=LANGUAGE_CHOICES, default="en")
    name_zh = models.CharField(_("name in Chinese"), max_length=120, blank=True)
    organization_zh = models.CharField(_("organisation in Chinese"), max_length=200, blank=True)
    name_vi = models.CharField(_("name in Vietnamese"), max_length=120, blank=True)
    organization_vi = models.CharField(_("organisation in Vietnamese"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    organization_en = models.CharField(_("organisation in English"), max_length=200, blank=True)

    def __str__(self):
        return self.name or self.organization or self.user.get_username()

    def sender(self, language):
        """The sender block of a case, with the name and organisation written for `language`."""
        suffix = {"zh-hans": "zh", "vi": "vi", "en": "en"}[language]
        return {
            "name": getattr(self, f"name_{suffix}") or self.name,
            "title": self.title,
            "organization": getattr(self, f"organization_{suffix}") or self.organization,
            "email": self.email,
            "phone": self.phone,
            "address": self.address,
            "city": self.city,
        }


class Client(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clients")
    name = models.CharField(_("client"), max_length=200, help_text=_("The organisation, or the person."))
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_title = models.CharField(_("contact's title"), max_length=120, blank=True)
    honorific = models.CharField(_("form of address"), max_length=8, choices=HONORIFIC_CHOICES, default="none")
    email = models.EmailField(_("email"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), max_length=300, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        blank=True,
        help_text=_("Two letters, e.g. CN, VN, US: decides the public holidays."),
    )
    language = models.CharField(_("notice language"), max_length=8, choices=LANGUAGE_CHOICES, default="en")
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    created = models.DateTimeField(default=timezone.now)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("client", args=[self.pk])

    def recipient(self):
        person = self.contact_person
        return {
            "name": person,
            "title": self.contact_title,
            "organization": self.name if person else "",
            "email": self.email,
            "address": self.address,
            "country": self.country,
            "honorific": self.honorific if person else "none",
        } | ({} if person else {"name": self.name})


class Notice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("status", "Draft")
        FINAL = "final", pgettext_lazy("status", "Final")
        SENT = "sent", pgettext_lazy("status", "Sent")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="notices", null=True, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    language = models.CharField(max_length=8, choices=LANGUAGE_CHOICES, default="en")
    # The wizard's answers, in the JSON case format of compose_notice (without sender and recipient).
    answers = models.JSONField(default=dict, blank=True)
    step = models.PositiveSmallIntegerField(default=1, help_text="The furthest wizard step reached.")
    # The user's edits of the composed body, per language: {"vi": {"text": …, "base": …}}.
    edits = models.JSONField(default=dict, blank=True)
    # Frozen on Finalise: the complete case (sender and recipient included) and the edits.
    frozen = models.JSONField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)
    finalised = models.DateTimeField(null=True, blank=True)
    sent = models.DateTimeField(null=True, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-updated"]
        indexes = [models.Index(fields=["owner", "-updated"])]

    def __str__(self):
        return self.title or self.answers.get("commitment", {}).get("title", "") or str(_("Untitled notice"))

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def case(self, language=None):
        """The full JSON case: answers plus the sender (profile) and the recipient (client)."""
        if self.frozen:
            data = copy.deepcopy(self.frozen["case"])
        else:
            data = copy.deepcopy(self.answers)
            profile = Profile.objects.filter(user_id=self.owner_id).first()
            data["sender"] = profile.sender(language or self.language) if profile else {"name": ""}
            data["recipient"] = self.client.recipient() if self.client else {}
            data["notice_date"] = timezone.localdate().isoformat()
        data["language"] = language or data.get("language") or self.language
        return data
