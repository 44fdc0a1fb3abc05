"""A bounded load test of the production server: simulated users doing the whole flow, for a minute.

Starts gunicorn with the project's configuration (`gunicorn.conf.py`, DEBUG off) and the task
worker on a database of their own (`tests.stack.Stack`: a temporary SQLite file, or a fresh
database on the PostgreSQL server DATABASE_URL names), gives each simulated user an account with
a library of generated notices, a finalised notice and a draft, then lets USERS users loop for
DURATION seconds, each as a browser would:

  log in → library → search → open a notice → save a wizard step → review → download the PDF

Before the load, a connection burst: BURST new connections at once, each asking for the login
page. Prints p50 / p95 / max per page and the errors, and exits 1 if any request failed.
Run with `make loadtest` (LOADTEST_ARGS="--users 10 --duration 20" to change it).
"""

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.stack import Client, Stack  # noqa: E402

PASSWORD = "load-test-password-1"
SEARCHES = ["website", "保温杯", "nhà cung cấp", "shipment", "giao hàng", "延期"]

SETUP = """
import json
from django.contrib.auth import get_user_model
from composer.management.commands.seed_demo import add_notices
from composer.models import Notice, Profile
User = get_user_model()
users = {{}}
for i in range({users}):
    user = User.objects.create_user(f"load{{i:02d}}", password={password!r})
    Profile.objects.create(
        user=user, name=f"Load Tester {{i}}", title="Project manager", title_en="Project manager",
        title_zh="项目经理", title_vi="Quản lý dự án", organization="Load Test Ltd",
        email=f"load{{i}}@example.com", language="en",
    )
    add_notices(user, {notices}, seed=i)
    notices = Notice.objects.for_user(user)
    final = notices.filter(status="final").order_by("pk").first() or notices.exclude(status="draft").first()
    draft = Notice.objects.create(owner=user, client=final.client, title=final.title, language=final.language,
                                  answers=final.wizard_answers(), step=6)
    users[user.username] = {{"final": final.pk, "draft": draft.pk}}
print(json.dumps(users))
"""


class StepForm(HTMLParser):
    """The fields of a wizard step's form as the browser would post them unchanged."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self.in_form = False
        self.select = None
        self.select_value = None
        self.option_value = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "step-form" in (a.get("class") or ""):
            self.in_form = True
        if not self.in_form or "name" not in a and tag not in ("option",):
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self.textarea = [a["name"], ""]
        elif tag == "select":
            self.select, self.select_value = a["name"], None
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if self.select_value is None or "selected" in a:
                self.select_value = value

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select" and self.select:
            self.fields.append((self.select, self.select_value or ""))
            self.select = None


def step_fields(html):
    parser = StepForm()
    parser.feed(html)
    return parser.fields


class Recorder:
    def __init__(self):
        self.times = defaultdict(list)
        self.errors = defaultdict(int)
        self.examples = []
        self.lock = threading.Lock()

    def timed(self, page, call, expect):
        start = time.perf_counter()
        try:
            response = call()
            ok = response.status in expect
            detail = f"{response.status}"
        except Exception as error:  # noqa: BLE001 - every failure counts
            response, ok, detail = None, False, repr(error)
        elapsed = (time.perf_counter() - start) * 1000
        with self.lock:
            self.times[page].append(elapsed)
            if not ok:
                self.errors[page] += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{page}: {detail}")
        return response if ok else None


def user_loop(base, username, ids, recorder, deadline, index):
    rounds = 0
    while time.monotonic() < deadline:
        flow(Client(base), username, ids, SEARCHES[(index + rounds) % len(SEARCHES)], recorder.timed)
        rounds += 1
    return rounds


def flow(client, username, ids, query, timed):
    """One round as a browser: log in, library, search, open, save a step, review, PDF."""
    if not timed("login page", lambda: client.get("/accounts/login/"), {200}):
        return
    login = {"username": username, "password": PASSWORD}
    if not timed("log in", lambda: client.post("/accounts/login/", login), {302}):
        return
    timed("library", lambda: client.get("/"), {200})
    timed("search", lambda: client.get("/?" + urlencode({"q": query})), {200})
    timed("notice page", lambda: client.get(f"/notices/{ids['final']}/"), {200})
    step = f"/notices/{ids['draft']}/step/cause/"
    page = timed("step (GET)", lambda: client.get(step), {200})
    if page is not None:
        fields = [*step_fields(page.text), ("action", "save")]
        timed("step (save)", lambda: client.post(step, fields), {302})
    timed("review", lambda: client.get(f"/notices/{ids['draft']}/step/review/"), {200})
    timed("PDF", lambda: client.get(f"/notices/{ids['final']}/download/pdf/"), {200})


def burst(base, count, timeout=60.0):
    """`count` new connections at once, each a GET of the login page; returns (served, seconds, slowest)."""
    host, port = base.removeprefix("http://").split(":")
    barrier = threading.Barrier(count)
    results = [None] * count

    def one(i):
        barrier.wait()
        start = time.perf_counter()
        try:
            with socket.create_connection((host, int(port)), timeout=timeout) as s:
                s.sendall(f"GET /accounts/login/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
                data = b""
                while chunk := s.recv(65536):
                    data += chunk
            results[i] = (data.startswith(b"HTTP/1.1 200"), time.perf_counter() - start)
        except OSError:
            results[i] = (False, time.perf_counter() - start)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = time.perf_counter() - start
    served = sum(1 for ok, _ in results if ok)
    return served, total, max(t for _, t in results)


def _load():
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=int(os.environ.get("USERS", "30")))
    parser.add_argument("--duration", type=float, default=float(os.environ.get("DURATION", "60")))
    parser.add_argument("--notices", type=int, default=40, help="generated notices per user")
    parser.add_argument("--burst", type=int, default=200, help="connections in the burst (0: none)")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: gunicorn.conf.py)")
    parser.add_argument("--threads", type=int, default=None, help="threads per worker (default: gunicorn.conf.py)")
    parser.add_argument(
        "--server", choices=["gunicorn", "runserver"], default="gunicorn", help="runserver: for comparison only"
    )
    parser.add_argument(
        "--postgres", metavar="URL", help="run on this PostgreSQL server (default: DATABASE_URL if it is one)"
    )
    args = parser.parse_args()

    database_url = args.postgres or os.environ.get("DATABASE_URL", "")
    scratch = tempfile.TemporaryDirectory(prefix="delaynote-load-")
    stack = Stack(scratch.name, database_url=database_url if database_url.startswith("postgres") else "sqlite:")
    try:
        start = time.perf_counter()
        ids = stack.python(SETUP.format(users=args.users, notices=args.notices, password=PASSWORD))
        print(f"Set up {args.users} users with {args.notices} notices each in {time.perf_counter() - start:.0f} s.")
        env = {"DEBUG": "0"}
        if args.server == "gunicorn":
            sizes = {}
            if args.workers:
                sizes["workers"] = args.workers
            if args.threads:
                sizes["threads"] = args.threads
            base = start_gunicorn(stack, sizes, env)
        else:
            base = start_runserver(stack, env)
        stack.worker()
        engine = "PostgreSQL" if stack.database_url.startswith("postgres") else "SQLite"
        print(f"{args.server} at {base} on {engine}, {os.cpu_count()} CPUs, load average {_load()}\n")

        burst(base, 20)  # warm-up: every worker has served a page before anything is timed
        if args.burst:
            served, seconds, slowest = burst(base, args.burst)
            print(
                f"Burst: {served} of {args.burst} new connections served in {seconds:.1f} s (slowest {slowest:.1f} s)\n"
            )

        recorder = Recorder()
        deadline = time.monotonic() + args.duration
        rounds = [0] * args.users

        def run(i, username):
            rounds[i] = user_loop(base, username, ids[username], recorder, deadline, i)

        threads = [threading.Thread(target=run, args=(i, name)) for i, name in enumerate(ids)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        total = sum(len(v) for v in recorder.times.values())
        print(
            f"{args.users} users for {elapsed:.0f} s: {sum(rounds)} rounds of the flow, {total} requests "
            f"({total / elapsed:.1f} per second)\n"
        )
        print(f"{'page':<14} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>7}")
        for page, times in recorder.times.items():
            print(
                f"{page:<14} {len(times):>8} {statistics.median(times):>8.0f} {percentile(times, 95):>8.0f} "
                f"{max(times):>8.0f} {recorder.errors[page]:>7}"
            )
        errors = sum(recorder.errors.values())
        print(f"\nLoad average at the end: {_load()} (the test's own clients run on this machine too)")
        print(f"\nErrors: {errors}")
        for example in recorder.examples:
            print("  " + example)
        if errors:
            server_log = Path(stack.processes[0].log.name).read_text().splitlines()
            noted = [line for line in server_log if any(w in line for w in ("CRITICAL", "ERROR", "WORKER", "Error"))]
            print("\nThe server's log:\n" + "\n".join(noted[-40:]))
        return 1 if errors or (args.burst and served < args.burst) else 0
    finally:
        stack.close()
        scratch.cleanup()


def start_gunicorn(stack, sizes, env):
    return stack.server(**sizes, **env) if sizes else stack.server(**_config_sizes(), **env)


def _config_sizes():
    """The workers and threads gunicorn.conf.py chooses on this machine."""
    namespace = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 - the project's own file
    return {"workers": namespace["workers"], "threads": namespace["threads"]}


def start_runserver(stack, env):
    from tests.stack import free_port

    port = free_port()
    process = stack.spawn([sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"], **env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            Client(base).get("/accounts/login/")
            return base
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(stack.log(process))


if __name__ == "__main__":
    sys.exit(main())
