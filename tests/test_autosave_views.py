"""The step view's autosave and step tabs: save without leaving, go where the tab says, never lose a word."""

import pytest

from composer.models import Client, Notice

from .factories import day, make_notice
from .test_wizard_views import CAUSE, PLAN, post_step

HTMX = {"HX-Request": "true"}
pytestmark = pytest.mark.django_db


def test_an_autosave_saves_and_answers_the_new_version_without_a_redirect(browser, owner):
    notice = make_notice(owner)
    response = post_step(browser, notice, "cause", CAUSE | {"explanation": "Typed so far."}, "autosave", htmx=True)
    assert response.status_code == 200 and "HX-Redirect" not in response
    notice.refresh_from_db()
    assert notice.answers["cause"]["explanation"] == {"en": "Typed so far."} and notice.step == 6
    page = response.content.decode()
    assert "Saved." in page and f'name="version" value="{notice.version}" id="step-version" hx-swap-oob="true"' in page


def test_an_autosave_with_a_wrong_answer_saves_nothing_and_says_why(browser, owner):
    notice = make_notice(owner)
    before = Notice.objects.get(pk=notice.pk).version
    response = post_step(browser, notice, "plan", PLAN | {"m-0-description": ""}, "autosave", htmx=True)
    assert response.status_code == 200 and "Not saved:" in response.content.decode()
    assert Notice.objects.get(pk=notice.pk).version == before


def test_an_autosave_from_an_older_page_shows_the_conflict_and_stops(browser, owner):
    notice = make_notice(owner)
    stale = notice.version
    post_step(browser, notice, "cause", CAUSE | {"explanation": "From the other tab."}, "save")
    data = CAUSE | {"explanation": "Typed here.", "version": stale, "action": "autosave"}
    response = browser.post(f"/notices/{notice.pk}/step/cause/", data, headers=HTMX)
    page = response.content.decode()
    assert response["HX-Retarget"] == "#autosave" and response["HX-Reswap"] == "outerHTML"
    assert 'id="step-conflict" hx-swap-oob="true"' in page and "hx-post" not in page
    # The form keeps its older version; "Keep mine" carries the newer one.
    notice.refresh_from_db()
    assert 'id="step-version"' not in page and f'name="overwrite_version" value="{notice.version}"' in page
    assert notice.answers["cause"]["explanation"] == {"en": "From the other tab."}
    kept = data | {"action": "next", "overwrite": "1", "overwrite_version": notice.version}
    assert browser.post(f"/notices/{notice.pk}/step/cause/", kept).status_code == 302
    notice.refresh_from_db()
    assert notice.answers["cause"]["explanation"] == {"en": "Typed here."}


def test_a_step_tab_saves_and_goes_to_its_step(browser, owner):
    notice = make_notice(owner)
    response = post_step(browser, notice, "cause", CAUSE | {"explanation": "Changed.", "goto": "commitment"}, "")
    assert response.status_code == 302 and response.url == f"/notices/{notice.pk}/step/commitment/"
    notice.refresh_from_db()
    assert notice.answers["cause"]["explanation"] == {"en": "Changed."}


def test_a_step_tab_with_a_wrong_answer_stays_and_a_tab_past_the_reached_steps_does_not_go(browser, owner):
    notice = make_notice(owner, step=3)
    response = post_step(browser, notice, "cause", CAUSE | {"category": "", "goto": "commitment"}, "")
    assert response.status_code == 200 and response.context["form"].errors
    response = post_step(browser, notice, "cause", CAUSE | {"goto": "style"}, "save")
    assert response.url == f"/notices/{notice.pk}/step/cause/"


def test_adding_a_row_saves_the_rows_typed_so_far(browser, owner):
    notice = make_notice(owner)
    response = post_step(browser, notice, "plan", PLAN | {"m-0-description": "Typed in the row."}, "add")
    assert response.status_code == 200
    assert response.context["form"].milestones.total_form_count() == 2
    notice.refresh_from_db()
    assert [m["description"] for m in notice.answers["plan"]["milestones"]] == [{"en": "Typed in the row."}]


def test_an_autosave_leaves_a_half_typed_new_client_for_the_real_submit(browser, owner):
    notice = make_notice(owner)
    commitment = {"subkind": "project", "title": "Spring campaign website", "original_deadline": day(10)}
    for name in ["Sao", "Sao Mai"]:
        post_step(browser, notice, "commitment", commitment | {"client": "", "new_client": name}, "autosave", True)
    assert not Client.objects.filter(name__startswith="Sao").exists()
    post_step(browser, notice, "commitment", commitment | {"client": "", "new_client": "Sao Mai"})
    assert list(Client.objects.filter(name__startswith="Sao").values_list("name", flat=True)) == ["Sao Mai"]
