"""Senders, clients and notices; every query goes through `for_user()`."""

import copy
import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from .answers import HONORIFICS, LANGUAGES, CaseError, parse_case
from .letters import compose
from .letters.schedule import update_dates
from .search import fold

LANGUAGE_CHOICES = [("zh-hans", "简体中文"), ("vi", "Tiếng Việt"), ("en", "English")]
HONORIFIC_CHOICES = [("none", _("—")), ("mr", _("Mr")), ("ms", _("Ms"))]
assert {c for c, _ in HONORIFIC_CHOICES} == set(HONORIFICS)
assert {c for c, _ in LANGUAGE_CHOICES} == set(LANGUAGES)


TITLE_FIELDS = {"zh-hans": "title_zh", "vi": "title_vi", "en": "title_en"}


class Conflict(Exception):
    """The draft changed since the page the user saved from was shown: nothing was written."""


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
    title_zh = models.CharField(_("title in Chinese"), max_length=120, blank=True)
    title_vi = models.CharField(_("title in Vietnamese"), max_length=120, blank=True)
    title_en = models.CharField(_("title in English"), max_length=120, blank=True)
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
            "title": _versions(self.title, self.language)
            | {code: title for code, field in TITLE_FIELDS.items() if (title := getattr(self, field))},
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
    # Stored as the two-letter ISO code, as before: the composer and the holiday calendars read the code.
    country = CountryField(_("country"), blank=True, help_text=_("Decides the public holidays."))
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

    @property
    def country_name(self):
        """The country's name in the interface language (CLDR's)."""
        from .countries import country_name

        return country_name(self.country.code)

    def recipient(self):
        person = self.contact_person
        return {
            "name": person,
            "title": _versions(self.contact_title, self.language),
            "organization": self.name if person else "",
            "email": self.email,
            "address": self.address,
            "country": self.country.code or "",
            "honorific": self.honorific if person else "none",
        } | ({} if person else {"name": self.name})


class Notice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("status", "Draft")
        FINAL = "final", pgettext_lazy("status", "Final")
        SENT = "sent", pgettext_lazy("status", "Sent")
        ANSWERED = "answered", pgettext_lazy("status", "Answered")
        CLOSED = "closed", pgettext_lazy("status", "Closed")
        ARCHIVED = "archived", pgettext_lazy("status", "Archived")

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
    # A finalised notice is never changed: editing it starts a new revision.
    revision_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="revisions")
    revision = models.PositiveSmallIntegerField(default=1)
    # A progress update or a completion notice is drafted from the notice it follows.
    letter_type = models.CharField(
        max_length=12,
        choices=[("delay", "delay"), ("progress", "progress"), ("completion", "completion")],
        default="delay",
    )
    follows = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="followups")
    # A duplicate remembers the notice it was copied from, so the library can tell the two apart.
    copy_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies")
    # When the work was delivered or the payment made: did the re-planned date hold?
    completed_on = models.DateField(null=True, blank=True)
    # Copied from the answers on save, for the library's filters and search.
    kind = models.CharField(max_length=12, blank=True)
    category = models.CharField(max_length=24, blank=True)
    original_deadline = models.DateField(null=True, blank=True)
    new_deadline = models.DateField(null=True, blank=True)
    search_text = models.TextField(blank=True, editable=False)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-updated"]
        indexes = [
            models.Index(fields=["owner", "-updated"]),
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["owner", "-created"]),
        ]

    def __str__(self):
        from .wizard.texts import text_in

        title = text_in(self.answers.get("commitment", {}).get("title", ""), self.language)
        return self.title or title or str(_("Untitled notice"))

    # The large columns, left out where a page needs only a notice's state.
    HEAVY = ("answers", "edits", "frozen", "search_text")
    # The fields the copied columns and the search text are derived from.
    SYNC_SOURCES = frozenset({"answers", "edits", "frozen", "title", "client", "language", "letter_type"})
    SYNCED = ("kind", "category", "original_deadline", "new_deadline", "search_text")

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.sync()
        elif self.SYNC_SOURCES & set(update_fields):
            self.sync()
            kwargs["update_fields"] = {*update_fields, *self.SYNCED}
        super().save(*args, **kwargs)

    def write(self, version, change):
        """Apply `change` to this draft as the database holds it, if it is still at `version`; returns the draft.

        A compare-and-swap in one transaction: the row is read, changed by `change(notice)` and
        written with `UPDATE … WHERE version = n`, so of many saves from one version exactly
        one is written and every other raises `Conflict` (on SQLite and PostgreSQL alike).
        """
        if version is None:
            raise Conflict
        with transaction.atomic():
            notice = Notice.objects.select_related("client").filter(pk=self.pk, version=version).first()
            if notice is None or not notice.is_draft:
                raise Conflict
            change(notice)
            notice.sync()
            notice.updated = timezone.now()
            values = {
                field.attname: getattr(notice, field.attname)
                for field in Notice._meta.concrete_fields
                if not field.primary_key and field.name not in ("owner", "created")
            }
            values["version"] = version + 1
            if Notice.objects.filter(pk=self.pk, version=version, status=self.Status.DRAFT).update(**values) != 1:
                raise Conflict
            notice.version = version + 1
        return notice

    def sync(self):
        """Copy the answers' kind, cause and dates into columns, and gather the searchable text."""
        answers = self.frozen_case or self.answers
        commitment = answers.get("commitment", {})
        self.kind = answers.get("kind", "")
        self.category = answers.get("cause", {}).get("category", "")
        self.original_deadline = _date(commitment.get("original_deadline"))
        self.new_deadline = _date(answers.get("plan", {}).get("new_deadline"))
        edits = self.frozen_edits or self.edits
        from .wizard.texts import texts, versions

        parts = [
            str(self),
            self.client.name if self.client_id and self.client else "",
            self.client.contact_person if self.client_id and self.client else "",
            commitment.get("reference", ""),
            *(
                t
                for _path, parent, key in texts(answers)
                for _l, t in sorted(versions(parent[key], self.language).items())
            ),
            *(e.get("text", "") for e in edits.values()),
            self.letter_text(),
        ]
        self.search_text = fold("\n".join(p for p in parts if p))

    def wizard_answers(self):
        """The answers a copy starts from: the frozen case (or the draft's answers) without what the copy sets anew."""
        from .wizard.texts import pin

        answers = copy.deepcopy(self.frozen_case or self.answers)
        pin(answers, answers.get("language") or self.language)
        for key in ("sender", "recipient", "notice_date", "language", "letter_type"):
            answers.pop(key, None)
        return answers

    def letter_text(self):
        """The subject and body as composed in the notice's language ("" while the answers are incomplete)."""
        if self.frozen:
            data = copy.deepcopy(self.frozen_case)
        else:
            # The body does not depend on who signs or receives it: no profile or client lookup needed.
            data = case_fields(copy.deepcopy(self.answers)) | {"sender": {"name": "-"}, "recipient": {}}
            data["notice_date"] = timezone.localdate().isoformat()
            if self.letter_type != "delay":
                data["letter_type"] = self.letter_type
        data.setdefault("language", self.language)
        try:
            letter = compose(parse_case(data, language=self.language))
        except CaseError:
            return ""
        return f"{letter.subject}\n{letter.body_text}"

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    def schedule_updates(self, answers=None):
        """Schedule the progress updates a final delay notice's letter promises, unless some are; returns how many.

        Notices finalised before updates were scheduled, or brought in by an import, get theirs here:
        when their page or calendar is opened, and from the worker's clean-up.
        """
        if self.is_draft or self.letter_type != "delay" or self.updates.exists():
            return 0
        if answers is None:
            try:
                answers = parse_case(self.case(), language=self.language)
            except CaseError:
                return 0
        made = ProgressUpdate.objects.bulk_create(
            [ProgressUpdate(notice=self, date=day) for day in update_dates(answers)], ignore_conflicts=True
        )
        return len(made)

    @property
    def frozen_case(self):
        """The case the notice was finalised with; {} if there is none, or if it was stored unreadable."""
        case = self.frozen.get("case") if isinstance(self.frozen, dict) else None
        return case if isinstance(case, dict) else {}

    @property
    def frozen_edits(self):
        """The user's wording per language, as finalised; {} if there is none, or if it was stored unreadable."""
        edits = self.frozen.get("edits") if isinstance(self.frozen, dict) else None
        return edits if isinstance(edits, dict) else {}

    def case(self, language=None):
        """The full JSON case: answers plus the sender (profile) and the recipient (client)."""
        if self.frozen:
            data = copy.deepcopy(self.frozen_case)
        else:
            data = case_fields(copy.deepcopy(self.answers))
            profile = Profile.objects.filter(user_id=self.owner_id).first()
            data["sender"] = profile.sender(language or self.language) if profile else {"name": ""}
            data["recipient"] = self.client.recipient() if self.client else {}
            titles = self.answers.get("titles", {})
            for who in ("sender", "recipient"):
                title = (data[who].get("title") or {}) | titles.get(who, {})
                data[who].pop("title", None)
                if title:
                    data[who]["title"] = title
            voice = self.answers.get("voice", {})
            if voice.get("sender"):
                data["sender"]["kind"] = voice["sender"]
            if voice.get("recipient") and data["recipient"]:
                data["recipient"]["kind"] = voice["recipient"]
            if self.answers.get("address_as") and data["recipient"]:
                data["recipient"]["address_as"] = self.answers["address_as"]
            data["notice_date"] = timezone.localdate().isoformat()
            if self.letter_type != "delay":
                data["letter_type"] = self.letter_type
        # Plain-text answers are in the language the notice had when they were typed: the notice's own.
        data.setdefault("language", self.language)
        return data


def _versions(text, language):
    """A job title typed in one language, as the case's per-language object."""
    from .wizard.texts import versions

    return versions(text, language)


# What a draft keeps beside the case's own fields: the other languages of the job titles, the greeting name per
# language, and who speaks to whom.
DRAFT_EXTRAS = ("titles", "address_as", "voice")


def case_fields(answers):
    """The draft's answers without the extras, ready to be a case."""
    return {k: v for k, v in answers.items() if k not in DRAFT_EXTRAS}


def _date(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


class LogEntry(models.Model):
    """What was said and agreed after a notice went out (A1)."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone call")
        MEETING = "meeting", _("Meeting")
        CHAT = "chat", _("Chat")
        LETTER = "letter", _("Letter")

    class Response(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        CHANGES = "changes", _("Asked for changes")
        REJECTED = "rejected", _("Rejected")
        NO_ANSWER = "no_answer", _("No answer yet")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="log")
    date = models.DateField(_("date"), default=timezone.localdate)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    response = models.CharField(
        _("their response"), max_length=10, choices=Response.choices, default=Response.NO_ANSWER
    )
    notes = models.TextField(_("notes"), max_length=2000, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-created"]

    def __str__(self):
        return f"{self.date} {self.get_channel_display()} {self.get_response_display()}"


class ProgressUpdate(models.Model):
    """A progress update promised by the plan (A2), with what became of it."""

    class State(models.TextChoices):
        DUE = "due", _("Due")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    state = models.CharField(max_length=8, choices=State.choices, default=State.DUE)
    # The progress-update notice drafted for this date: once it is sent, so is the update.
    followup = models.ForeignKey(
        Notice, on_delete=models.SET_NULL, null=True, blank=True, related_name="scheduled_updates"
    )

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["notice", "date"], name="one_update_a_day")]

    def __str__(self):
        return f"{self.date} {self.state}"


class OutgoingMessage(models.Model):
    """A notice queued to go out by email: the worker sends it once its undo window (`not_before`) is over.

    States move forward only through conditional updates (`composer.sending`), so a message is sent at
    most once; `attempts` counts the sends started and `heartbeat` shows the worker alive meanwhile.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="outgoing")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    to = models.EmailField(max_length=254)
    cc = models.JSONField(default=list, blank=True)
    copy_to = models.EmailField(max_length=254, blank=True, help_text="A blind copy for the sender.")
    attach_pdf = models.BooleanField(default=False)
    not_before = models.DateTimeField()
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    heartbeat = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(default=timezone.now)
    finished = models.DateTimeField(null=True, blank=True)

    LIVE = (State.QUEUED, State.SENDING)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["state", "heartbeat"])]

    def __str__(self):
        return f"message {self.pk} {self.state}"


class ResetRequest(models.Model):
    """A password-reset request, kept a day so requests can be limited per address and per email address."""

    address = models.GenericIPAddressField(null=True, blank=True)
    email = models.CharField(max_length=254)  # casefolded
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["address", "created"]), models.Index(fields=["email", "created"])]

    KEPT = dt.timedelta(days=1)
    WINDOW = dt.timedelta(hours=1)

    def __str__(self):
        return f"{self.email} from {self.address or '?'} at {self.created:%Y-%m-%d %H:%M}"

    @classmethod
    def allow(cls, address, email):
        """Record a request; (address allowed, email allowed) within the last hour's limits."""
        since = timezone.now() - cls.WINDOW
        email = email.strip().casefold()[:254]
        recent = cls.objects.filter(created__gte=since)
        if address and recent.filter(address=address).count() >= settings.PASSWORD_RESETS_PER_ADDRESS:
            return False, False
        cls.objects.create(address=address, email=email)
        return True, recent.filter(email=email).count() <= settings.PASSWORD_RESETS_PER_EMAIL


class Stopped(Exception):
    """The job is no longer this run's: cancelled, failed or handed to a later attempt."""


class Job(models.Model):
    """Work the task worker does for one user, with `done` of `total` for a progress bar.

    While it works, the worker beats `heartbeat`; a running job whose heartbeat is older than
    `settings.JOB_LEASE_SECONDS` has lost its worker and is retried or failed (`composer.jobs`).
    `attempts` counts the runs started; a run stops as soon as the job is no longer its own
    (cancelled, or handed to a later attempt).
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")

    LIVE = (State.QUEUED, State.RUNNING)

    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    language = models.CharField(max_length=16, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)
    finished = models.DateTimeField(null=True, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created"]

    @property
    def is_live(self):
        return self.state in self.LIVE

    @classmethod
    def claim(cls, pk):
        """Start a run of the waiting job `pk`: the job, running, with this attempt counted; None if not waiting."""
        with transaction.atomic():
            job = cls.objects.select_for_update().filter(pk=pk, state=cls.State.QUEUED).first()
            if job is None:
                return None
            job.state, job.attempts, job.heartbeat, job.done, job.error = (
                cls.State.RUNNING,
                job.attempts + 1,
                timezone.now(),
                0,
                "",
            )
            job.save(update_fields=["state", "attempts", "heartbeat", "done", "error"])
        return job

    def _mine(self):
        return type(self).objects.filter(pk=self.pk, state=self.State.RUNNING, attempts=self.attempts)

    def beat(self, **fields):
        """Report this run alive, with its progress `fields`; `Stopped` once the job is no longer this run's."""
        if not self._mine().update(heartbeat=timezone.now(), **fields):
            raise Stopped
        for name, value in fields.items():
            setattr(self, name, value)

    def finish(self, **fields):
        """Mark this run's job done; `Stopped` if it was cancelled or handed over meanwhile."""
        now = timezone.now()
        if not self._mine().update(state=self.State.DONE, heartbeat=now, finished=now, **fields):
            raise Stopped

    def fail(self, message):
        """Mark this run's job failed with `message` for the user; False if it is no longer this run's."""
        now = timezone.now()
        return bool(self._mine().update(state=self.State.FAILED, error=message[:2000], heartbeat=now, finished=now))


class ExportJob(Job):
    """A ZIP of notices built in the background."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exports")
    notice_ids = models.JSONField(default=list)
    path = models.CharField(max_length=300, blank=True)

    def __str__(self):
        return f"export {self.pk} {self.state}"


class ImportJob(Job):
    """A Delaynote data file written into an account in the background, in batches; `done` counts notices.

    `data` holds the checked records of the uploaded document (`portability.check`) until the job is over. Each batch records what it wrote in
    `ImportedRecord` within its own transaction, so a retried job resumes after the last batch.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="imports")
    data = models.JSONField(null=True, blank=True)
    clients = models.PositiveIntegerField(default=0)
    profile = models.BooleanField(default=False)

    def __str__(self):
        return f"import {self.pk} {self.state}"


class ImportedRecord(models.Model):
    """One client or notice an import job has written: its id in the file and in this database."""

    class Kind(models.TextChoices):
        CLIENT = "client"
        NOTICE = "notice"

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="records")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    source = models.BigIntegerField()
    target = models.BigIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "kind", "source"], name="imported_record_once")]

    def __str__(self):
        return f"{self.kind} {self.source} -> {self.target}"
