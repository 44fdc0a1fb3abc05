"""Accounts as users expect: login throttling per account and per address, password reset by email, Argon2."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import RequestFactory
from django.utils import timezone

import delaynote.settings as production
from composer.models import ResetRequest
from composer.throttling import client_ip

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ATTACKER = "198.51.100.7"
ELSEWHERE = "203.0.113.20"


def log_in(client, username, password=PASSWORD, address=ATTACKER, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def logged_in(response):
    return response.status_code == 302 and response.url == "/"


class TestThrottlingPerAccount:
    def test_wrong_passwords_then_the_right_one_is_refused(self, client):
        make_user("owner")
        for _ in range(130):
            log_in(client, "owner", "wrong password")
        response = log_in(client, "owner")
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session
        assert "Too many failed attempts to log in" in response.content.decode()
        assert "paused for 15 minutes" in response.content.decode()
        assert [t.name for t in response.templates][0] == "registration/login.html"

    def test_the_lock_starts_at_the_tenth_failure(self, client):
        make_user("owner")
        for attempt in range(1, 10):
            assert log_in(client, "owner", "wrong password").status_code == 200, attempt
        assert log_in(client, "owner", "wrong password").status_code == 429
        assert log_in(client, "owner", address=ELSEWHERE).status_code == 429

    def test_another_account_from_another_address_is_not_affected(self, client):
        make_user("owner")
        make_user("teammate")
        for _ in range(130):
            log_in(client, "owner", "wrong password")
        assert logged_in(log_in(client, "teammate", address=ELSEWHERE))

    def test_after_the_cool_off_the_right_password_works(self, client):
        make_user("owner")
        for _ in range(130):
            log_in(client, "owner", "wrong password")
        assert log_in(client, "owner").status_code == 429
        AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
        assert logged_in(log_in(client, "owner"))

    def test_refused_attempts_do_not_extend_the_cool_off(self, client):
        make_user("owner")
        for _ in range(10):
            log_in(client, "owner", "wrong password")
        AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=10))
        for _ in range(20):
            assert log_in(client, "owner", "wrong password").status_code == 429
        AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
        assert logged_in(log_in(client, "owner"))

    def test_a_successful_login_resets_the_count(self, client):
        make_user("owner")
        for _ in range(9):
            log_in(client, "owner", "wrong password")
        assert logged_in(log_in(client, "owner"))
        client.logout()
        for _ in range(9):
            log_in(client, "owner", "wrong password")
        assert logged_in(log_in(client, "owner"))


class TestThrottlingPerAddress:
    def test_thirty_failures_from_one_address_lock_it(self, client):
        make_user("owner")
        for n in range(29):
            assert log_in(client, f"guess{n}", "wrong password").status_code == 200
        assert log_in(client, "guess29", "wrong password").status_code == 429
        assert log_in(client, "owner").status_code == 429

    def test_the_same_account_from_another_address_still_logs_in(self, client):
        make_user("owner")
        for n in range(30):
            log_in(client, f"guess{n}", "wrong password")
        assert logged_in(log_in(client, "owner", address=ELSEWHERE))

    def test_logging_in_to_ones_own_account_does_not_clear_the_address(self, client):
        make_user("owner")
        make_user("attacker")
        for n in range(29):
            log_in(client, f"guess{n}", "wrong password")
        assert logged_in(log_in(client, "attacker"))
        client.logout()
        assert log_in(client, "guess-next", "wrong password").status_code == 429

    def test_a_forged_forwarded_header_does_not_escape_the_lock(self, client):
        make_user("owner")
        for n in range(30):
            log_in(client, f"guess{n}", "wrong password", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        assert log_in(client, "owner", HTTP_X_FORWARDED_FOR="192.0.2.200").status_code == 429


class TestClientAddress:
    def request(self, forwarded=None):
        extra = {"REMOTE_ADDR": "10.0.0.2"}
        if forwarded is not None:
            extra["HTTP_X_FORWARDED_FOR"] = forwarded
        return RequestFactory().post(LOGIN, **extra)

    def test_without_proxies_the_connection_address_is_used(self, settings):
        settings.TRUSTED_PROXY_COUNT = 0
        assert client_ip(self.request("192.0.2.9")) == "10.0.0.2"

    def test_behind_one_proxy_the_address_it_saw_is_used(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_ip(self.request("1.2.3.4, 192.0.2.9")) == "192.0.2.9"
        assert client_ip(self.request()) == "10.0.0.2"

    def test_behind_two_proxies(self, settings):
        settings.TRUSTED_PROXY_COUNT = 2
        assert client_ip(self.request("1.2.3.4, 192.0.2.9, 10.0.0.1")) == "192.0.2.9"
        assert client_ip(self.request("192.0.2.9")) == "10.0.0.2"

    def test_a_value_that_is_not_an_address_is_ignored(self, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        assert client_ip(self.request("<script>")) == "10.0.0.2"
        assert client_ip(self.request("2001:DB8::1")) == "2001:db8::1"

    def test_the_lock_follows_the_forwarded_address_behind_a_proxy(self, client, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        make_user("owner")
        for n in range(30):
            log_in(client, f"guess{n}", "wrong password", address="10.0.0.2", HTTP_X_FORWARDED_FOR=ATTACKER)
        assert log_in(client, "owner", address="10.0.0.2", HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
        assert logged_in(log_in(client, "owner", address="10.0.0.2", HTTP_X_FORWARDED_FOR=ELSEWHERE))


def main(response):
    """The page's content, without the per-request nonce and CSRF token of its head and header."""
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group()


def reset_link(message):
    links = re.findall(r"https?://\S+", message.body)
    assert len(links) == 1, message.body
    return links[0]


class TestPasswordReset:
    def test_the_login_page_links_to_it(self, client):
        assert 'href="/accounts/password/reset/"' in client.get(LOGIN).content.decode()

    def test_the_page_says_accounts_without_email_ask_the_administrator(self, client):
        response = client.get("/accounts/password/reset/")
        assert response.status_code == 200
        assert "ask the administrator" in response.content.decode()

    def test_it_works(self, client, mailoutbox, settings):
        settings.SITE_URL = "https://notes.example.com"
        settings.ALLOWED_HOSTS = ["*"]
        user = make_user("owner")
        user.email = "owner@northwind.example"
        user.save()
        response = client.post(
            "/accounts/password/reset/", {"email": "Owner@Northwind.example"}, HTTP_HOST="evil.example"
        )
        assert response.status_code == 302
        assert response.url == "/accounts/password/reset/sent/"
        assert len(mailoutbox) == 1
        message = mailoutbox[0]
        assert message.to == ["owner@northwind.example"]
        assert "evil.example" not in message.body
        link = urlsplit(reset_link(message))
        assert (link.scheme, link.netloc) == ("https", "notes.example.com")

        response = client.get(link.path)
        assert response.status_code == 302
        form_url = response.url
        new = "a brand new sturdy password 93"
        response = client.post(form_url, {"new_password1": new, "new_password2": new})
        assert response.status_code == 302
        assert response.url == "/accounts/password/reset/done/"
        assert logged_in(log_in(client, "owner", new))
        client.logout()
        assert log_in(client, "owner", PASSWORD).status_code == 200

        assert "This link does not work" in client.get(link.path, follow=True).content.decode()

    def test_an_unknown_address_gets_the_same_page_and_no_email(self, client, mailoutbox):
        user = make_user("owner")
        user.email = "owner@northwind.example"
        user.save()
        known = client.post("/accounts/password/reset/", {"email": "owner@northwind.example"}, follow=True)
        unknown = client.post("/accounts/password/reset/", {"email": "nobody@northwind.example"}, follow=True)
        assert len(mailoutbox) == 1
        assert known.redirect_chain == unknown.redirect_chain
        assert main(known) == main(unknown)

    def test_a_new_password_ends_a_lockout(self, client, mailoutbox):
        user = make_user("owner")
        user.email = "owner@northwind.example"
        user.save()
        for _ in range(10):
            log_in(client, "owner", "wrong password")
        assert log_in(client, "owner").status_code == 429
        client.post("/accounts/password/reset/", {"email": "owner@northwind.example"})
        form_url = client.get(urlsplit(reset_link(mailoutbox[0])).path).url
        new = "a brand new sturdy password 93"
        client.post(form_url, {"new_password1": new, "new_password2": new})
        assert logged_in(log_in(client, "owner", new))

    def test_one_email_address_gets_at_most_three_emails_an_hour(self, client, mailoutbox):
        user = make_user("owner")
        user.email = "owner@northwind.example"
        user.save()
        pages = [
            client.post("/accounts/password/reset/", {"email": "owner@northwind.example"}, follow=True)
            for _ in range(5)
        ]
        assert len(mailoutbox) == 3
        assert {main(page) for page in pages} == {main(pages[0])}  # the page never tells the difference
        ResetRequest.objects.update(created=timezone.now() - dt.timedelta(minutes=61))
        client.post("/accounts/password/reset/", {"email": "OWNER@northwind.example"})
        assert len(mailoutbox) == 4

    def test_one_address_asking_for_many_accounts_is_refused_with_a_message(self, client, mailoutbox, settings):
        settings.PASSWORD_RESETS_PER_ADDRESS = 5
        for n in range(5):
            response = client.post("/accounts/password/reset/", {"email": f"guess{n}@example.com"})
            assert response.status_code == 302
        response = client.post("/accounts/password/reset/", {"email": "guess9@example.com"}, REMOTE_ADDR="127.0.0.1")
        assert response.status_code == 429
        assert "Too many reset requests from your network" in response.content.decode()
        other = client.post("/accounts/password/reset/", {"email": "guess9@example.com"}, REMOTE_ADDR="10.0.0.7")
        assert other.status_code == 302
        refused = client.post("/accounts/password/reset/", {"email": "x@example.com"}, HTTP_ACCEPT_LANGUAGE="vi")
        assert refused.status_code == 429
        assert "Có quá nhiều yêu cầu đặt lại mật khẩu từ mạng của bạn." in refused.content.decode()

    def test_old_requests_are_pruned(self):
        from composer import jobs

        ResetRequest.objects.create(address="10.0.0.1", email="a@example.com")
        ResetRequest.objects.create(
            address="10.0.0.1", email="a@example.com", created=timezone.now() - dt.timedelta(days=2)
        )
        assert jobs.prune()["reset_requests"] == 1
        assert ResetRequest.objects.count() == 1

    def test_a_broken_link_is_a_page_not_an_error(self, client):
        response = client.get("/accounts/password/reset/abc/zzz-999/")
        assert response.status_code == 200
        assert "This link does not work" in response.content.decode()


class TestSignup:
    def test_the_email_is_kept_for_password_reset(self, client):
        data = {"username": "linh", "email": "linh@example.com", "password1": PASSWORD, "password2": PASSWORD}
        assert client.post("/accounts/signup/", data).status_code == 302
        assert get_user_model().objects.get(username="linh").email == "linh@example.com"

    def test_signing_up_works_from_a_locked_address(self, client):
        for n in range(30):
            log_in(client, f"guess{n}", "wrong password", address="127.0.0.1")
        data = {"username": "linh", "email": "linh@example.com", "password1": PASSWORD, "password2": PASSWORD}
        response = client.post("/accounts/signup/", data)
        assert response.status_code == 302
        assert "_auth_user_id" in client.session


ARGON2 = "composer.hashers.Argon2PasswordHasher"


class TestPasswordHashing:
    """The test suite hashes with MD5 for speed; these tests put the production hashers back."""

    def test_production_hashes_with_argon2_first(self):
        assert production.PASSWORD_HASHERS[0] == ARGON2
        assert "django.contrib.auth.hashers.PBKDF2PasswordHasher" in production.PASSWORD_HASHERS

    def test_a_new_user_gets_an_argon2_hash(self, settings):
        settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
        user = make_user("owner")
        assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
        assert user.check_password(PASSWORD)

    def test_an_old_pbkdf2_hash_still_logs_in_and_is_upgraded(self, client, settings):
        settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
        user = make_user("owner")
        user.password = PBKDF2PasswordHasher().encode(PASSWORD, "somesalt12345678", iterations=100_000)
        user.save()
        assert logged_in(log_in(client, "owner"))
        user.refresh_from_db()
        assert user.password.startswith("argon2$")
