"""The stack itself: gunicorn serves the app from the project's configuration."""

from tests.stack import Client


def test_gunicorn_serves_the_library_to_a_logged_in_user(stack):
    username, password = stack.user()
    url = stack.server(workers=1, threads=2)
    client = Client(url).login(username, password)
    page = client.get("/")
    assert page.status == 200
    assert '<span class="who">alice</span>' in page.text
    assert Client(url).get("/profile/").status == 302
