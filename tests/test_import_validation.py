"""Bad input is a clear message, never a 500: the JSON importer's schema, final notices stored damaged, ids in requests."""

import json

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from composer import portability
from composer.models import Client, Notice, Profile
from composer.portability import PortabilityError, export_user, import_user, loads

from .factories import finalise, make_client, make_notice, make_user

pytestmark = pytest.mark.django_db


def newcomer(username="newcomer"):
    user = get_user_model().objects.create_user(username)
    Profile.objects.create(user=user)
    return user


@pytest.fixture
def document():
    """An export holding one final notice (with its frozen case) and one draft."""
    owner = make_user("exporter")
    final = finalise(make_notice(owner, make_client(owner), title="Spring campaign website"))
    make_notice(owner, final.client, title="A draft", step=2)
    return json.loads(json.dumps(export_user(owner)))


def refused(document, *messages):
    """Import `document` into a new account: every message must be in the error, and nothing written."""
    user = newcomer(f"newcomer{get_user_model().objects.count()}")
    with pytest.raises(PortabilityError) as error:
        import_user(user, document)
    for message in messages:
        assert message in str(error.value), str(error.value)
    assert not Client.objects.filter(owner=user).exists() and not Notice.objects.filter(owner=user).exists()
    return error.value


def test_the_document_imports(document):
    assert import_user(newcomer(), document)["notices"] == 2


# Numbers


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (("notices", 0, "id"), 10**30, "notices[0].id: is too large a number: at most 9223372036854775807."),
        (("notices", 0, "id"), 0, "notices[0].id: must be a whole number from 1 to 9223372036854775807."),
        (("clients", 0, "id"), -(10**30), "clients[0].id: is too large a number"),
        (("notices", 0, "version"), 10**30, "notices[0].version: is too large a number"),
        (("notices", 0, "version"), 2**31, "notices[0].version: must be between 0 and 2147483647."),
        (("notices", 0, "revision"), 10**10, "notices[0].revision: must be between 0 and 32767."),
        (("notices", 0, "step"), 1.5, "notices[0].step: must be a whole number."),
        (("notices", 0, "answers", "plan", "updates", "days"), 10**40, "notices[0].answers.plan.updates.days: is too"),
    ],
)
def test_huge_numbers_get_a_message_naming_where(document, where, value, message):
    *parents, last = where
    target = document
    for key in parents:
        target = target[key]
    target[last] = value
    refused(document, message)


# Text


def test_lone_surrogates_are_refused_where_they_are(document):
    raw = json.dumps(document).replace('"Spring campaign website"', '"Spring \\ud800 website"', 1)
    refused(loads(raw.encode()), "notices[0].title: is not valid text: it holds a lone surrogate (\\ud800).")


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (("notices", 0, "title"), "Spring\r\nBcc: x", "notices[0].title: must be a single line without control"),
        (("notices", 0, "title"), "Spring\u202ewebsite", "notices[0].title: must be a single line without control"),
        (("clients", 0, "name"), "Bluebird\x1b[31m", "clients[0].name: must be a single line without control"),
        (("clients", 0, "name"), "Blue\x00bird", "clients[0].name: must not contain NUL characters."),
        (("clients", 0, "notes"), "ring\x07", "clients[0].notes: contains control characters."),
        (("clients", 0, "notes"), "x" * 2001, "clients[0].notes: is too long: 2001 characters, at most 2000."),
        (("clients", 0, "name"), "x" * 201, "clients[0].name: Ensure this value has at most 200 characters"),
        (("notices", 0, "edits"), {"en": {"text": "x" * 8001}}, "notices[0].edits.en.text: is too long"),
        (("notices", 0, "edits"), {"en": {"text": "a\x0cb"}}, "notices[0].edits.en.text: contains control"),
    ],
)
def test_bad_text_gets_a_message_naming_where(document, where, value, message):
    *parents, last = where
    target = document
    for key in parents:
        target = target[key]
    target[last] = value
    refused(document, message)


# Shape and size


def test_deep_nesting_is_refused(document):
    nested = []
    for _i in range(50):
        nested = [nested]
    document["notices"][1]["answers"]["extra"] = nested
    refused(document, "notices[1].answers.extra" + "[0]" * 16 + ": is nested too deeply: at most 20 levels.")


def test_a_file_nested_100000_deep_is_a_message(document):
    with pytest.raises(PortabilityError, match="nested too deeply"):
        loads(b"[" * 100_000 + b"]" * 100_000)


def test_the_number_of_notices_is_limited(document, settings):
    settings.IMPORT_MAX_NOTICES = 1
    refused(document, "notices: the file holds 2 records; at most 1 can be imported at once.")
    settings.IMPORT_MAX_NOTICES = 2
    assert import_user(newcomer("other"), document)["notices"] == 2


def test_log_entries_per_notice_are_limited(document):
    document["notices"][0]["log"] = [{"date": "2026-01-01"}] * (portability.MAX_ENTRIES + 1)
    refused(document, "notices[0].log: has too many entries: at most 1000.")


# Dates


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("completed_on", "0000-00-00", "notices[0].completed_on: "),
        ("completed_on", "0000-01-01", "notices[0].completed_on: "),
        ("completed_on", "99999-01-01", "notices[0].completed_on: "),
        ("completed_on", "2026-02-30", "notices[0].completed_on: "),
        ("completed_on", "1000-01-01", "notices[0].completed_on: must lie between the years 1900 and 2999."),
        ("completed_on", "9999-12-31", "notices[0].completed_on: must lie between the years 1900 and 2999."),
        ("created", "0001-01-01T00:00:00+05:00", "notices[0].created: must lie between the years 1900 and 2999."),
        ("created", "9999-12-31T23:00:00-05:00", "notices[0].created: must lie between the years 1900 and 2999."),
        ("created", "2026-13-01T00:00:00", "notices[0].created: "),
        ("finalised", 20260101, "notices[0].finalised: must be a date written as text"),
    ],
)
def test_out_of_range_and_malformed_dates_get_a_message(document, field, value, message):
    document["notices"][0][field] = value
    refused(document, message)


# Final notices and their frozen case


@pytest.mark.parametrize(
    ("frozen", "message"),
    [
        (None, "notices[0].frozen: a notice that is no longer a draft needs its frozen case."),
        ([], "notices[0].frozen: must be an object."),
        ({"case": "a case"}, "notices[0].frozen.case: must be an object."),
        ({"case": {}}, "notices[0].frozen.case: is empty: a notice that is no longer a draft needs the case"),
        ({"case": {"language": "en"}}, "notices[0].frozen.case.commitment: is required."),
    ],
)
def test_a_final_notice_needs_a_frozen_case(document, frozen, message):
    document["notices"][0]["frozen"] = frozen
    refused(document, message)


def test_the_frozen_case_is_parsed_as_the_notice_page_will_read_it(document):
    case = document["notices"][0]["frozen"]["case"]
    case["plan"]["new_deadline"] = "2026-02-30"
    case["cause"]["category"] = "luck"
    case["commitment"]["title"] = {"vi": "Website khuyến mãi"}
    error = refused(
        document,
        "notices[0].frozen.case.plan.new_deadline: 2026-02-30 is not a date that exists.",
        "notices[0].frozen.case.cause.category: must be one of",
        "notices[0].frozen.case.commitment.title: has no text in English.",
    )
    assert len(error.problems) == 3


def test_a_frozen_case_that_does_not_compose_is_refused(document, monkeypatch):
    def broken(answers):
        raise KeyError("opening")

    monkeypatch.setattr(portability, "compose", broken)
    refused(document, "notices[0].frozen.case: does not compose into a letter ('opening').")


# Collected problems


def test_problems_are_collected_and_capped(document):
    document["clients"][0]["name"] = 42
    document["notices"][0]["title"] = "a\nb"
    document["notices"][1]["step"] = -1
    error = refused(document, "clients[0].name: must be text.", "notices[0].title:", "notices[1].step:")
    assert len(error.problems) == 3
    document["notices"][0]["log"] = [{"date": "someday"}] * 30
    error = refused(document)
    assert len(error.problems) == portability.MAX_PROBLEMS + 1
    assert error.problems[-1] == "… and 13 more problems."


# Reading the bytes


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xc3\x28{}", "The file is not UTF-8 text"),
        (b'{"a": NaN}', "The file holds NaN, which is not a number a Delaynote export uses."),
        (b'{"a": -Infinity}', "The file holds -Infinity"),
        (b'{"a": 1e400}', "The file holds the number 1e400, too large for any field."),
        (b'{"a": ' + b"9" * 5000 + b"}", "The file holds a number of 5000 digits, too large for any field."),
        (b'{"a": 1, "a": 2}', 'the field "a" appears twice in one object.'),
        (b"", "The file is not valid JSON (line 1, column 1"),
    ],
)
def test_any_bytes_are_data_or_a_message(raw, message):
    with pytest.raises(PortabilityError) as error:
        loads(raw)
    assert message in str(error.value)


def test_a_byte_order_mark_is_fine(document):
    assert loads(b"\xef\xbb\xbf" + json.dumps(document).encode()) == document


def test_the_upload_shows_every_problem(client, document):
    user = newcomer()
    client.force_login(user)
    document["notices"][0]["title"] = "a\r\nb"
    document["notices"][0]["created"] = "0000-00-00"
    upload = SimpleUploadedFile("data.json", json.dumps(document).encode(), content_type="application/json")
    response = client.post(reverse("account_data_import"), {"file": upload}, follow=True)
    text = response.content.decode()
    assert response.status_code == 200 and "Nothing was imported." in text
    assert "notices[0].title: must be a single line without control characters." in text
    assert "notices[0].created: " in text
    assert not Notice.objects.filter(owner=user).exists()


# A final notice stored damaged (by an older version) shows a message, not a 500


DAMAGED = [{"case": {}}, {"case": "x"}, {"edits": {}}, [1], {"case": {"language": "en", "kind": "deliverable"}}]


def damaged(owner, frozen):
    notice = finalise(make_notice(owner, make_client(owner)))
    Notice.objects.filter(pk=notice.pk).update(frozen=frozen)
    return notice


@pytest.mark.parametrize("frozen", DAMAGED)
def test_a_damaged_final_notice_shows_a_message(client, owner, frozen):
    notice = damaged(owner, frozen)
    client.force_login(owner)
    response = client.get(reverse("notice", args=[notice.pk]))
    assert response.status_code == 200
    assert "This notice cannot be shown: the answers it was finalised with are missing or damaged." in (
        response.content.decode()
    )
    response = client.get(reverse("notice_calendar", args=[notice.pk]), follow=True)
    assert response.redirect_chain == [(reverse("notice", args=[notice.pk]), 302)]
    assert "This notice cannot be shown" in response.content.decode()
    for fmt in ("pdf", "eml", "txt", "html", "chat"):
        assert client.get(reverse("notice_download", args=[notice.pk, fmt])).status_code == 404
    assert client.get(reverse("notice_preview", args=[notice.pk])).status_code == 404
    response = client.post(reverse("notice_revise", args=[notice.pk]))
    assert response.status_code == 302


def test_control_characters_in_a_title_do_not_break_the_calendar(client, owner):
    notice = finalise(make_notice(owner, make_client(owner)))
    Notice.objects.filter(pk=notice.pk).update(title="Spring\r\nBEGIN:VEVENT\x07\x1b, campaign; \u202ewebsite")
    client.force_login(owner)
    response = client.get(reverse("notice_calendar", args=[notice.pk]))
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert "New deadline: Spring BEGIN:VEVENT , campaign; website" in summaries
    assert all(not set(s) & {"\r", "\n", "\x07", "\x1b"} for s in summaries)
    # The milestone and the new deadline, and one event per scheduled update.
    assert len([s for s in summaries if not s.startswith("Progress update:")]) == 2
    assert len(summaries) - 2 == notice.updates.count() > 0


# Ids, counts and indexes from a request are ASCII digits


@pytest.mark.parametrize("bad", ["abc", "1.0", "²", "-1", "١", "9" * 40, " 1", "1\x00"])
def test_ids_that_are_not_ascii_digits_are_refused_without_a_500(client, owner, bad):
    notice = finalise(make_notice(owner, make_client(owner)))
    draft = make_notice(owner, notice.client, step=3)
    client.force_login(owner)
    assert client.post(reverse("notice_new"), {"client": bad}).status_code == 404
    assert client.post(reverse("notice_duplicate", args=[notice.pk]), {"client": bad}).status_code == 404
    # Without what to report, the progress-update form is shown again.
    response = client.post(reverse("notice_followup", args=[notice.pk, "progress"]), {"update": bad})
    assert response.status_code == 200 and response.context["form"].errors
    assert client.get(reverse("home"), {"page": bad}).status_code == 200
    assert client.get(reverse("home"), {"client": bad}).status_code == 200
    data = {"m-TOTAL_FORMS": bad, "m-INITIAL_FORMS": bad, "action": f"remove-{bad}", "version": draft.version}
    assert client.post(reverse("step", args=[draft.pk, "plan"]), data).status_code in (200, 302)
    data["action"] = "add"
    assert client.post(reverse("step", args=[draft.pk, "plan"]), data).status_code in (200, 302)
    assert client.post(reverse("export_create"), {"query": f"client={bad}&page={bad}"}).status_code == 302
