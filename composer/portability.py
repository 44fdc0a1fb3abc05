"""All of a user's data as one JSON document, and back: `export_user(user)` and `import_user(user, data)`.

The document (format version 1):

    {"format": "delaynote", "version": 1,
     "owner": {"username": …},                       # informative; ignored on import
     "profile": {name, title, …} or null,
     "clients": [{"id": 7, name, contact_person, …, created}],
     "notices": [{"id": 12, "client": 7, "revision_of": null, "follows": 11,
                  title, status, language, letter_type, answers, edits, frozen, step, version, revision,
                  created, updated, finalised, sent, completed_on,
                  "log": [{date, channel, response, notes, created}],
                  "updates": [{date, state}]}]}

Ids are those of the exporting database; links between records use them, and an import maps them to
the new records. Dates are ISO 8601 text. The columns a notice copies from its answers for the
library (kind, cause, deadlines, search text) are not exported: they are recomputed on import.
"""

import copy
import datetime as dt
import json
import math
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries.fields import Country

from .answers import CONTROL, MULTILINE_CONTROL, CaseError, parse_case
from .letters import compose
from .models import Client, ImportedRecord, LogEntry, Notice, Profile, ProgressUpdate
from .retrying import retrying

FORMAT = "delaynote"
VERSION = 1

PROFILE_FIELDS = (
    "name",
    "title",
    "organization",
    "address",
    "phone",
    "email",
    "city",
    "language",
    "title_zh",
    "title_vi",
    "title_en",
    "name_zh",
    "organization_zh",
    "name_vi",
    "organization_vi",
    "name_en",
    "organization_en",
)
CLIENT_FIELDS = (
    "name",
    "contact_person",
    "contact_title",
    "honorific",
    "email",
    "phone",
    "address",
    "country",
    "language",
    "notes",
    "created",
)
NOTICE_FIELDS = (
    "title",
    "status",
    "language",
    "letter_type",
    "answers",
    "edits",
    "frozen",
    "step",
    "version",
    "revision",
    "created",
    "updated",
    "finalised",
    "sent",
    "completed_on",
)
NOTICE_LINKS = ("client", "revision_of", "follows", "copy_of")
# Copied from the answers by Notice.sync() on every save: not part of the document.
NOTICE_DERIVED = ("kind", "category", "original_deadline", "new_deadline", "search_text")
LOG_FIELDS = ("date", "channel", "response", "notes", "created")
UPDATE_FIELDS = ("date", "state")
# The progress-update notice drafted for a scheduled update: a notice of the file, linked once all are written.
UPDATE_LINKS = ("followup",)

# Bounds an import is checked against before anything is written (the number of notices: IMPORT_MAX_NOTICES).
MAX_PROBLEMS = 20  # shown in one message; the rest are counted
MAX_DEPTH = 20  # levels of objects and lists: the format itself needs fewer than ten
MAX_ENTRIES = 1000  # log entries, and progress updates, per notice
MAX_EDIT = 8000  # characters of the user's wording, as the review's editor allows
BIGGEST = 2**63 - 1  # the largest number a database column (or a database id) holds
FIRST_YEAR, LAST_YEAR = 1900, 2999
SURROGATE = re.compile(r"[\ud800-\udfff]")
_BAD = object()  # a value that had a problem (reported), left out of the record


class PortabilityError(ValueError):
    """The document cannot be imported; the message says where and why, one line per problem."""

    def __init__(self, message="", path="", *, problems=()):
        self.path = path
        self.problems = list(problems) or [f"{path}: {message}" if path else message]
        super().__init__("\n".join(self.problems))


# Export


def export_user(user):
    """Everything `user` owns, as a JSON-ready dict (only str, int, None, lists and dicts)."""
    profile = Profile.objects.filter(user=user).first()
    clients = Client.objects.for_user(user).order_by("pk")
    notices = Notice.objects.for_user(user).order_by("pk").prefetch_related("log", "updates")
    return {
        "format": FORMAT,
        "version": VERSION,
        "owner": {"username": user.get_username()},
        "profile": _dump(profile, PROFILE_FIELDS) if profile else None,
        "clients": [{"id": c.pk} | _dump(c, CLIENT_FIELDS) for c in clients],
        "notices": [_dump_notice(n) for n in notices],
    }


def _dump_notice(notice):
    return (
        {
            "id": notice.pk,
            "client": notice.client_id,
            "revision_of": notice.revision_of_id,
            "follows": notice.follows_id,
            "copy_of": notice.copy_of_id,
        }
        | _dump(notice, NOTICE_FIELDS)
        | {
            "log": [_dump(e, LOG_FIELDS) for e in sorted(notice.log.all(), key=lambda e: e.pk)],
            "updates": [
                _dump(u, UPDATE_FIELDS) | {"followup": u.followup_id}
                for u in sorted(notice.updates.all(), key=lambda u: u.pk)
            ],
        }
    )


def _dump(instance, names):
    data = {}
    for name in names:
        value = getattr(instance, name)
        if isinstance(value, Country):
            value = value.code or ""
        data[name] = value.isoformat() if isinstance(value, dt.date) else value
    return data


# Import


def loads(raw):
    """The decoded JSON document in `raw` (bytes); PortabilityError with a clear message otherwise."""
    try:
        return json.loads(
            raw.decode("utf-8-sig"),
            object_pairs_hook=_object_once,
            parse_constant=_no_constant,
            parse_int=_integer,
            parse_float=_finite,
        )
    except PortabilityError:
        raise
    except UnicodeDecodeError:
        raise PortabilityError(_("The file is not UTF-8 text: it is not a Delaynote export.")) from None
    except json.JSONDecodeError as error:
        raise PortabilityError(
            _("The file is not valid JSON (line %(line)d, column %(column)d: %(problem)s).")
            % {"line": error.lineno, "column": error.colno, "problem": error.msg}
        ) from None
    except RecursionError:
        raise PortabilityError(_("The file is nested too deeply to be read.")) from None


def _object_once(pairs):
    """A JSON object whose every field is named once: with two values for one name, which one was meant?"""
    data = dict(pairs)
    if len(data) < len(pairs):
        seen = set()
        twice = next(key for key, _value in pairs if key in seen or seen.add(key))
        raise PortabilityError(
            _('The file is not a Delaynote export: the field "%(name)s" appears twice in one object.')
            % {"name": _shown(twice)}
        )
    return data


def _no_constant(name):
    raise PortabilityError(
        _("The file holds %(value)s, which is not a number a Delaynote export uses.") % {"value": name}
    )


def _integer(text):
    # Python reads numbers of up to 4,300 digits, slowly; none of the format's numbers has more than 19.
    digits = len(text.lstrip("-"))
    if digits > 30:
        raise PortabilityError(
            _("The file holds a number of %(count)d digits, too large for any field.") % {"count": digits}
        )
    return int(text)


def _finite(text):
    value = float(text)
    if not math.isfinite(value):
        raise PortabilityError(
            _("The file holds the number %(value)s, too large for any field.") % {"value": _shown(text)}
        )
    return value


def import_user(user, data):
    """Add the document's profile, clients and notices to `user`'s account, all or nothing.

    Nothing the account already holds is changed: clients and notices are added beside the existing
    ones, and the profile is restored only into an account whose profile is not filled in yet.
    Returns {"clients": n, "notices": n, "profile": restored or not}. Raises `PortabilityError`.
    """
    plan = _validate(data)
    try:
        with transaction.atomic():
            return write_plan(user, plan)
    except DatabaseError as error:
        raise PortabilityError(_("The data could not be saved: %(error)s") % {"error": error}) from error


def check(data):
    """The cleaned records of document `data`, as JSON to keep until an import job writes them.

    Raises `PortabilityError`. Dates become ISO 8601 text, which the model fields read back.
    """
    return json.loads(json.dumps(_validate(data), cls=DjangoJSONEncoder))


def write_plan(user, plan, job=None):
    """Write the cleaned records `plan` (from `_validate` or `check`) into `user`'s account.

    With an `ImportJob` the records are written in batches of `BATCH`, each in a transaction of its
    own that also records what it wrote and the job's progress, so no transaction holds the
    database for long, and a job run again after its worker died goes on after the last batch
    written, never writing a record twice. Raises `Stopped` once the job is no longer this run's.
    """
    ledger = _Ledger(job)
    try:
        _write(user, plan, ledger)
    except DatabaseError as error:
        raise PortabilityError(_("The data could not be saved: %(error)s") % {"error": error}) from error
    return {"clients": len(ledger.ids["client"]), "notices": len(ledger.ids["notice"]), "profile": ledger.profile}


# Records written per transaction by a background import (IMPORT_BATCH_SIZE in the settings).
BATCH = settings.IMPORT_BATCH_SIZE


class _Ledger:
    """What an import has written: the new id of each client and notice of the file, kept with the job's."""

    def __init__(self, job):
        self.job = job
        self.ids = {"client": {}, "notice": {}}
        self.profile = bool(job and job.profile)
        if job is not None:
            for kind, source, target in job.records.values_list("kind", "source", "target"):
                self.ids[kind][source] = target

    def check(self):
        """Start a batch: make sure the job is still this run's (and lock it against a concurrent run)."""
        if self.job is not None:
            self.job.beat()

    def record(self, kind, pairs):
        """End a batch: remember what it wrote, in its transaction."""
        self.ids[kind].update(pairs)
        if self.job is not None:
            ImportedRecord.objects.bulk_create(
                ImportedRecord(job=self.job, kind=kind, source=source, target=target)
                for source, target in pairs.items()
            )
            self.job.beat(clients=len(self.ids["client"]), done=len(self.ids["notice"]), profile=self.profile)


def _batches(records):
    for start in range(0, len(records), BATCH):
        yield records[start : start + BATCH]


def _write(user, plan, ledger):
    if not ledger.profile and plan["profile"] is not None:
        retrying(_write_profile, user, plan["profile"], ledger)
    waiting = [record for record in plan["clients"] if record["id"] not in ledger.ids["client"]]
    for batch in _batches(waiting):
        retrying(_write_clients, user, batch, ledger)
    waiting = [record for record in plan["notices"] if record["id"] not in ledger.ids["notice"]]
    for batch in _batches(waiting):
        retrying(_write_notices, user, batch, ledger)
    # Links may point forward in the file: they go in once every notice has its new id.
    linked = [
        r
        for r in plan["notices"]
        if any(r[name] is not None for name in ("revision_of", "follows", "copy_of"))
        or any(f for _u, f in r["updates"])
    ]
    for batch in _batches(linked):
        retrying(_write_links, batch, ledger)


def _write_profile(user, fields, ledger):
    with transaction.atomic():
        ledger.check()
        ledger.profile = _restore_profile(user, fields)
        ledger.record("client", {})


def _write_clients(user, batch, ledger):
    with transaction.atomic():
        ledger.check()
        written = {record["id"]: Client.objects.create(owner=user, **record["fields"]).pk for record in batch}
        ledger.record("client", written)


def _write_notices(user, batch, ledger):
    with transaction.atomic():
        ledger.check()
        written = {}
        for record in batch:
            notice = Notice(owner=user, client_id=ledger.ids["client"].get(record["client"]), **record["fields"])
            notice.save()
            written[record["id"]] = notice.pk
            LogEntry.objects.bulk_create(LogEntry(notice=notice, **fields) for fields in record["log"])
            ProgressUpdate.objects.bulk_create(
                ProgressUpdate(notice=notice, **fields) for fields, _followup in record["updates"]
            )
            # Every save sets `updated`: the file's own goes in after.
            Notice.objects.filter(pk=notice.pk).update(updated=record["updated"])
        ledger.record("notice", written)


def _write_links(batch, ledger):
    notices = ledger.ids["notice"]
    with transaction.atomic():
        ledger.check()
        for record in batch:
            Notice.objects.filter(pk=notices[record["id"]]).update(
                revision_of_id=notices.get(record["revision_of"]),
                follows_id=notices.get(record["follows"]),
                copy_of_id=notices.get(record["copy_of"]),
            )
            for fields, followup in record["updates"]:
                if followup is not None:
                    ProgressUpdate.objects.filter(notice_id=notices[record["id"]], date=fields.get("date")).update(
                        followup_id=notices.get(followup)
                    )


def discard_import(job):
    """Delete what a failed import job wrote, in batches, so that a failed import leaves nothing behind."""
    for kind, model in (("notice", Notice), ("client", Client)):
        while True:
            with transaction.atomic():
                records = list(job.records.filter(kind=kind).values_list("pk", "target")[:BATCH])
                if not records:
                    break
                model.objects.filter(owner=job.owner, pk__in=[target for _pk, target in records]).delete()
                ImportedRecord.objects.filter(pk__in=[pk for pk, _target in records]).delete()


def _restore_profile(user, fields):
    """Restore the sender profile into an account that has not set one up; never mix two senders."""
    if fields is None:
        return False
    profile, _created = Profile.objects.get_or_create(user=user)
    # Sign-up stores the account's email in the profile; anything else means the user has filled it in.
    if any(getattr(profile, name) for name in PROFILE_FIELDS if name not in ("language", "email")):
        return False
    changed = [name for name, value in fields.items() if value and value != getattr(profile, name)]
    for name in changed:
        setattr(profile, name, fields[name])
    if changed:
        profile.save(update_fields=changed)
    return True


def _validate(data):
    """Check the whole document before anything is written; return the cleaned records.

    Every problem found is collected (up to MAX_PROBLEMS shown), each naming its place in the document, and
    raised together as one `PortabilityError`.
    """
    problems = _Problems()
    _scan(data, problems)
    problems.check()
    if not isinstance(data, dict):
        raise PortabilityError(_("This is not a Delaynote export: the file must hold a JSON object."))
    if data.get("format") != FORMAT:
        raise PortabilityError(_('This is not a Delaynote export: "format" must be "delaynote".'))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PortabilityError(_('The export has no format "version" number.'))
    if version > VERSION:
        raise PortabilityError(
            _("The export is format version %(found)d, made by a newer Delaynote; this one reads version %(known)d.")
            % {"found": version, "known": VERSION}
        )
    if version != VERSION:
        raise PortabilityError(
            _("Unknown format version %(found)d; this Delaynote reads version %(known)d.")
            % {"found": version, "known": VERSION}
        )
    _keys(data, {"format", "version", "owner", "profile", "clients", "notices"}, "", problems)
    limit = settings.IMPORT_MAX_NOTICES
    for name in ("clients", "notices"):
        records = data.get(name, [])
        if isinstance(records, list) and len(records) > limit:
            problems.add(
                name,
                _("the file holds %(count)d records; at most %(max)d can be imported at once.")
                % {"count": len(records), "max": limit},
            )
    problems.check()

    profile = None
    if data.get("profile") is not None and _object(data["profile"], "profile", problems):
        record = data["profile"]
        _keys(record, set(PROFILE_FIELDS), "profile", problems)
        profile = _values(Profile, record, PROFILE_FIELDS, "profile", problems)

    clients, client_ids = [], set()
    for i, record in enumerate(_list(data.get("clients", []), "clients", problems)):
        path = f"clients[{i}]"
        if not _object(record, path, problems):
            continue
        _keys(record, {"id", *CLIENT_FIELDS}, path, problems)
        pk = _id(record, path, client_ids, problems)
        fields = _values(Client, record, CLIENT_FIELDS, path, problems)
        if "name" not in record:
            problems.add(f"{path}.name", _("a client needs a name."))
        if pk is not None:
            clients.append({"id": pk, "fields": fields})
    names = {record["id"]: record["fields"] for record in clients}

    notices, notice_ids = [], set()
    records = _list(data.get("notices", []), "notices", problems)
    for i, record in enumerate(records):
        if _object(record, f"notices[{i}]", problems):
            _id(record, f"notices[{i}]", notice_ids, problems)
    for i, record in enumerate(records):
        if isinstance(record, dict):
            notices.append(_notice(record, f"notices[{i}]", names, notice_ids, problems))
    problems.check()
    return {"profile": profile, "clients": clients, "notices": notices}


def _notice(record, path, clients, notice_ids, problems):
    found = len(problems)
    _keys(record, {"id", *NOTICE_LINKS, *NOTICE_FIELDS, "log", "updates"}, path, problems)
    links = {}
    for name, known in (("client", clients), *((link, notice_ids) for link in ("revision_of", "follows", "copy_of"))):
        value = record.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value not in known):
            if name == "client":
                message = _("refers to client %(id)s, which is not in the file.") % {"id": _shown(value)}
            else:
                message = _("refers to notice %(id)s, which is not in the file.") % {"id": _shown(value)}
            problems.add(f"{path}.{name}", message)
            value = None
        links[name] = value
    fields = _values(Notice, record, NOTICE_FIELDS, path, problems)
    if _object(fields.get("answers", {}), f"{path}.answers", problems):
        _answers_shape(fields.get("answers", {}), f"{path}.answers", problems)
    _edits(fields.get("edits", {}), f"{path}.edits", problems)
    if fields.get("frozen") is not None:
        _frozen(fields["frozen"], fields.get("language", Notice._meta.get_field("language").default), path, problems)
    elif record.get("frozen") is None and fields.get("status", Notice.Status.DRAFT) != Notice.Status.DRAFT:
        problems.add(f"{path}.frozen", _("a notice that is no longer a draft needs its frozen case."))
    if len(problems) == found:
        # The library reads the answers through Notice.sync(): try it before saving anything.
        client_fields = clients.get(links["client"])
        probe = Notice(**fields, client=Client(**client_fields) if client_fields else None)
        try:
            probe.sync()
        except (AttributeError, TypeError, ValueError):
            problems.add(f"{path}.answers", _("the answers do not have the expected shape."))

    log = []
    for j, entry in enumerate(_list(record.get("log", []), f"{path}.log", problems, MAX_ENTRIES)):
        where = f"{path}.log[{j}]"
        if _object(entry, where, problems):
            _keys(entry, set(LOG_FIELDS), where, problems)
            log.append(_values(LogEntry, entry, LOG_FIELDS, where, problems))
    updates, dates = [], set()
    for j, entry in enumerate(_list(record.get("updates", []), f"{path}.updates", problems, MAX_ENTRIES)):
        where = f"{path}.updates[{j}]"
        if not _object(entry, where, problems):
            continue
        _keys(entry, {*UPDATE_FIELDS, *UPDATE_LINKS}, where, problems)
        if "date" not in entry:
            problems.add(f"{where}.date", _("a progress update needs its date."))
        cleaned = _values(ProgressUpdate, entry, UPDATE_FIELDS, where, problems)
        if cleaned.get("date") in dates:
            problems.add(f"{where}.date", _("two progress updates on the same day."))
        dates.add(cleaned.get("date"))
        followup = entry.get("followup")
        if followup is not None and (
            not isinstance(followup, int) or isinstance(followup, bool) or followup not in notice_ids
        ):
            problems.add(
                f"{where}.followup",
                _("refers to notice %(id)s, which is not in the file.") % {"id": _shown(followup)},
            )
            followup = None
        updates.append((cleaned, followup))
    updated = fields.pop("updated", None) or fields.get("created") or timezone.now()
    return {"id": record.get("id"), **links, "fields": fields, "updated": updated, "log": log, "updates": updates}


def _frozen(frozen, language, path, problems):
    """A notice's frozen case must be the one it was finalised with: it is parsed and composed as its page will be."""
    path = f"{path}.frozen"
    if not _object(frozen, path, problems):
        return
    _edits(frozen.get("edits", {}), f"{path}.edits", problems)
    case = frozen.get("case")
    if not _object(case, f"{path}.case", problems):
        return
    if not case:
        problems.add(
            f"{path}.case", _("is empty: a notice that is no longer a draft needs the case it was finalised with.")
        )
        return
    data = copy.deepcopy(case)
    data.setdefault("language", language)
    try:
        answers = parse_case(data, language=language)
    except CaseError as error:
        for problem in error.problems:
            where = f"{path}.case" if problem.path == "(case)" else f"{path}.case.{problem.path}"
            problems.add(where, problem.message)
        return
    try:
        compose(answers)
    except (ArithmeticError, LookupError, TypeError, ValueError) as error:
        problems.add(f"{path}.case", _("does not compose into a letter (%(error)s).") % {"error": _shown(error)})


def _answers_shape(answers, path, problems):
    """The parts of a draft's answers the library and the wizard read must be objects and lists where expected."""
    shapes = dict.fromkeys(("commitment", "cause", "plan", "letter", "titles", "voice", "address_as"), dict)
    for key, shape in (shapes | {"remedies": list}).items():
        if answers.get(key) is not None and not isinstance(answers[key], shape):
            problems.add(
                path,
                _("the answers do not have the expected shape: %(field)s must be %(shape)s.")
                % {"field": key, "shape": _("an object") if shape is dict else _("a list")},
            )


class _Problems(list):
    """The problems found so far, each "path: message"; `check()` raises them together."""

    def add(self, path, message):
        self.append(f"{path}: {message}" if path else message)

    def check(self):
        if not self:
            return
        shown = self[:MAX_PROBLEMS]
        if len(self) > MAX_PROBLEMS:
            more = len(self) - MAX_PROBLEMS
            shown.append(
                ngettext("… and %(count)d more problem.", "… and %(count)d more problems.", more) % {"count": more}
            )
        raise PortabilityError(problems=shown)


def _scan(data, problems):
    """Refuse what no part of the document may hold: deep nesting, huge numbers, lone surrogates, NaN."""
    stack = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                problems.add(path, _("is nested too deeply: at most %(max)d levels.") % {"max": MAX_DEPTH})
                continue
            if isinstance(value, dict):
                children = []
                for key, item in value.items():
                    if isinstance(key, str) and SURROGATE.search(key):
                        problems.add(path, _("has a field name that is not valid text (a lone surrogate)."))
                        continue
                    children.append((item, f"{path}.{_shown(key)}" if path else _shown(key), depth + 1))
            else:
                children = [(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value)]
            stack.extend(reversed(children))
        elif isinstance(value, str):
            if found := SURROGATE.search(value):
                problems.add(
                    path,
                    _("is not valid text: it holds a lone surrogate (%(char)s).")
                    % {"char": f"\\u{ord(found.group()):04x}"},
                )
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if not -BIGGEST <= value <= BIGGEST:
                problems.add(path, _("is too large a number: at most %(max)d.") % {"max": BIGGEST})
        elif isinstance(value, float):
            if not math.isfinite(value):
                problems.add(path, _("must be a finite number."))
        else:
            problems.add(path, _("is not a JSON value."))


def _shown(value, limit=40):
    """A key or value as a message shows it: short."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _object(value, path, problems):
    if not isinstance(value, dict):
        problems.add(path, _("must be an object."))
        return False
    return True


def _list(value, path, problems, limit=None):
    if not isinstance(value, list):
        problems.add(path, _("must be a list."))
        return []
    if limit is not None and len(value) > limit:
        problems.add(path, _("has too many entries: at most %(max)d.") % {"max": limit})
        return []
    return value


def _keys(record, allowed, path, problems):
    unknown = sorted(_shown(key) for key in record if key not in allowed)
    if unknown:
        listed = ", ".join(unknown[:5]) + (", …" if len(unknown) > 5 else "")
        problems.add(path or _("the document"), _("unknown field(s): %(fields)s.") % {"fields": listed})


def _id(record, path, seen, problems):
    pk = record.get("id")
    if not isinstance(pk, int) or isinstance(pk, bool) or not 1 <= pk <= BIGGEST:
        problems.add(f"{path}.id", _("must be a whole number from %(low)d to %(high)d.") % {"low": 1, "high": BIGGEST})
        return None
    if pk in seen:
        problems.add(f"{path}.id", _("the id %(id)d is used twice.") % {"id": pk})
        return None
    seen.add(pk)
    return pk


def _edits(value, path, problems):
    """The user's wording per language: {"vi": {"text": …, "base": …}}."""
    if not _object(value, path, problems):
        return
    for language, edit in value.items():
        where = f"{path}.{_shown(language)}"
        if not _object(edit, where, problems):
            continue
        for key, text in edit.items():
            if not isinstance(text, str):
                problems.add(f"{where}.{_shown(key)}", _("must be text."))
            elif len(text) > MAX_EDIT:
                problems.add(
                    f"{where}.{_shown(key)}",
                    _("is too long: %(length)d characters, at most %(max)d.") % {"length": len(text), "max": MAX_EDIT},
                )
            elif MULTILINE_CONTROL.search(text):
                problems.add(f"{where}.{_shown(key)}", _("contains control characters."))


def _no_nul(value, path, problems):
    """PostgreSQL stores no NUL character, in text or in JSON: refuse it here rather than fail there."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                problems.add(path, _("must not contain NUL characters."))
                return False
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


def _values(model, record, names, path, problems):
    """The record's fields among `names`, each checked and converted; a field with a problem is left out."""
    fields = {}
    for name in names:
        if name in record:
            value = _value(model, name, record[name], path, problems)
            if value is not _BAD:
                fields[name] = value
    return fields


def _value(model, name, value, path, problems):
    """One field's value, checked and converted by the model field itself; `_BAD` after a problem."""
    where = f"{path}.{name}"
    field = model._meta.get_field(name)
    try:
        return _field_value(field, value, where, problems)
    except ValidationError as error:
        problems.add(where, " ".join(str(m) for m in error.messages))
        return _BAD


def _field_value(field, value, where, problems):
    """`value` cleaned for `field`; raises ValidationError with what is wrong, or reports NUL characters itself."""
    if value is None:
        if field.null:
            return None
        raise ValidationError(_("must not be null."))
    if isinstance(field, models.CharField | models.TextField) and not isinstance(value, str):
        raise ValidationError(_("must be text."))
    if isinstance(field, models.CharField | models.TextField | models.JSONField) and not _no_nul(
        value, where, problems
    ):
        return _BAD
    if isinstance(field, models.JSONField):
        return value
    if isinstance(field, models.TextField):
        if MULTILINE_CONTROL.search(value):
            raise ValidationError(_("contains control characters."))
        if field.max_length and len(value) > field.max_length:
            raise ValidationError(
                _("is too long: %(length)d characters, at most %(max)d.")
                % {"length": len(value), "max": field.max_length}
            )
    elif isinstance(field, models.CharField):
        if CONTROL.search(value):
            raise ValidationError(_("must be a single line without control characters."))
    elif isinstance(field, models.IntegerField):
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValidationError(_("must be a whole number."))
        # The same bounds on every database (SQLite alone would take any size).
        low, high = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
        if not low <= value <= high:
            raise ValidationError(_("must be between %(low)d and %(high)d.") % {"low": low, "high": high})
    elif isinstance(field, models.DateField) and not isinstance(value, str):
        raise ValidationError(_("must be a date written as text (ISO 8601)."))
    value = field.clean(value, None)
    if isinstance(field, models.DateTimeField) and timezone.is_naive(value):
        value = timezone.make_aware(value)
    if isinstance(field, models.DateField) and not _in_years(value):
        raise ValidationError(
            _("must lie between the years %(first)d and %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return value


def _in_years(value):
    """Whether a date (or a datetime, in UTC as the database stores it) lies within the years a notice may use."""
    try:
        if isinstance(value, dt.datetime):
            value = value.astimezone(dt.UTC)
    except OverflowError:
        return False
    return FIRST_YEAR <= value.year <= LAST_YEAR
