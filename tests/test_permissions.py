"""Owner, stranger and logged-out visitor over every URL: a stranger gets 404, a visitor the login page."""

import pytest
from django.urls import reverse

from composer.models import Client, Notice

from .factories import finalise, make_client, make_notice, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    owner = make_user("owner")
    stranger = make_user("stranger")
    client = make_client(owner)
    draft = make_notice(owner, client)
    final = finalise(make_notice(owner, client, title="Final one"))
    return owner, stranger, client, draft, final


def urls(client, draft, final):
    """(method, url, data) for every owner-scoped URL."""
    gets = [
        reverse("client", args=[client.pk]),
        reverse("client_edit", args=[client.pk]),
        reverse("client_delete", args=[client.pk]),
        reverse("notice", args=[final.pk]),
        reverse("notice_preview", args=[draft.pk]),
        *[
            reverse("step", args=[draft.pk, name])
            for name in ("commitment", "cause", "plan", "remedies", "style", "review")
        ],
        *[reverse("notice_download", args=[final.pk, fmt]) for fmt in ("html", "txt", "eml", "pdf", "chat")],
    ]
    posts = [
        (reverse("client_edit", args=[client.pk]), {"name": "Hijacked", "language": "en", "honorific": "none"}),
        (reverse("client_delete", args=[client.pk]), {}),
        (
            reverse("step", args=[draft.pk, "cause"]),
            {"version": draft.version, "category": "other", "responsibility": "ours", "action": "save"},
        ),
        (
            reverse("notice_edit", args=[draft.pk]),
            {"version": draft.version, "language": "en", "text": "Hijacked", "action": "save"},
        ),
        (reverse("notice_finalise", args=[draft.pk]), {"version": draft.version}),
        (reverse("notice_send", args=[final.pk]), {}),
        (reverse("notice_new"), {"client": client.pk}),
    ]
    return gets, posts


def test_the_owner_reaches_every_url(client, world):
    owner, _stranger, c, draft, final = world
    client.force_login(owner)
    gets, _posts = urls(c, draft, final)
    for url in gets:
        assert client.get(url).status_code == 200, url


def test_a_stranger_gets_404_everywhere_and_changes_nothing(client, world, mailoutbox):
    _owner, stranger, c, draft, final = world
    client.force_login(stranger)
    gets, posts = urls(c, draft, final)
    for url in gets:
        assert client.get(url).status_code == 404, url
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    c.refresh_from_db()
    draft.refresh_from_db()
    assert c.name == "Bluebird Retail Inc." and Client.objects.filter(pk=c.pk).exists()
    assert draft.status == "draft" and draft.edits == {} and draft.answers["cause"]["category"] == "technical"
    assert Notice.objects.filter(owner=stranger).count() == 0
    assert mailoutbox == []


def test_lists_show_only_ones_own(client, world):
    _owner, stranger, *_ = world
    client.force_login(stranger)
    assert "Bluebird" not in client.get(reverse("clients")).content.decode()
    assert "Spring campaign website" not in client.get(reverse("home")).content.decode()


def test_a_logged_out_visitor_is_sent_to_log_in(client, world):
    _owner, _stranger, c, draft, final = world
    gets, posts = urls(c, draft, final)
    for url in [*gets, reverse("clients"), reverse("profile")]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/"), url
    for url, data in posts:
        assert client.post(url, data).status_code == 302, url


def test_a_stranger_cannot_attach_someone_elses_client(client, world):
    _owner, stranger, c, _draft, _final = world
    client.force_login(stranger)
    notice = Notice.objects.create(owner=stranger)
    response = client.post(
        reverse("step", args=[notice.pk, "commitment"]),
        {
            "version": 1,
            "client": c.pk,
            "subkind": "project",
            "title": "x",
            "original_deadline": "2030-01-01",
            "action": "next",
        },
    )
    assert response.status_code == 200
    assert "client" in response.context["form"].errors
    notice.refresh_from_db()
    assert notice.client is None


def test_csrf_is_enforced_and_htmx_sends_the_token(world):
    from django.test import Client as Browser

    owner, *_rest, draft, _final = world
    browser = Browser(enforce_csrf_checks=True)
    browser.force_login(owner)
    url = reverse("step", args=[draft.pk, "cause"])
    assert browser.post(url, {"action": "save"}).status_code == 403
    page = browser.get(url).content.decode()
    assert 'hx-headers=\'{"x-csrftoken": "' in page
    token = browser.cookies["csrftoken"].value
    data = {"version": draft.version, "category": "other", "responsibility": "ours", "action": "save"}
    response = browser.post(url, data, headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 200 and response["HX-Redirect"] == url
