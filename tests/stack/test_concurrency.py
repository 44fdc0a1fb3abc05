"""Fifty tabs save one draft at the same instant, through gunicorn: exactly one save is written.

Every write of a draft is a compare-and-swap on its version (`UPDATE … WHERE version = n`).
The posts are released together by a barrier and served by several worker processes and
threads, on SQLite and on PostgreSQL (whichever the suite runs on).
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.stack import Client

TABS = 50
CONFLICT = "changed in another tab"
ALREADY_FINAL = "This notice is already final."
NOW_FINAL = "This notice is final now"


@pytest.fixture(scope="module")
def server(module_stack):
    """gunicorn with several worker processes and threads, and fifty logged-in browsers of one user."""
    module_stack.python("from tests.factories import make_user\nmake_user('alice')")
    url = module_stack.server(workers=3, threads=8)
    tabs = [Client(url).use_session(key) for key in module_stack.sessions("alice", TABS)]
    for tab in tabs:
        tab.csrf()
    return module_stack, tabs


@pytest.fixture
def draft(server):
    """A complete draft at the review step, new for each test."""
    stack, tabs = server
    found = stack.python(
        "import json\n"
        "from django.contrib.auth.models import User\n"
        "from tests.factories import make_client, make_notice\n"
        "user = User.objects.get(username='alice')\n"
        "notice = make_notice(user, make_client(user))\n"
        "print(json.dumps({'pk': notice.pk, 'version': notice.version}))\n"
    )
    return stack, tabs, found["pk"], found["version"]


def at_once(tabs, post):
    """Run `post(client, n)` in every tab, released together; returns what each tab then shows.

    A redirect is followed, as a browser would, so the page carries the tab's own message.
    """
    barrier = threading.Barrier(len(tabs))

    def run(n):
        barrier.wait()
        response = post(tabs[n], n)
        if response.status == 302:
            response = tabs[n].get(response.headers["Location"])
        return response.text

    with ThreadPoolExecutor(len(tabs)) as pool:
        return list(pool.map(run, range(len(tabs))))


def state(stack, pk):
    return stack.python(
        "import json\n"
        "from composer.models import Notice\n"
        f"n = Notice.objects.get(pk={pk})\n"
        "print(json.dumps({'version': n.version, 'status': n.status, 'explanation': n.answers['cause']['explanation'],"
        " 'edits': n.edits, 'frozen': (n.frozen or {}).get('case', {}).get('cause', {}).get('explanation')}))\n"
    )


def outcome(pages, accepted_text):
    accepted = [n for n, page in enumerate(pages) if accepted_text in page]
    refused = [n for n, page in enumerate(pages) if CONFLICT in page or ALREADY_FINAL in page or NOW_FINAL in page]
    return accepted, refused


CAUSE = {"action": "save", "category": "technical", "responsibility": "ours"}


def test_fifty_step_saves_from_one_version(draft):
    stack, tabs, pk, version = draft
    pages = at_once(
        tabs,
        lambda c, n: c.post(
            f"/notices/{pk}/step/cause/", CAUSE | {"version": version, "explanation": f"Written in tab {n}."}
        ),
    )
    accepted, refused = outcome(pages, "Saved.")
    assert len(accepted) == 1 and len(refused) == TABS - 1 and not set(accepted) & set(refused)
    # The refused tabs keep what was typed on screen.
    assert all(f"Written in tab {n}." in pages[n] for n in refused)
    after = state(stack, pk)
    assert after["version"] == version + 1
    assert after["explanation"] == {"en": f"Written in tab {accepted[0]}."}


def test_fifty_wording_edits_from_one_version(draft):
    stack, tabs, pk, version = draft
    data = {"version": version, "action": "save", "language": "en"}
    pages = at_once(tabs, lambda c, n: c.post(f"/notices/{pk}/edit/", data | {"text": f"Wording from tab {n}."}))
    accepted, refused = outcome(pages, "Your wording is saved")
    assert len(accepted) == 1 and len(refused) == TABS - 1 and not set(accepted) & set(refused)
    assert all(f"Wording from tab {n}." in pages[n] for n in refused)
    after = state(stack, pk)
    assert after["version"] == version + 1
    assert after["edits"]["en"]["text"] == f"Wording from tab {accepted[0]}."


def test_fifty_finalises_while_the_draft_changes(draft):
    """Half the tabs finalise, half save a new cause, all from one version: one write wins, nothing else lands."""
    stack, tabs, pk, version = draft

    def post(client, n):
        if n % 2:
            return client.post(f"/notices/{pk}/finalise/", {"version": version, "confirm": "1"})
        return client.post(
            f"/notices/{pk}/step/cause/", CAUSE | {"version": version, "explanation": f"Written in tab {n}."}
        )

    pages = at_once(tabs, post)
    finalised, refused_finalise = outcome(pages[1::2], "The notice is final.")
    saved, refused_save = outcome(pages[0::2], "Saved.")
    assert len(finalised) + len(saved) == 1
    assert len(refused_finalise) + len(refused_save) == TABS - 1
    after = state(stack, pk)
    assert after["version"] == version + 1
    if finalised:
        # The final text is the one every finalising tab was shown: the cause as it stood at `version`.
        assert after["status"] == "final" and after["frozen"] == after["explanation"]
    else:
        assert after["status"] == "draft" and after["explanation"] == {"en": f"Written in tab {2 * saved[0]}."}
