"""Random and hostile values posted to every form, and mutated documents given to the importer: never a 500.

Django's test client re-raises any exception a view lets through, so an error fails the test with its traceback.
With CI set in the environment the examples are derandomized, so a failure reproduces; FUZZ_EXAMPLES sets how many
examples each test runs (a longer hunt: FUZZ_EXAMPLES=500).
"""

import copy
import json
import os
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer.models import Notice, ProgressUpdate
from composer.portability import PortabilityError, export_user, import_user, loads

from .factories import PASSWORD, complete_answers, finalise, make_client, make_notice, make_user

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))
settings.register_profile(
    "fuzz",
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
settings.register_profile("ci", parent=settings.get_profile("fuzz"), derandomize=True)
fuzz = settings(settings.get_profile("ci" if os.environ.get("CI") else "fuzz"))

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "1.0",
    "1e3",
    "²",
    "١٢",
    "9" * 40,
    str(10**30),
    "NaN",
    "a\u202eevil",
    "a\u200bb",
    "\ufeffBOM",
    "a\x00b",
    "a\r\nBcc: evil@attacker.example",
    "\x1b[31m",
    "x" * 5000,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7|add:7 }}{% debug %}",
    "=?utf-8?q?a=2C_evil=40attacker=2Eexample_=3Cevil=40attacker=2Eexample=3E=2C?=",
    "=?utf-8?b?ZXZpbEBhdHRhY2tlci5leGFtcGxl?=",
    "0000-00-00",
    "9999-12-31",
    "2026-02-30",
    "1900-01-01",
    "true",
    "[]",
    "{}",
    "../../etc/passwd",
    "zh-hans",
    "vi",
    "remove-0",
    "remove-²",
    "add",
    "next",
    "save",
    "validate",
]
# Any text a browser can post: every code point but the surrogates (which no form encoding can carry).
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
VALUE = st.one_of(st.sampled_from(HOSTILE), TEXT, st.integers().map(str))


class Fields(HTMLParser):
    """The fields of a page's forms: each name with the values the page offers (options, buttons, defaults)."""

    def __init__(self):
        super().__init__()
        self.fields = {}
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "option" and self.select:
            self.fields[self.select].append(attrs.get("value") or "")
            return
        name = attrs.get("name")
        if tag not in ("input", "select", "textarea", "button") or not name or name == "csrfmiddlewaretoken":
            return
        values = self.fields.setdefault(name, [])
        if tag == "select":
            self.select = name
        elif attrs.get("value") is not None:
            values.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def fields_of(client, url):
    parser = Fields()
    parser.feed(client.get(url, follow=True).content.decode())
    return parser.fields


SLOTS = 40


def hostile_data(draw, fields, extra=()):
    """For every field the page has (and a few it does not): one of its own values, a hostile one, or none.

    The same draws are made whatever the page holds, so an example replays exactly.
    """
    picks = draw(st.lists(st.tuples(st.integers(0, 2), VALUE, st.integers(0, 99)), min_size=SLOTS, max_size=SLOTS))
    data = {}
    for name, (choice, value, index) in zip([*fields, *extra], picks * 4, strict=False):
        if choice == 0 and fields.get(name):
            data[name] = fields[name][index % len(fields[name])]
        elif choice == 1:
            data[name] = value
    return data


def no_500(response):
    assert response.status_code < 500
    return response


@pytest.fixture
def world(client):
    owner = make_user("owner")
    customer = make_client(owner)
    draft = make_notice(owner, customer, answers=complete_answers())
    final = finalise(make_notice(owner, customer))
    ProgressUpdate.objects.create(notice=final, date=final.new_deadline)
    client.force_login(owner)
    return {"client": client, "owner": owner, "customer": customer, "draft": draft, "final": final}


def pages(world):
    draft, final, customer = world["draft"], world["final"], world["customer"]
    update = final.updates.first()
    steps = {
        f"step {name}": (reverse("step", args=[draft.pk, name]), reverse("step", args=[draft.pk, name]))
        for name in ("commitment", "cause", "plan", "remedies", "style", "review")
    }
    review = reverse("step", args=[draft.pk, "review"])
    notice = reverse("notice", args=[final.pk])
    return steps | {
        "profile": (reverse("profile"), reverse("profile")),
        "client create": (reverse("client_new"), reverse("client_new")),
        "client edit": (reverse("client_edit", args=[customer.pk]), reverse("client_edit", args=[customer.pk])),
        "new notice": (reverse("clients"), reverse("notice_new")),
        "review edit": (review, reverse("notice_edit", args=[draft.pk])),
        "review translate": (review, reverse("notice_translate", args=[draft.pk])),
        "finalise": (review, reverse("notice_finalise", args=[draft.pk])),
        "log entry": (notice, reverse("notice_log", args=[final.pk])),
        "status close": (notice, reverse("notice_status", args=[final.pk, "close"])),
        "status other": (notice, reverse("notice_status", args=[final.pk, "²"])),
        "follow-up": (notice, reverse("notice_followup", args=[final.pk, "progress"])),
        "update state": (notice, reverse("notice_update", args=[final.pk, update.pk])),
        "duplicate": (notice, reverse("notice_duplicate", args=[final.pk])),
        "export create": (reverse("home"), reverse("export_create")),
        "library": (reverse("home"), None),
    }


PAGES = [
    *(f"step {name}" for name in ("commitment", "cause", "plan", "remedies", "style", "review")),
    "profile",
    "client create",
    "client edit",
    "new notice",
    "review edit",
    "review translate",
    "finalise",
    "log entry",
    "status close",
    "status other",
    "follow-up",
    "update state",
    "duplicate",
    "export create",
    "library",
]
EXTRA = ["version", "action", "overwrite", "language", "tone", "channel", "client", "update", "page", "query"]


@pytest.mark.parametrize("page", PAGES)
@fuzz
@given(data=st.data())
def test_every_form_takes_hostile_values_without_a_500(world, page, data):
    client = world["client"]
    shown, target = pages(world)[page]
    fields = fields_of(client, shown)
    values = hostile_data(data.draw, fields, EXTRA)
    if page.startswith("step ") and data.draw(st.booleans()):
        values["version"] = str(Notice.objects.get(pk=world["draft"].pk).version)
    if page == "review translate":
        values |= {
            f"text:{data.draw(st.sampled_from(['commitment.title', 'plan.milestones[²].description', 'x']))}": "t"
        }
    if target is None:
        no_500(client.get(shown, values))
    else:
        no_500(client.post(target, values))
    no_500(client.get(shown, follow=True))


@pytest.fixture
def someone():
    return make_user("someone")


@fuzz
@given(data=st.data())
def test_signup_and_login_take_hostile_values_without_a_500(client, someone, data):
    for url in (reverse("signup"), reverse("login")):
        fields = fields_of(client, url)
        values = hostile_data(data.draw, fields, ["username", "password"])
        if data.draw(st.booleans()):
            values |= {"username": "someone", "password": PASSWORD}
        no_500(client.post(url, values))
        client.logout()


@fuzz
@given(content=st.one_of(st.binary(max_size=200), st.sampled_from([b"[" * 5000, b'{"format": "delaynote"}'])))
def test_the_import_upload_takes_any_bytes_without_a_500(world, content):
    upload = SimpleUploadedFile("data.json", content, content_type="application/json")
    no_500(world["client"].post(reverse("account_data_import"), {"file": upload}))


# The importer


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(HOSTILE)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


def paths(value, path=()):
    """Every place in a JSON document, as a tuple of keys and indexes."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from paths(item, (*path, i))


@pytest.fixture
def document(world):
    owner = world["owner"]
    make_notice(owner, world["customer"], title="Orphan", step=1, answers={"kind": "payment"})
    return json.loads(json.dumps(export_user(owner)))


@settings(fuzz, max_examples=EXAMPLES * 5)
@given(data=st.data())
def test_the_importer_takes_mutated_documents_without_a_500(world, document, data):
    document = copy.deepcopy(document)
    places = list(paths(document))
    for _i in range(data.draw(st.integers(1, 4))):
        place = data.draw(st.sampled_from(places))
        if not place:
            continue
        target = document
        try:
            for key in place[:-1]:
                target = target[key]
            target[place[-1]] = data.draw(JSON)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation replaced this place
    raw = json.dumps(document).encode()
    if data.draw(st.booleans()):
        raw = raw.replace(b'"', b'"\\ud800', 1) if data.draw(st.booleans()) else raw[: data.draw(st.integers(0, 50))]
    try:
        result = import_user(world["owner"], loads(raw))
    except PortabilityError as error:
        assert str(error)
        return
    assert result["notices"] >= 0
    client = world["client"]
    for notice in Notice.objects.for_user(world["owner"]).exclude(status=Notice.Status.DRAFT):
        no_500(client.get(reverse("notice", args=[notice.pk])))
        no_500(client.get(reverse("notice_calendar", args=[notice.pk])))
    no_500(client.get(reverse("home")))
