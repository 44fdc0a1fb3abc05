"""Time the library, its search, the insights page and a stored download over a library of 10,000 notices.

Creates a database of its own with Django's test-database utilities — a temporary SQLite
file by default, or `<name>_bench` on the PostgreSQL server DATABASE_URL points at — so the
developer's database is never touched; seeds the demo account with `seed_demo --notices` in a
process of its own (the timed process then holds what a server process holds);
then requests each page with Django's test client as the demo user: a few warm-up requests,
then REQUESTS timed ones (50 by default). Prints p50 / p90 server time in milliseconds and
the number of queries per page, and exits 1 when a target is missed. Run with `make bench`.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "delaynote.settings")
os.environ.setdefault("DEBUG", "0")  # as in production: no query log, no debug pages

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402

from composer.models import Notice  # noqa: E402
from composer.search import words as search_words  # noqa: E402

NOTICES = int(os.environ.get("NOTICES", "10000"))
REQUESTS = int(os.environ.get("REQUESTS", "50"))
WARMUP = 5

# (name, URL, the search words or None, p50 target in ms or None)
PAGES = [
    ("library", "/", None, 50),
    ("search zh substring", "/?q=保温杯", "保温杯", 100),
    ("search latin word", "/?q=website", "website", 100),
    ("search vi words", "/?q=nhà+cung+cấp", "nhà cung cấp", 100),
    ("search vi, no marks", "/?q=nha+cung+cap", "nha cung cap", 100),
    ("search, no match", "/?q=zzqx", "zzqx", 100),
    ("filtered", "/?status=sent&language=zh-hans&kind=deliverable&sort=-created", None, None),
    ("insights", "/insights/", None, None),
]


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def database_of_its_own():
    """Point the test-database utilities at a throwaway SQLite file or a `_bench` PostgreSQL database."""
    db = connection.settings_dict
    scratch = None
    if db["ENGINE"] == "django.db.backends.sqlite3":
        scratch = tempfile.TemporaryDirectory(prefix="delaynote-bench-")
        db["TEST"]["NAME"] = str(Path(scratch.name) / "bench.sqlite3")
    else:
        db["TEST"]["NAME"] = f"{db['NAME']}_bench"
    return scratch


def seed():
    """`seed_demo --notices N` in a process of its own, so the timed process holds only what a server holds."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        auth = f"{quote(db['USER'], safe='')}:{quote(db['PASSWORD'], safe='')}@" if db["USER"] else ""
        url = f"postgres://{auth}{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    command = [sys.executable, str(ROOT / "manage.py"), "seed_demo", f"--notices={NOTICES}", "--seed=1"]
    subprocess.run(command, env=os.environ | {"DATABASE_URL": url}, check=True, stdout=subprocess.DEVNULL)


def measure(client, url):
    for _ in range(WARMUP):
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    slowest = max(queries.captured_queries, key=lambda q: float(q["time"]), default=None)
    return times, len(queries), slowest


def run():

    start = time.perf_counter()
    seed()
    seeded = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does within a minute of the inserts
    user = get_user_model().objects.get(username="demo")
    notices = Notice.objects.for_user(user)
    print(
        f"{connection.vendor} ({connection.settings_dict['NAME']}): {notices.count()} notices seeded in {seeded:.1f} s;"
        f" {REQUESTS} warm requests per page as the demo user\n"
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    print(f"{'page':<24} {'p50 ms':>7} {'p90 ms':>7} {'queries':>7} {'matches':>7}  target")
    failed = False
    for name, url, words, target in PAGES:
        times, count, slowest = measure(client, url)
        matches = ""
        if words:
            found = notices
            for word in search_words(words):
                found = found.filter(search_text__contains=word)
            matches = found.count()
        p50, p90 = statistics.median(times), percentile(times, 90)
        ok = target is None or p50 <= target
        failed |= not ok
        verdict = f"p50 ≤ {target} ms {'ok' if ok else 'MISSED'}" if target else "—"
        print(f"{name:<24} {p50:>7.1f} {p90:>7.1f} {count:>7} {matches!s:>7}  {verdict}")
        if not ok and slowest:
            print(f"    slowest query ({float(slowest['time']) * 1000:.1f} ms): {slowest['sql'][:300]}")
    failed |= downloads(client, notices)
    return 1 if failed else 0


# A final notice's PDF: rendered once, then served from the download store or answered with a 304.
STORED_TARGET_MS = 5


def downloads(client, notices):
    final = notices.exclude(status=Notice.Status.DRAFT).filter(language="zh-hans").order_by("pk").first()
    url = f"/notices/{final.pk}/download/pdf/"

    def timed(headers=None, status=200):
        start = time.perf_counter()
        response = client.get(url, headers=headers or {})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == status, (url, response.status_code)
        return elapsed, response, body

    first, response, body = timed()
    tag = response["ETag"]
    stored = [timed()[0] for _ in range(REQUESTS)]
    revalidated = [timed({"If-None-Match": tag}, 304)[0] for _ in range(REQUESTS)]
    p50 = statistics.median(stored)
    ok = p50 <= STORED_TARGET_MS
    print(f"\n{'download (zh PDF)':<24} {'p50 ms':>7} {'p90 ms':>7}  target")
    print(f"{'first, rendered':<24} {first:>7.1f} {'':>7}  —   ({len(body) // 1024} KB)")
    print(
        f"{'again, from storage':<24} {p50:>7.1f} {percentile(stored, 90):>7.1f}"
        f"  p50 ≤ {STORED_TARGET_MS} ms {'ok' if ok else 'MISSED'}"
    )
    print(f"{'If-None-Match → 304':<24} {statistics.median(revalidated):>7.1f} {percentile(revalidated, 90):>7.1f}  —")
    return not ok


def main():
    from django.conf import settings
    from django.core.files.storage import storages

    scratch = database_of_its_own()
    store = tempfile.TemporaryDirectory(prefix="delaynote-bench-downloads-")
    settings.STORAGES["downloads"] = {
        "BACKEND": "composer.storage.AtomicFileSystemStorage",
        "OPTIONS": {"location": store.name},
    }
    storages._storages.pop("downloads", None)
    old = setup_databases(verbosity=0, interactive=False, serialized_aliases=set())
    try:
        return run()
    finally:
        teardown_databases(old, verbosity=0)
        if scratch:
            scratch.cleanup()
        store.cleanup()


if __name__ == "__main__":
    sys.exit(main())
