"""The PDF renderer must not read local files or reach the network, whatever the document asks."""

import http.server
import threading

import pytest
from django.conf import settings

from composer.exports.pdf import AssetFetcher, html_to_pdf


class Canary(http.server.BaseHTTPRequestHandler):
    hits = []

    def do_GET(self):  # noqa: N802
        Canary.hits.append(self.path)
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def canary():
    Canary.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Canary)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def hostile_document(base):
    settings_file = (settings.BASE_DIR / "delaynote" / "settings.py").as_uri()
    traversal = (settings.BASE_DIR / "static" / "fonts").as_uri() + "/../../delaynote/settings.py"
    return f"""<!doctype html><html><head>
<link rel="stylesheet" href="{base}/style.css">
<link rel="stylesheet" href="{settings_file}">
<link rel="attachment" href="{base}/attachment.bin">
<link rel="attachment" href="file:///etc/hostname">
<link rel="attachment" href="{traversal}">
<style>
@import url("{base}/import.css");
@import url("file:///etc/passwd");
@font-face {{ font-family: Evil; src: url("{base}/font.ttf"); }}
body {{ background: url("{base}/background.png"); font-family: Evil, sans-serif; }}
</style></head>
<body><p>Hello</p>
<img src="file:///etc/passwd"><img src="{base}/pixel.png"><img src="{traversal}">
<object data="{base}/object.pdf"></object><iframe src="{base}/frame.html"></iframe>
<a rel="attachment" href="{base}/anchor.bin">attached</a>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
</body></html>"""


def test_no_request_reaches_the_network_and_nothing_is_embedded(canary):
    pdf = html_to_pdf(hostile_document(canary))
    assert pdf.startswith(b"%PDF")
    assert Canary.hits == []
    assert b"/EmbeddedFile" not in pdf and b"/FileAttachment" not in pdf
    assert b"root:" not in pdf and b"SECRET_KEY" not in pdf


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.com/font.ttf",
        "ftp://example.com/x",
        "FILE:///etc/passwd",
    ],
)
def test_the_fetcher_refuses_foreign_urls(url):
    with pytest.raises(ValueError):
        AssetFetcher().fetch(url)


def test_the_fetcher_refuses_a_path_that_climbs_out_of_the_asset_folders():
    url = (settings.BASE_DIR / "static" / "fonts").as_uri() + "/../../delaynote/settings.py"
    with pytest.raises(ValueError):
        AssetFetcher().fetch(url)


def test_the_fetcher_refuses_other_file_types_inside_the_asset_folders(tmp_path, settings):
    settings.LETTER_ASSET_DIRS = [tmp_path]
    (tmp_path / "notes.txt").write_text("secret")
    with pytest.raises(ValueError):
        AssetFetcher().fetch((tmp_path / "notes.txt").as_uri())


def test_the_fetcher_serves_the_project_fonts_and_data_uris():
    font = AssetFetcher().fetch((settings.BASE_DIR / "static" / "fonts" / "NotoSans-Regular.ttf").as_uri())
    assert font.read(4) == b"\x00\x01\x00\x00"
    data = AssetFetcher().fetch("data:text/plain;base64,aGVsbG8=")
    assert data.read() == b"hello"
