"""Two app servers and one worker on one database, all on loopback: any server answers for any other.

A draft saved through one server is read through the other; an export started on one is
built by the worker and downloaded from the other; a final notice's PDF rendered by one is
kept in the shared download store and served, or revalidated, by the other.
"""

import io
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.stack import Client


@pytest.fixture(scope="module")
def servers(module_stack):
    found = module_stack.python(
        "import json\n"
        "from tests.factories import make_user, make_client, make_notice, finalise\n"
        "user = make_user('alice')\n"
        "client = make_client(user)\n"
        "draft = make_notice(user, client, title='Spring campaign site')\n"
        "final = finalise(make_notice(user, client, title='Autumn catalogue'))\n"
        "print(json.dumps({'draft': draft.pk, 'version': draft.version, 'final': final.pk}))\n"
    )
    one, two = module_stack.server(workers=1, threads=4), module_stack.server(workers=1, threads=4)
    module_stack.worker()
    key = module_stack.sessions("alice")[0]
    return module_stack, Client(one).use_session(key), Client(two).use_session(key), found


def test_a_draft_saved_through_one_server_is_read_through_the_other(servers):
    _stack, one, two, found = servers
    data = {"version": found["version"], "action": "save", "category": "technical", "responsibility": "ours"}
    saved = one.post(f"/notices/{found['draft']}/step/cause/", data | {"explanation": "The staging server failed."})
    assert saved.status == 302
    page = two.get(f"/notices/{found['draft']}/step/cause/")
    assert page.status == 200 and "The staging server failed." in page.text
    assert f'name="version" value="{found["version"] + 1}"' in page.text


def test_an_export_started_on_one_server_is_downloaded_from_the_other(servers):
    _stack, one, two, found = servers
    started = one.post("/exports/", {"scope": "all"})
    assert started.status == 302
    job = started.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        status = two.get(f"/exports/{job}/status/")
        if '"done"' in status.text.split('"state"', 1)[1][:12]:
            break
        assert '"failed"' not in status.text, status.text
        time.sleep(0.3)
    else:
        pytest.fail(f"the export did not finish: {status.text}")
    download = two.get(f"/exports/{job}/download/")
    assert download.status == 200
    with zipfile.ZipFile(io.BytesIO(download.body)) as archive:
        names = archive.namelist()
        assert "README.txt" in names
        pdf = archive.read(f"autumn-catalogue-{found['final']}/notice.pdf")
        assert "Bluebird Retail Inc." in "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_a_final_pdf_rendered_by_one_server_is_served_by_the_other(servers):
    stack, one, two, found = servers
    url = f"/notices/{found['final']}/download/pdf/"
    first = one.get(url)
    assert first.status == 200 and first.body.startswith(b"%PDF")
    tag = first.headers["ETag"]
    assert two.get(url, headers={"If-None-Match": tag}).status == 304
    second = two.get(url)
    assert second.status == 200 and second.body == first.body and second.headers["ETag"] == tag
    kept = list(Path(stack.env["MEDIA_ROOT"], "downloads", "notices", str(found["final"])).iterdir())
    assert [p.read_bytes() for p in kept] == [first.body]
