"""The ZIP export of many notices, built in the background by a task: contents, progress, scoping, worker."""

import email
import email.policy
import io
import signal
import unicodedata
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from composer import exports, tasks
from composer.models import ExportJob, Notice

from .factories import complete_answers, finalise, make_client, make_notice, make_user
from .test_exports import pdf_text, squash

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def immediate_tasks(settings, export_dir):
    settings.TASKS = IMMEDIATE


def chinese(owner):
    client = make_client(owner, name="华远贸易有限公司", contact_person="王芳", language="zh-hans", country="CN")
    answers = complete_answers(
        cause={"category": "supplier", "responsibility": "shared", "explanation": "杯盖注塑件的供应商模具出现故障。"}
    )
    return finalise(make_notice(owner, client, title="第二批不锈钢保温杯", answers=answers))


def vietnamese(owner):
    client = make_client(owner, name="Công ty An Phát", contact_person="Trần Thu Hà", language="vi", country="VN")
    answers = complete_answers(
        cause={"category": "third_party", "responsibility": "shared", "explanation": "Cổng thanh toán đã đổi API."}
    )
    return make_notice(owner, client, title="Website thương mại điện tử", answers=answers)


def incomplete(owner):
    answers = complete_answers()
    del answers["plan"]
    return make_notice(owner, title="Half-written draft", answers=answers, step=2)


def export(browser, **data):
    response = browser.post(reverse("export_create"), data)
    assert response.status_code == 302, response
    job = ExportJob.objects.latest("pk")
    assert response.url == reverse("export_job", args=[job.pk])
    return job


def open_zip(browser, job):
    response = browser.get(reverse("export_download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.django_db
def test_the_zip_holds_each_notice_as_pdf_html_and_eml(browser, owner):
    zh, vi, draft = chinese(owner), vietnamese(owner), incomplete(owner)

    job = export(browser, scope="all")
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.error) == ("done", 3, 3, "")
    assert job.finished is not None

    archive = open_zip(browser, job)
    assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())
    zh_dir, vi_dir = f"第二批不锈钢保温杯-{zh.pk}", f"website-thương-mại-điện-tử-{vi.pk}"
    assert sorted(archive.namelist()) == sorted(
        ["README.txt"] + [f"{d}/notice.{ext}" for d in (zh_dir, vi_dir) for ext in ("pdf", "html", "eml")]
    )

    zh_pdf = squash(pdf_text(archive.read(f"{zh_dir}/notice.pdf")))
    # Every PDF is a printed letter, whatever the channel: a 函 to the company, closed with 此致 / 敬礼！
    assert "华远贸易有限公司：" in zh_pdf and "延期交付的致歉函" in zh_pdf and "此致敬礼！" in zh_pdf
    assert "杯盖注塑件的供应商模具出现故障" in zh_pdf and "顺祝商祺" not in zh_pdf
    vi_pdf = squash(pdf_text(archive.read(f"{vi_dir}/notice.pdf")))
    vi_pdf = unicodedata.normalize("NFC", vi_pdf)
    assert "KínhgửibàHà," in vi_pdf and "NguyênnhânlàcổngthanhtoánđãđổiAPI." in vi_pdf

    assert '<html lang="zh-Hans">' in archive.read(f"{zh_dir}/notice.html").decode()
    message = email.message_from_bytes(archive.read(f"{vi_dir}/notice.eml"), policy=email.policy.default)
    assert message["To"] and "Trần Thu Hà" in str(message["To"])
    assert message["Subject"]
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}
    assert "Nguyên nhân là cổng thanh toán đã đổi API." in message.get_body(("plain",)).get_content()

    readme = archive.read("README.txt").decode()
    assert "2 notice(s) exported, 1 draft(s) skipped." in readme
    assert f"Half-written draft (#{draft.pk})" in readme
    assert "plan" in readme.split("Half-written draft", 1)[1]
    assert f"{zh_dir}/" in readme and f"{vi_dir}/" in readme


@pytest.mark.django_db
def test_progress_counts_each_notice_and_the_page_polls_until_done(browser, owner, settings, monkeypatch):
    settings.TASKS = DUMMY  # queued, not run: the test runs it by hand
    notices = [make_notice(owner, title=f"Notice {i}") for i in range(3)]
    job = export(browser, scope="all")
    assert (job.state, job.done, job.total) == ("queued", 0, 3)

    page = browser.get(reverse("export_job", args=[job.pk])).content.decode()
    assert '<progress id="export-bar" max="3" value="0">' in page
    assert 'hx-trigger="every 1s"' in page and f'hx-get="{reverse("export_job", args=[job.pk])}"' in page
    assert "Refresh" in page and reverse("export_download", args=[job.pk]) not in page
    partial = browser.get(reverse("export_job", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<section id="export-progress"') and "<html" not in partial

    seen = []
    real_letter_for = tasks.letter_for

    def spy(notice, *args):
        if not args:
            seen.append(ExportJob.objects.get(pk=job.pk).done)
        return real_letter_for(notice, *args)

    monkeypatch.setattr(tasks, "letter_for", spy)
    monkeypatch.setitem(exports.RENDERERS, "pdf", lambda letter, **options: b"%PDF-1.7 stand-in")
    deleted = notices[1].pk
    notices[1].delete()
    tasks.build_export.call(job.pk)

    assert seen == [0, 2]  # one count per notice; the deleted one is counted without a letter
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == ("done", 3, 3)
    status = browser.get(reverse("export_status", args=[job.pk])).json()
    assert status == {
        "state": "done",
        "done": 3,
        "total": 3,
        "error": "",
        "download": reverse("export_download", args=[job.pk]),
    }
    partial = browser.get(reverse("export_job", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial and 'value="3"' in partial
    assert reverse("export_download", args=[job.pk]) in partial
    archive = open_zip(browser, job)
    assert f"Notices deleted before the export ran: #{deleted}" in archive.read("README.txt").decode()


@pytest.mark.django_db
def test_a_failed_export_says_why_and_stops_polling(browser, owner, monkeypatch, export_dir):
    make_notice(owner)

    def broken(letter, **options):
        raise RuntimeError("the printer caught fire")

    monkeypatch.setitem(exports.RENDERERS, "pdf", broken)
    job = export(browser, scope="all")
    job.refresh_from_db()
    assert job.state == "failed" and "the printer caught fire" in job.error
    page = browser.get(reverse("export_job", args=[job.pk])).content.decode()
    assert "the printer caught fire" in page and "hx-trigger" not in page
    assert browser.get(reverse("export_download", args=[job.pk])).status_code == 404
    assert list(export_dir.iterdir()) == []


@pytest.mark.django_db
def test_the_export_follows_the_library_selection(browser, owner, settings):
    settings.TASKS = DUMMY
    zh = make_notice(owner, make_client(owner, name="华远贸易有限公司", language="zh-hans"), title="第二批不锈钢保温杯")
    vi = make_notice(owner, make_client(owner, name="Công ty An Phát", language="vi"), title="Website")
    en = make_notice(owner, title="Spring campaign website")
    archived = finalise(make_notice(owner, title="Old one"))
    Notice.objects.filter(pk=archived.pk).update(status=Notice.Status.ARCHIVED)
    make_notice(make_user("stranger"), title="Not mine")

    def selected(**data):
        job = export(browser, **data)
        job.state = ExportJob.State.DONE  # not waiting any more: the next export may start
        job.save()
        return job.notice_ids

    assert selected(query="language=vi") == [vi.pk]
    assert selected(query="q=保温杯&page=2") == [zh.pk]
    assert selected(query=f"client={en.client_id}&sort=title") == [en.pk]
    assert sorted(selected(query="")) == sorted([zh.pk, vi.pk, en.pk])
    assert selected(query="status=archived") == [archived.pk]
    assert sorted(selected(scope="all")) == sorted([zh.pk, vi.pk, en.pk, archived.pk])

    count = ExportJob.objects.count()
    response = browser.post(reverse("export_create"), {"query": "q=nothing-like-this"}, follow=True)
    assert ExportJob.objects.count() == count
    assert response.redirect_chain[-1][0] == "/?q=nothing-like-this"
    assert "nothing to export" in response.content.decode()


@pytest.mark.django_db
def test_the_library_offers_the_export_of_its_current_selection(browser, owner):
    make_notice(owner, make_client(owner, language="vi"), title="Website")
    page = browser.get("/?language=vi&sort=title&page=1").content.decode()
    assert f'action="{reverse("export_create")}"' in page
    assert '<input type="hidden" name="query" value="language=vi&amp;sort=title">' in page
    assert "Export the selection as ZIP" in page and "Export everything" in page
    assert reverse("account_data") in page
    partial = browser.get("/?language=en", headers={"HX-Request": "true"}).content.decode()
    assert 'name="query" value="language=en"' in partial and "Export the selection as ZIP" not in partial


@pytest.mark.django_db
def test_a_user_cannot_pile_up_exports(browser, owner, settings):
    settings.TASKS = DUMMY
    make_notice(owner)
    for _ in range(3):
        export(browser, scope="all")
    response = browser.post(reverse("export_create"), {"scope": "all"}, follow=True)
    assert ExportJob.objects.count() == 3
    assert "still being built" in response.content.decode()


@pytest.mark.django_db
def test_only_the_owner_sees_a_job_its_status_and_its_download(client, owner, export_dir):
    stranger = make_user("stranger")
    job = ExportJob.objects.create(owner=owner, notice_ids=[], total=0, state="done", path="1/x.zip")
    (export_dir / "1").mkdir(parents=True)
    (export_dir / "1" / "x.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    urls = [reverse(name, args=[job.pk]) for name in ("export_job", "export_status", "export_download")]

    for url in urls:
        assert client.get(url).status_code == 302  # logged out: the login page
    client.force_login(stranger)
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.get(urls[0], headers={"HX-Request": "true"}).status_code == 404
    client.force_login(owner)
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_a_path_outside_the_export_folder_is_never_served(browser, owner, tmp_path):
    (tmp_path / "secret.zip").write_bytes(b"secret")
    job = ExportJob.objects.create(owner=owner, total=0, state="done", path="../secret.zip")
    assert browser.get(reverse("export_download", args=[job.pk])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_builds_the_zip(browser, owner, settings):
    settings.TASKS = DATABASE
    notice = finalise(make_notice(owner))
    job = export(browser, scope="all")
    assert job.state == "queued"
    assert DBTaskResult.objects.get().task_path == "composer.tasks.build_export"

    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval=0", verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == ("done", 1, 1)
    archive = open_zip(browser, job)
    folder = f"spring-campaign-website-{notice.pk}"
    assert {f"{folder}/notice.pdf", f"{folder}/notice.html", f"{folder}/notice.eml"} <= set(archive.namelist())
    assert "Dear Ms. Collins:" in pdf_text(archive.read(f"{folder}/notice.pdf"))


@pytest.mark.django_db
def test_drafts_in_the_zip_say_draft_on_every_page_and_finals_do_not(browser, owner):
    from pypdf import PdfReader

    zh, vi = chinese(owner), vietnamese(owner)
    archive = open_zip(browser, export(browser, scope="all"))
    vi_pdf = PdfReader(io.BytesIO(archive.read(f"website-thương-mại-điện-tử-{vi.pk}/notice.pdf")))
    zh_pdf = PdfReader(io.BytesIO(archive.read(f"第二批不锈钢保温杯-{zh.pk}/notice.pdf")))
    assert vi.is_draft and not zh.is_draft
    assert all("BẢN NHÁP" in unicodedata.normalize("NFC", page.extract_text()) for page in vi_pdf.pages)
    assert not any("草稿" in page.extract_text() for page in zh_pdf.pages)


def test_the_draft_mark_is_on_every_page_of_a_long_letter():
    from pypdf import PdfReader

    from composer.exports.pdf import html_to_pdf

    html = "<html><body class='lang-zh-hans'>" + "<p>第二批不锈钢保温杯延期交付。</p>" * 120 + "</body></html>"
    pages = PdfReader(io.BytesIO(html_to_pdf(html, draft_language="zh-hans"))).pages
    assert len(pages) >= 2
    assert all(page.extract_text().count("草稿") == 2 for page in pages)  # top and bottom margins
    final = PdfReader(io.BytesIO(html_to_pdf(html))).pages
    assert not any("草稿" in page.extract_text() for page in final)
