"""All of a user's data as JSON and back: exact round trip, no clobbering, bad files refused, commands, views."""

import copy
import datetime as dt
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from composer import portability
from composer.models import Client, ImportJob, LogEntry, Notice, Profile, ProgressUpdate
from composer.portability import PortabilityError, export_user, import_user
from composer.views import bulk

from .factories import complete_answers, finalise, make_client, make_notice, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return make_user(
        "owner",
        title="Project Manager",
        title_zh="项目经理",
        city="Hà Nội",
        language="vi",
        name_zh="柯爱米",
        organization_zh="北风工作室有限公司",
        address="12 Harbor Street\nBoston",
    )


@pytest.fixture
def library(owner):
    """Every kind of record and link: revisions, follow-ups, a notice without client, logs, updates."""
    zh = make_client(
        owner, name="华远贸易有限公司", contact_person="王芳", language="zh-hans", country="CN", notes="老客户"
    )
    vi = make_client(owner, name="Công ty An Phát", contact_person="Trần Thu Hà", language="vi", country="VN")
    make_client(owner, name="Unused client", honorific="none", contact_person="")
    first = make_notice(
        owner, zh, title="第二批不锈钢保温杯", edits={"zh-hans": {"text": "我们的措辞。", "base": "abc123"}}
    )
    first = finalise(first)
    first.status, first.sent, first.completed_on = Notice.Status.ANSWERED, timezone.now(), dt.date(2027, 1, 4)
    first.save()
    LogEntry.objects.create(
        notice=first, date=dt.date(2026, 11, 2), channel="email", response="changes", notes="想要折扣"
    )
    LogEntry.objects.create(notice=first, date=dt.date(2026, 11, 5), channel="phone", response="accepted")
    ProgressUpdate.objects.create(notice=first, date=dt.date(2026, 12, 2), state="sent")
    ProgressUpdate.objects.create(notice=first, date=dt.date(2026, 12, 9))
    revision = make_notice(owner, zh, title="第二批不锈钢保温杯", revision_of=first, revision=2, version=4)
    followup = make_notice(
        owner,
        vi,
        title="Cập nhật tiến độ",
        letter_type="progress",
        follows=first,
        answers=complete_answers(tone="warm"),
    )
    orphan = Notice.objects.create(owner=owner, client=None, answers={"kind": "payment"}, step=1)
    # A link that points forward in the file: the older notice follows the newer one.
    Notice.objects.filter(pk=revision.pk).update(follows=followup)
    archived = finalise(make_notice(owner, vi, title="Old"))
    Notice.objects.filter(pk=archived.pk).update(
        status=Notice.Status.ARCHIVED, updated=timezone.now() - dt.timedelta(days=400)
    )
    return {"first": first, "revision": revision, "followup": followup, "orphan": orphan}


def newcomer(username="newcomer"):
    """A brand-new account, as sign-up leaves it: an empty profile."""
    user = get_user_model().objects.create_user(username)
    Profile.objects.create(user=user)
    return user


def normalised(document):
    """The document with the owner's username and the database ids replaced by positions."""
    document = copy.deepcopy(document)
    document["owner"].pop("username")
    clients = {c["id"]: i for i, c in enumerate(document["clients"])}
    notices = {n["id"]: i for i, n in enumerate(document["notices"])}
    for c in document["clients"]:
        c["id"] = clients[c["id"]]
    for n in document["notices"]:
        n["id"] = notices[n["id"]]
        n["client"] = None if n["client"] is None else clients[n["client"]]
        for link in ("revision_of", "follows"):
            n[link] = None if n[link] is None else notices[n[link]]
    return document


def test_every_field_of_every_model_is_in_the_document_or_derived():
    assert {f.name for f in Profile._meta.concrete_fields} == {"id", "user", *portability.PROFILE_FIELDS}
    assert {f.name for f in Client._meta.concrete_fields} == {"id", "owner", *portability.CLIENT_FIELDS}
    assert {f.name for f in Notice._meta.concrete_fields} == {
        "id",
        "owner",
        *portability.NOTICE_FIELDS,
        *portability.NOTICE_LINKS,
        *portability.NOTICE_DERIVED,
    }
    assert {f.name for f in LogEntry._meta.concrete_fields} == {"id", "notice", *portability.LOG_FIELDS}
    assert {f.name for f in ProgressUpdate._meta.concrete_fields} == {
        "id",
        "notice",
        *portability.UPDATE_FIELDS,
        *portability.UPDATE_LINKS,
    }


def test_the_export_holds_everything(owner, library):
    document = export_user(owner)
    assert (document["format"], document["version"], document["owner"]) == ("delaynote", 1, {"username": "owner"})
    assert document["profile"]["name_zh"] == "柯爱米" and document["profile"]["language"] == "vi"
    assert len(document["clients"]) == 3 and len(document["notices"]) == 5
    first = next(n for n in document["notices"] if n["id"] == library["first"].pk)
    assert first["status"] == "answered" and first["frozen"]["case"]["recipient"]["name"] == "王芳"
    assert first["edits"] == {"zh-hans": {"text": "我们的措辞。", "base": "abc123"}}
    assert first["completed_on"] == "2027-01-04" and first["sent"].endswith("+00:00")
    assert [e["response"] for e in first["log"]] == ["changes", "accepted"]
    assert first["updates"] == [
        {"date": "2026-12-02", "state": "sent", "followup": None},
        {"date": "2026-12-09", "state": "due", "followup": None},
    ]
    revision = next(n for n in document["notices"] if n["id"] == library["revision"].pk)
    assert revision["revision_of"] == library["first"].pk and revision["follows"] == library["followup"].pk
    assert json.loads(json.dumps(document)) == document  # plain JSON, nothing lost on the way


def test_the_round_trip_into_a_new_account_is_exact(owner, library):
    first = export_user(owner)
    user = newcomer()
    result = import_user(user, json.loads(json.dumps(first, ensure_ascii=False)))
    assert result == {"clients": 3, "notices": 5, "profile": True}

    second = export_user(user)
    assert second["owner"] == {"username": "newcomer"}
    assert normalised(second) == normalised(first)
    # The library's columns are recomputed from the answers, to the same values.
    derived = ["title", "kind", "category", "original_deadline", "new_deadline", "search_text", "updated"]
    assert list(Notice.objects.filter(owner=user).order_by("pk").values_list(*derived)) == list(
        Notice.objects.filter(owner=owner).order_by("pk").values_list(*derived)
    )
    # The owner's own data is untouched.
    assert export_user(owner) == first


def test_an_import_adds_to_a_used_account_and_changes_nothing_there(owner, library):
    document = export_user(owner)
    user = make_user("busy", name="Nguyễn Văn Nam", organization="Công ty TNHH Sao Mai", language="en")
    own = finalise(make_notice(user, make_client(user, name="Công ty Minh Long"), title="Hóa đơn"))
    before = export_user(user)

    result = import_user(user, document)
    assert result == {"clients": 3, "notices": 5, "profile": False}
    after = export_user(user)
    assert after["profile"] == before["profile"]  # the sender stays who they are
    assert [c for c in after["clients"] if c["id"] in {c["id"] for c in before["clients"]}] == before["clients"]
    assert [n for n in after["notices"] if n["id"] == own.pk] == before["notices"]
    assert len(after["clients"]) == 4 and len(after["notices"]) == 6
    imported = normalised(after | {"clients": after["clients"][1:], "notices": after["notices"][1:]})
    assert imported["notices"] == normalised(document)["notices"]


def test_a_profile_filled_in_only_by_sign_up_is_restored(owner, library):
    user = newcomer()
    Profile.objects.filter(user=user).update(email="new@example.com")
    import_user(user, export_user(owner))
    profile = Profile.objects.get(user=user)
    assert (profile.name, profile.language, profile.email) == ("Emily Carter", "vi", "emily@northwind.example")


def good():
    """A small valid document, to break one piece at a time."""
    return {
        "format": "delaynote",
        "version": 1,
        "profile": {"name": "Emily Carter"},
        "clients": [{"id": 5, "name": "Bluebird Retail Inc.", "language": "en"}],
        "notices": [
            {
                "id": 9,
                "client": 5,
                "title": "Spring campaign website",
                "answers": complete_answers(),
                "log": [{"date": "2026-11-02", "response": "accepted"}],
                "updates": [{"date": "2026-12-02"}],
            },
            {"id": 10, "client": None, "follows": 9, "answers": {}},
        ],
    }


def broken(path, value):
    document = good()
    *parents, last = path
    target = document
    for key in parents:
        target = target[key]
    if value is KeyError:
        del target[last]
    else:
        target[last] = value
    return document


BAD = [
    ([], "must hold a JSON object"),
    (broken(["format"], "other"), '"format" must be "delaynote"'),
    (broken(["version"], KeyError), 'no format "version"'),
    (broken(["version"], "1"), 'no format "version"'),
    (broken(["version"], 2), "format version 2, made by a newer Delaynote; this one reads version 1"),
    (broken(["version"], 0), "Unknown format version 0"),
    (broken(["extra"], 1), "unknown field"),
    (broken(["clients"], {}), "clients: must be a list"),
    (broken(["clients", 0, "name"], ""), r"clients\[0\].name: This field cannot be blank"),
    (broken(["clients", 0, "name"], KeyError), r"clients\[0\].name: a client needs a name"),
    (broken(["clients", 0, "language"], "fr"), r"clients\[0\].language: .*not a valid choice"),
    (broken(["clients", 0, "email"], "not an email"), r"clients\[0\].email: Enter a valid email"),
    (broken(["clients", 0, "id"], True), r"clients\[0\].id: must be a whole number"),
    (broken(["clients", 0, "colour"], "red"), r"clients\[0\]: unknown field\(s\): colour"),
    (broken(["notices", 1, "id"], 9), r"notices\[1\].id: the id 9 is used twice"),
    (broken(["notices", 0, "client"], 6), r"notices\[0\].client: refers to client 6, which is not in the file"),
    (broken(["notices", 1, "follows"], 99), r"notices\[1\].follows: refers to notice 99"),
    (broken(["notices", 0, "status"], "lost"), r"notices\[0\].status: .*not a valid choice"),
    (broken(["notices", 0, "status"], "final"), r"notices\[0\].frozen: a notice that is no longer a draft"),
    (broken(["notices", 0, "title"], 42), r"notices\[0\].title: must be text"),
    (broken(["notices", 0, "title"], "x" * 201), r"notices\[0\].title: .*at most 200 characters"),
    (broken(["notices", 0, "step"], -1), r"notices\[0\].step: must be between 0 and 32767"),
    (broken(["notices", 0, "revision"], 40000), r"notices\[0\].revision: must be between 0 and 32767"),
    (broken(["notices", 0, "title"], "a\x00b"), r"notices\[0\].title: must not contain NUL"),
    (
        broken(["notices", 0, "answers", "cause"], {"explanation": "\x00"}),
        r"notices\[0\].answers: must not contain NUL",
    ),
    (broken(["notices", 0, "created"], "yesterday"), r"notices\[0\].created: "),
    (broken(["notices", 0, "completed_on"], "2027-02-30"), r"notices\[0\].completed_on: "),
    (broken(["notices", 0, "answers"], []), r"notices\[0\].answers: must be an object"),
    (broken(["notices", 0, "answers"], {"commitment": "a string"}), r"notices\[0\].answers: .*expected shape"),
    (broken(["notices", 0, "edits"], {"en": "text"}), r"notices\[0\].edits.en: must be an object"),
    (broken(["notices", 0, "frozen"], {"edits": {}}), r"notices\[0\].frozen.case: must be an object"),
    (broken(["notices", 0, "log", 0, "response"], "maybe"), r"notices\[0\].log\[0\].response: "),
    (
        broken(["notices", 0, "updates"], [{"date": "2026-12-02"}, {"date": "2026-12-02", "state": "sent"}]),
        r"notices\[0\].updates\[1\].date: two progress",
    ),
    (broken(["notices", 0, "updates", 0], {"state": "due"}), r"notices\[0\].updates\[0\].date: .*needs its date"),
]


def test_the_good_document_imports():
    user = newcomer()
    assert import_user(user, good()) == {"clients": 1, "notices": 2, "profile": True}
    notice = Notice.objects.get(owner=user, title="Spring campaign website")
    assert Notice.objects.get(owner=user, follows=notice).client is None
    assert notice.client.name == "Bluebird Retail Inc." and notice.kind == "deliverable"


@pytest.mark.parametrize(("document", "message"), BAD, ids=[m for _d, m in BAD])
def test_a_bad_document_is_refused_with_a_clear_message_and_nothing_is_written(document, message):
    user = newcomer()
    with pytest.raises(PortabilityError, match=message):
        import_user(user, document)
    assert not Client.objects.filter(owner=user).exists() and not Notice.objects.filter(owner=user).exists()
    assert Profile.objects.get(user=user).name == ""


def test_a_failure_while_writing_rolls_everything_back(monkeypatch):
    user = newcomer()

    def fail(*args, **kwargs):
        raise IntegrityError("disk full")

    monkeypatch.setattr(ProgressUpdate.objects, "bulk_create", fail)
    with pytest.raises(PortabilityError, match="could not be saved: disk full"):
        import_user(user, good())
    assert not Client.objects.filter(owner=user).exists() and not Notice.objects.filter(owner=user).exists()
    assert Profile.objects.get(user=user).name == ""


# The pages


def test_the_data_page_and_the_json_download(client, owner, library):
    client.force_login(owner)
    page = client.get(reverse("account_data")).content.decode()
    assert reverse("account_data_export") in page and 'enctype="multipart/form-data"' in page
    assert "Download my data (JSON)" in page
    response = client.get(reverse("account_data_export"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''delaynote-owner-")
    assert json.loads(response.content) == export_user(owner)
    assert "第二批不锈钢保温杯" in response.content.decode()  # readable, not \u escapes


def test_the_pages_are_the_visitors_own(client, owner, library, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    for name in ("account_data", "account_data_export"):
        assert client.get(reverse(name)).status_code == 302
    assert client.post(reverse("account_data_import")).status_code == 302
    stranger = newcomer("stranger")
    client.force_login(stranger)
    document = client.get(reverse("account_data_export")).json()
    assert document["owner"] == {"username": "stranger"} and document["notices"] == document["clients"] == []

    upload = SimpleUploadedFile("data.json", json.dumps(good()).encode(), content_type="application/json")
    response = client.post(reverse("account_data_import"), {"file": upload}, follow=True)
    job = ImportJob.objects.get(owner=stranger)
    assert response.redirect_chain[-1][0] == reverse("import_job", args=[job.pk])
    assert "Imported 2 notices · 1 client · profile restored" in response.content.decode()
    assert Notice.objects.filter(owner=stranger).count() == 2
    assert Notice.objects.filter(owner=owner).count() == 5
    assert client.get(reverse("account_data_import")).status_code == 405


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "The file is not valid JSON (line 1, column 2"),
        (b"\xff\xfe\x00{", "not UTF-8 text"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (json.dumps(good() | {"version": 7}).encode(), "format version 7, made by a newer Delaynote"),
        (json.dumps(broken(["notices", 0, "client"], 6)).encode(), "refers to client 6"),
    ],
)
def test_a_bad_upload_gets_a_clear_message_never_a_500(client, content, message):
    user = newcomer()
    client.force_login(user)
    upload = SimpleUploadedFile("data.json", content, content_type="application/json")
    response = client.post(reverse("account_data_import"), {"file": upload}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("account_data")
    text = response.content.decode()
    assert "Nothing was imported." in text and message in text.replace("&quot;", '"')
    assert not Notice.objects.filter(owner=user).exists()


def test_an_upload_too_large_or_missing_is_refused(client, monkeypatch):
    client.force_login(newcomer())
    monkeypatch.setattr(bulk, "MAX_IMPORT_BYTES", 1024 * 1024)
    upload = SimpleUploadedFile("data.json", b" " * (1024 * 1024 + 1), content_type="application/json")
    response = client.post(reverse("account_data_import"), {"file": upload}, follow=True)
    assert "The file is too large: at most 1 MB." in response.content.decode()
    response = client.post(reverse("account_data_import"), {}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_data")
    assert "This field is required." in response.content.decode()


# The commands


def test_the_commands_round_trip_through_a_file(owner, library, tmp_path, capsys):
    path = tmp_path / "owner.json"
    call_command("export_library", "--user", "owner", "--output", str(path))
    assert json.loads(path.read_text(encoding="utf-8")) == export_user(owner)
    user = newcomer()
    call_command("import_library", "--user", "newcomer", str(path))
    assert "Imported 5 notice(s) and 3 client(s) into newcomer's account; profile restored." in capsys.readouterr().err
    assert normalised(export_user(user)) == normalised(export_user(owner))

    call_command("export_library", "--user", "owner", "--output", "-")
    assert json.loads(capsys.readouterr().out) == export_user(owner)


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (["--user", "nobody"], b"{}", "No user named 'nobody'."),
        (["--user", "newcomer"], None, "Cannot read"),
        (["--user", "newcomer"], b"{oops", "nothing was imported. The file is not valid JSON (line 1, column 2"),
        (["--user", "newcomer"], json.dumps(good() | {"version": 3}).encode(), "format version 3"),
        (["--user", "newcomer"], json.dumps(broken(["notices", 0, "title"], 42)).encode(), "title: must be text"),
    ],
)
def test_a_bad_import_exits_with_status_2(tmp_path, args, content, message):
    user = newcomer()
    path = tmp_path / "data.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=re.escape(message)) as error:
        call_command("import_library", *args, str(path))
    assert error.value.returncode == 2
    assert not Notice.objects.filter(owner=user).exists()


def test_an_export_for_an_unknown_user_or_to_an_unwritable_place_exits_with_status_2(owner, tmp_path):
    with pytest.raises(CommandError, match="No user named 'nobody'.") as error:
        call_command("export_library", "--user", "nobody", "--output", str(tmp_path / "x.json"))
    assert error.value.returncode == 2
    with pytest.raises(CommandError, match="Cannot write") as error:
        call_command("export_library", "--user", "owner", "--output", str(tmp_path / "missing" / "x.json"))
    assert error.value.returncode == 2
