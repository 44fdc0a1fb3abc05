"""The library as a user meets it: searching as you type, filters in the URL, and a bulk export's progress."""

import io
import signal
import zipfile

import pytest
from django.core.management import call_command

from composer.models import ExportJob
from tests.factories import complete_answers, finalise, make_client, make_notice, make_user

from .test_wizard import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def shelf(transactional_db):
    owner = make_user("librarian")
    zh = make_client(owner, name="华远贸易有限公司", contact_person="王芳", language="zh-hans", country="CN")
    vi = make_client(owner, name="Công ty An Phát", contact_person="Trần Thu Hà", language="vi", country="VN")
    cause = {"category": "supplier", "responsibility": "shared", "explanation": "杯盖注塑件的供应商模具出现故障。"}
    finalise(make_notice(owner, zh, title="第二批不锈钢保温杯", answers=complete_answers(cause=cause)))
    finalise(make_notice(owner, vi, title="Website thương mại điện tử"))
    make_notice(owner, make_client(owner), title="Spring campaign website", answers={"kind": "deliverable"}, step=1)
    return owner


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_search_and_filters_keep_their_state_in_the_url(new_context, shelf, javascript):
    from playwright.sync_api import expect

    page = new_context(javascript=javascript).new_page()
    log_in(page, "librarian")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(3)  # two final notices and an unfinished draft
    if javascript:
        page.evaluate("window.stayed = true")
    page.fill("#id_q", "保温")
    if not javascript:
        page.locator(".filters button[type=submit]").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("第二批不锈钢保温杯")
    page.wait_for_url(lambda url: "q=%E4%BF%9D%E6%B8%A9" in url)
    if javascript:
        assert page.evaluate("window.stayed === true"), "the list should update without reloading the page"
    page.fill("#id_q", "")
    page.select_option("#id_language", "vi")
    if not javascript:
        page.locator(".filters button[type=submit]").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Website thương mại điện tử")
    bookmarked = page.url
    fresh = new_context(javascript=javascript).new_page()
    log_in(fresh, "librarian")
    fresh.goto(bookmarked)
    expect(fresh.locator("#results tbody tr")).to_have_count(1)
    expect(fresh.locator("#id_language")).to_have_value("vi")


def test_a_bulk_export_shows_its_progress_and_gives_the_zip(new_context, shelf, settings):
    from playwright.sync_api import expect

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    page = new_context().new_page()
    log_in(page, "librarian")
    page.evaluate("window.stayed = true")
    page.locator("button[name=scope][value=all]").click()
    page.wait_for_url(lambda url: "/exports/" in url)
    bar = page.locator("progress#export-bar")
    expect(bar).to_have_attribute("value", "0")
    page.evaluate("window.stayed = true")

    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval=0", verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)

    job = ExportJob.objects.get(owner=shelf)
    assert (job.state, job.done, job.total) == ("done", 3, 3)
    expect(bar).to_have_attribute("value", "3")
    assert page.evaluate("window.stayed === true"), "the progress should update in place"
    with page.expect_download() as download:
        page.locator("a[href$='/download/']").click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    names = archive.namelist()
    assert sum(name.endswith("/notice.pdf") for name in names) == 2
    assert "README.txt" in names and "Spring campaign website" in archive.read("README.txt").decode()
