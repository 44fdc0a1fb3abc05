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

import datetime as dt
import json

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import DatabaseError, models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Client, LogEntry, Notice, Profile, ProgressUpdate

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
NOTICE_LINKS = ("client", "revision_of", "follows")
# Copied from the answers by Notice.sync() on every save: not part of the document.
NOTICE_DERIVED = ("kind", "category", "original_deadline", "new_deadline", "search_text")
LOG_FIELDS = ("date", "channel", "response", "notes", "created")
UPDATE_FIELDS = ("date", "state")


class PortabilityError(ValueError):
    """The document cannot be imported; the message says where and why."""

    def __init__(self, message, path=""):
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


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
        }
        | _dump(notice, NOTICE_FIELDS)
        | {
            "log": [_dump(e, LOG_FIELDS) for e in sorted(notice.log.all(), key=lambda e: e.pk)],
            "updates": [_dump(u, UPDATE_FIELDS) for u in sorted(notice.updates.all(), key=lambda u: u.pk)],
        }
    )


def _dump(instance, names):
    data = {}
    for name in names:
        value = getattr(instance, name)
        data[name] = value.isoformat() if isinstance(value, dt.date) else value
    return data


# Import


def loads(raw):
    """The decoded JSON document in `raw` (bytes); PortabilityError with a clear message otherwise."""
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise PortabilityError(_("The file is not UTF-8 text: it is not a Delaynote export.")) from None
    except json.JSONDecodeError as error:
        raise PortabilityError(
            _("The file is not valid JSON (line %(line)d, column %(column)d: %(problem)s).")
            % {"line": error.lineno, "column": error.colno, "problem": error.msg}
        ) from None
    except RecursionError:
        raise PortabilityError(_("The file is nested too deeply to be read.")) from None


def import_user(user, data):
    """Add the document's profile, clients and notices to `user`'s account, all or nothing.

    Nothing the account already holds is changed: clients and notices are added beside the existing
    ones, and the profile is restored only into an account whose profile is not filled in yet.
    Returns {"clients": n, "notices": n, "profile": restored or not}. Raises `PortabilityError`.
    """
    plan = _validate(data)
    try:
        with transaction.atomic():
            profile = _restore_profile(user, plan["profile"])
            clients = {}
            for record in plan["clients"]:
                clients[record["id"]] = Client.objects.create(owner=user, **record["fields"])
            notices = {}
            for record in plan["notices"]:
                notice = Notice(owner=user, client=clients.get(record["client"]), **record["fields"])
                notice.save()
                notices[record["id"]] = notice
                LogEntry.objects.bulk_create(LogEntry(notice=notice, **fields) for fields in record["log"])
                ProgressUpdate.objects.bulk_create(
                    ProgressUpdate(notice=notice, **fields) for fields in record["updates"]
                )
            for record in plan["notices"]:
                # Links may point forward in the file, and `updated` is set by every save: both go last.
                Notice.objects.filter(pk=notices[record["id"]].pk).update(
                    revision_of=notices.get(record["revision_of"]),
                    follows=notices.get(record["follows"]),
                    updated=record["updated"],
                )
    except DatabaseError as error:
        raise PortabilityError(_("The data could not be saved: %(error)s") % {"error": error}) from error
    return {"clients": len(clients), "notices": len(notices), "profile": profile}


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
    """Check the whole document before anything is written; return the cleaned records."""
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
    _keys(data, {"format", "version", "owner", "profile", "clients", "notices"}, "")

    profile = None
    if data.get("profile") is not None:
        record = _object(data["profile"], "profile")
        _keys(record, set(PROFILE_FIELDS), "profile")
        profile = {name: _value(Profile, name, value, "profile") for name, value in record.items()}

    clients, client_ids = [], set()
    for i, record in enumerate(_list(data.get("clients", []), "clients")):
        path = f"clients[{i}]"
        record = _object(record, path)
        _keys(record, {"id", *CLIENT_FIELDS}, path)
        pk = _id(record, path, client_ids)
        fields = {name: _value(Client, name, value, path) for name, value in record.items() if name != "id"}
        if not fields.get("name"):
            raise PortabilityError(_("a client needs a name."), f"{path}.name")
        clients.append({"id": pk, "fields": fields})
    names = {record["id"]: record["fields"] for record in clients}

    notices, notice_ids = [], set()
    records = _list(data.get("notices", []), "notices")
    for i, record in enumerate(records):
        notice_ids.add(_id(_object(record, f"notices[{i}]"), f"notices[{i}]", notice_ids))
    for i, record in enumerate(records):
        notices.append(_notice(record, f"notices[{i}]", names, notice_ids))
    return {"profile": profile, "clients": clients, "notices": notices}


def _notice(record, path, clients, notice_ids):
    _keys(record, {"id", *NOTICE_LINKS, *NOTICE_FIELDS, "log", "updates"}, path)
    links = {}
    for name, known in (("client", clients), ("revision_of", notice_ids), ("follows", notice_ids)):
        value = record.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value not in known):
            if name == "client":
                message = _("refers to client %(id)s, which is not in the file.") % {"id": value}
            else:
                message = _("refers to notice %(id)s, which is not in the file.") % {"id": value}
            raise PortabilityError(message, f"{path}.{name}")
        links[name] = value
    fields = {
        name: _value(Notice, name, value, path)
        for name, value in record.items()
        if name not in {"id", *NOTICE_LINKS, "log", "updates"}
    }
    _json_object(fields.get("answers", {}), f"{path}.answers")
    _edits(fields.get("edits", {}), f"{path}.edits")
    frozen = fields.get("frozen")
    if frozen is not None:
        _json_object(frozen, f"{path}.frozen")
        _json_object(frozen.get("case"), f"{path}.frozen.case")
        _edits(frozen.get("edits", {}), f"{path}.frozen.edits")
    elif fields.get("status", Notice.Status.DRAFT) != Notice.Status.DRAFT:
        raise PortabilityError(_("a notice that is no longer a draft needs its frozen case."), f"{path}.frozen")
    # The library reads the answers through Notice.sync(): try it before saving anything.
    client_fields = clients.get(links["client"])
    probe = Notice(**fields, client=Client(**client_fields) if client_fields else None)
    try:
        probe.sync()
    except (AttributeError, TypeError, ValueError) as error:
        raise PortabilityError(_("the answers do not have the expected shape."), f"{path}.answers") from error

    log = []
    for j, entry in enumerate(_list(record.get("log", []), f"{path}.log")):
        where = f"{path}.log[{j}]"
        entry = _object(entry, where)
        _keys(entry, set(LOG_FIELDS), where)
        log.append({name: _value(LogEntry, name, value, where) for name, value in entry.items()})
    updates, dates = [], set()
    for j, entry in enumerate(_list(record.get("updates", []), f"{path}.updates")):
        where = f"{path}.updates[{j}]"
        entry = _object(entry, where)
        _keys(entry, set(UPDATE_FIELDS), where)
        if "date" not in entry:
            raise PortabilityError(_("a progress update needs its date."), f"{where}.date")
        cleaned = {name: _value(ProgressUpdate, name, value, where) for name, value in entry.items()}
        if cleaned["date"] in dates:
            raise PortabilityError(_("two progress updates on the same day."), f"{where}.date")
        dates.add(cleaned["date"])
        updates.append(cleaned)
    updated = fields.pop("updated", None) or fields.get("created") or timezone.now()
    return {"id": record["id"], **links, "fields": fields, "updated": updated, "log": log, "updates": updates}


def _object(value, path):
    if not isinstance(value, dict):
        raise PortabilityError(_("must be an object."), path)
    return value


def _list(value, path):
    if not isinstance(value, list):
        raise PortabilityError(_("must be a list."), path)
    return value


def _keys(record, allowed, path):
    unknown = sorted(str(key) for key in record if key not in allowed)
    if unknown:
        raise PortabilityError(
            _("unknown field(s): %(fields)s.") % {"fields": ", ".join(unknown)}, path or _("the document")
        )


def _id(record, path, seen):
    pk = record.get("id")
    if not isinstance(pk, int) or isinstance(pk, bool):
        raise PortabilityError(_("must be a whole number."), f"{path}.id")
    if pk in seen:
        raise PortabilityError(_("the id %(id)d is used twice.") % {"id": pk}, f"{path}.id")
    seen.add(pk)
    return pk


def _json_object(value, path):
    if not isinstance(value, dict):
        raise PortabilityError(_("must be an object."), path)


def _edits(value, path):
    """The user's wording per language: {"vi": {"text": …, "base": …}}."""
    _json_object(value, path)
    for language, edit in value.items():
        where = f"{path}.{language}"
        _json_object(edit, where)
        for key, text in edit.items():
            if not isinstance(text, str):
                raise PortabilityError(_("must be text."), f"{where}.{key}")


def _no_nul(value, path):
    """PostgreSQL stores no NUL character, in text or in JSON: refuse it here rather than fail there."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                raise PortabilityError(_("must not contain NUL characters."), path)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _value(model, name, value, path):
    """One field's value, checked and converted by the model field itself."""
    where = f"{path}.{name}"
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        raise PortabilityError(_("unknown field."), where) from None
    if value is None:
        if field.null:
            return None
        raise PortabilityError(_("must not be null."), where)
    if isinstance(field, models.JSONField):
        _no_nul(value, where)
        return value
    if isinstance(field, models.CharField | models.TextField):
        if not isinstance(value, str):
            raise PortabilityError(_("must be text."), where)
        _no_nul(value, where)
    elif isinstance(field, models.IntegerField):
        if not isinstance(value, int) or isinstance(value, bool):
            raise PortabilityError(_("must be a whole number."), where)
        # The same bounds on every database (SQLite alone would take any size).
        low, high = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
        if not low <= value <= high:
            raise PortabilityError(_("must be between %(low)d and %(high)d.") % {"low": low, "high": high}, where)
    elif isinstance(field, models.DateField) and not isinstance(value, str):
        raise PortabilityError(_("must be a date written as text (ISO 8601)."), where)
    try:
        value = field.clean(value, None)
    except ValidationError as error:
        raise PortabilityError(" ".join(str(m) for m in error.messages), where) from None
    if isinstance(field, models.DateTimeField) and timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value
