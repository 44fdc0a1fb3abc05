import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from composer.models import Client, Notice, Profile

from .factories import PASSWORD, make_client, make_notice, make_user

pytestmark = pytest.mark.django_db


class TestAccounts:
    def test_sign_up_logs_in_and_creates_a_profile(self, client):
        data = {"username": "linh", "email": "linh@example.com", "password1": PASSWORD, "password2": PASSWORD}
        response = client.post("/accounts/signup/", data)
        assert response.status_code == 302 and response.url == "/profile/"
        user = get_user_model().objects.get(username="linh")
        assert Profile.objects.get(user=user).email == "linh@example.com"
        assert client.get("/").context["user"] == user

    def test_a_weak_password_is_refused(self, client):
        data = {"username": "linh", "password1": "12345678", "password2": "12345678"}
        response = client.post("/accounts/signup/", data)
        assert response.status_code == 200
        errors = " ".join(response.context["form"].errors["password2"])
        assert "too short" in errors and "too common" in errors and "entirely numeric" in errors

    def test_log_in_and_log_out(self, client):
        make_user("owner")
        response = client.post("/accounts/login/", {"username": "owner", "password": PASSWORD})
        assert response.status_code == 302
        assert client.post("/accounts/logout/").status_code == 302
        assert client.get("/profile/").status_code == 302

    def test_a_wrong_password_gets_a_message(self, client):
        make_user("owner")
        response = client.post("/accounts/login/", {"username": "owner", "password": "wrong"})
        assert response.status_code == 200 and response.context["form"].errors

    def test_change_password(self, client):
        user = make_user("owner")
        client.force_login(user)
        new = "another sturdy password 77"
        response = client.post(
            "/accounts/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
        )
        assert response.status_code == 302
        user.refresh_from_db()
        assert user.check_password(new)

    def test_the_profile_is_saved_with_names_per_language(self, client):
        user = make_user("owner")
        client.force_login(user)
        data = {
            "name": "Emily Carter",
            "email": "emily@northwind.example",
            "organization": "Northwind",
            "language": "vi",
            "name_zh": "柯爱米",
            "organization_vi": "Công ty Northwind",
        }
        assert client.post("/profile/", data).status_code == 302
        profile = Profile.objects.get(user=user)
        assert profile.sender("zh-hans")["name"] == "柯爱米"
        assert profile.sender("vi")["organization"] == "Công ty Northwind"
        assert profile.sender("en")["name"] == "Emily Carter"

    @pytest.mark.parametrize("name", ["Emily\x07", "Emily\u202eexe.pdf", "Em\u200bily"])
    def test_the_profile_refuses_control_and_invisible_characters(self, client, name):
        user = make_user("owner")
        client.force_login(user)
        response = client.post("/profile/", {"name": name, "language": "en"})
        assert response.status_code == 200 and "control characters" in str(response.context["form"].errors)
        assert Profile.objects.get(user=user).name == "Emily Carter"


class TestClients:
    def test_create_edit_list_and_show(self, client):
        user = make_user()
        client.force_login(user)
        data = {
            "name": "华远贸易有限公司",
            "contact_person": "王芳",
            "honorific": "ms",
            "language": "zh-hans",
            "country": "cn",
        }
        response = client.post("/clients/new/", data)
        c = Client.objects.get(owner=user)
        assert response.url == f"/clients/{c.pk}/" and c.country == "CN"
        client.post(f"/clients/{c.pk}/edit/", data | {"notes": "Prefers WeChat."})
        c.refresh_from_db()
        assert c.notes == "Prefers WeChat."
        assert "华远贸易有限公司" in client.get("/clients/").content.decode()

    def test_the_client_page_lists_its_notices_newest_first(self, client):
        user = make_user()
        c = make_client(user)
        make_notice(user, c, title="Older")
        make_notice(user, c, title="Newer")
        client.force_login(user)
        titles = [str(n) for n in client.get(f"/clients/{c.pk}/").context["notices"]]
        assert titles == ["Newer", "Older"]

    def test_bad_input_is_refused(self, client):
        user = make_user()
        client.force_login(user)
        response = client.post(
            "/clients/new/", {"name": "", "email": "nope", "country": "XX", "language": "fr", "honorific": "none"}
        )
        errors = response.context["form"].errors
        assert {"name", "email", "country", "language"} <= set(errors)

    def test_delete_asks_first_and_protects_notices(self, client):
        user = make_user()
        c = make_client(user)
        client.force_login(user)
        assert "This cannot be undone." in client.get(f"/clients/{c.pk}/delete/").content.decode()
        assert client.post(f"/clients/{c.pk}/delete/").status_code == 302
        assert not Client.objects.filter(pk=c.pk).exists()
        busy = make_client(user)
        make_notice(user, busy)
        client.post(f"/clients/{busy.pk}/delete/")
        assert Client.objects.filter(pk=busy.pk).exists()


class TestInterfaceLanguage:
    @pytest.mark.parametrize(("code", "lang"), [("zh-hans", "zh-Hans"), ("vi", "vi"), ("en", "en")])
    def test_the_interface_language_is_switchable(self, client, code, lang):
        response = client.post("/i18n/setlang/", {"language": code, "next": "/"}, follow=True)
        assert f'<html lang="{lang}">' in response.content.decode()

    def test_the_notice_language_is_independent_of_the_interface(self, client):
        user = make_user()
        notice = make_notice(user, make_client(user, language="vi"))
        client.force_login(user)
        client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
        page = client.get(f"/notices/{notice.pk}/preview/").content.decode()
        assert 'lang="vi"' in page


def test_the_demo_is_seeded_once(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    user = get_user_model().objects.get(username="demo")
    assert user.check_password("delaynote-demo")
    assert Client.objects.filter(owner=user).count() == 3
    assert {n.language for n in Notice.objects.filter(owner=user)} == {"zh-hans", "vi", "en"}
    assert "demo / delaynote-demo" in capsys.readouterr().out
