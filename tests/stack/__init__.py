"""Real processes for the tests that need them: gunicorn app servers and the task worker.

A `Stack` owns a database of its own (a SQLite file, or a fresh PostgreSQL database when the
suite runs with a PostgreSQL DATABASE_URL), migrates it, and starts `gunicorn` and
`manage.py worker` as separate processes on loopback, exactly as `make run` does. Tests
talk to it over HTTP with `Client` (a cookie jar and the CSRF token) and reach its database
with `Stack.python()` (code run by `manage.py shell`).
"""

import contextlib
import http.cookiejar
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stack:
    def __init__(self, root, database_url=None):
        self.root = Path(root)
        self.processes = []
        self._dropdb = None
        database_url = database_url or os.environ.get("DATABASE_URL", "")
        if database_url.startswith("postgres"):
            self.database_url = self._create_postgres(database_url)
        else:
            self.database_url = f"sqlite:///{self.root / 'db.sqlite3'}"
        self.env = {
            **os.environ,
            # The processes run the product's own settings, as deployed (not the test suite's).
            "DJANGO_SETTINGS_MODULE": "delaynote.settings",
            "DATABASE_URL": self.database_url,
            "DEBUG": "1",
            "SECRET_KEY": "stack-" + uuid.uuid4().hex,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "TASKS_BACKEND": "database",
            "EXPORT_DIR": str(self.root / "exports"),
            "MEDIA_ROOT": str(self.root / "media"),
            "EMAIL_FILE_PATH": str(self.root / "mail"),
            "PYTHONUNBUFFERED": "1",
            "GUNICORN_ACCESS_LOG": "",
            "GUNICORN_LOG_LEVEL": "warning",
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.manage("migrate", "--noinput", "-v", "0")

    def _create_postgres(self, url):
        import psycopg

        parts = urllib.parse.urlsplit(url)
        name = f"delaynote_stack_{uuid.uuid4().hex[:12]}"
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')

        def drop():
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        self._dropdb = drop
        return parts._replace(path=f"/{name}").geturl()

    # Processes

    def manage(self, *args, check=True, timeout=300, **env):
        return subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env | env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=check,
        )

    def python(self, code, **env):
        """Run `code` in a Django shell of the stack and return what it printed, parsed as JSON when it is."""
        result = self.manage("shell", "--no-imports", "-c", code, **env)
        out = result.stdout.strip()
        try:
            return json.loads(out)
        except ValueError:
            return out

    def spawn(self, args, **env):
        log = open(self.root / f"process-{len(self.processes)}.log", "w")  # noqa: SIM115 - closed in close()
        process = subprocess.Popen(
            args, cwd=ROOT, env=self.env | env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        process.log = log
        self.processes.append(process)
        return process

    def server(self, workers=2, threads=4, **env):
        """Start gunicorn with the project's configuration; returns its base URL once it answers."""
        port = free_port()
        process = self.spawn(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "delaynote.wsgi"],
            BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY=str(workers),
            GUNICORN_THREADS=str(threads),
            **env,
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.log(process)}")
            try:
                urllib.request.urlopen(url + "/accounts/login/", timeout=2).read()
                process.url = url
                return url
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer: {self.log(process)}")

    def worker(self, *args, **env):
        """Start the background task worker (`manage.py worker`)."""
        return self.spawn([PYTHON, "manage.py", "worker", "--no-reload", "--interval", "0.2", *args], **env)

    def log(self, process):
        process.log.flush()
        return Path(process.log.name).read_text()[-4000:]

    @staticmethod
    def kill(process, sig=signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(timeout=30)

    def close(self):
        for process in self.processes:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGINT)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    self.kill(process)
            process.log.close()
        if self._dropdb:
            self._dropdb()

    def sessions(self, username, count=1):
        """`count` logged-in sessions of `username`, made in the database as a login makes them (session keys)."""
        return self.python(
            "import json\n"
            "from importlib import import_module\n"
            "from django.conf import settings\n"
            "from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model\n"
            f"user = get_user_model().objects.get(username={username!r})\n"
            "keys = []\n"
            f"for _ in range({count}):\n"
            "    s = import_module(settings.SESSION_ENGINE).SessionStore()\n"
            "    s[SESSION_KEY] = str(user.pk)\n"
            "    s[BACKEND_SESSION_KEY] = 'django.contrib.auth.backends.ModelBackend'\n"
            "    s[HASH_SESSION_KEY] = user.get_session_auth_hash()\n"
            "    s.create()\n"
            "    keys.append(s.session_key)\n"
            "print(json.dumps(keys))\n"
        )

    def user(self, username="alice", password="a-long-test-password"):
        """Create a user with a profile and one client; returns (username, password)."""
        self.python(
            "from django.contrib.auth import get_user_model\n"
            "from composer.models import Profile, Client\n"
            f"u = get_user_model().objects.create_user({username!r}, password={password!r})\n"
            "Profile.objects.create(user=u, name='Alice Nguyen', email='alice@example.com', language='en')\n"
            "Client.objects.create(owner=u, name='Acme Ltd', contact_person='Bob Smith', email='bob@acme.example')\n"
        )
        return username, password


class Client:
    """A browser without a browser: cookies, the CSRF token, forms posted as a page would post them."""

    def __init__(self, base_url):
        self.base = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def csrf(self):
        for cookie in self.jar:
            if cookie.name == "csrftoken":
                return cookie.value
        self.get("/accounts/login/")
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(self, method, path, data=None, headers=None, timeout=60):
        headers = dict(headers or {})
        body = None
        if method == "POST":
            token = self.csrf()
            fields = list(data.items()) if isinstance(data, dict) else list(data or [])
            body = urllib.parse.urlencode([*fields, ("csrfmiddlewaretoken", token)]).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
            headers.setdefault("Referer", self.base + path)
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        try:
            response = self.opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as error:
            response = error
        response.body = response.read()
        response.text = response.body.decode("utf-8", "replace")
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.request("POST", path, data, **kwargs)

    def use_session(self, key):
        """Carry the session `key` (from `Stack.sessions`) as a logged-in browser does."""
        host = urllib.parse.urlsplit(self.base).hostname
        self.jar.set_cookie(
            http.cookiejar.Cookie(
                0, "sessionid", key, None, False, host, False, False, "/", True, False, None, False, None, None, {}
            )
        )
        return self

    def login(self, username, password):
        response = self.post("/accounts/login/", {"username": username, "password": password})
        assert response.status == 302, response.text[:500]
        return self


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are answers to check, not to follow."""

    def redirect_request(self, *args, **kwargs):
        return None
