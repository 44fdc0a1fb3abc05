"""No lost input: every step saves what was typed when the user moves on, with JavaScript and without.

With JavaScript the step form autosaves (htmx, after a pause in typing and on change) and says so;
without it the step tabs are buttons of the step form that save it and go to the tab's step.
Adding a row saves the rows typed so far.
"""

import re

import pytest
from playwright.sync_api import expect

from composer.models import Notice

from ..factories import make_notice, make_user, weekday
from .test_wizard import log_in

# Per step: a field to type into, what to type, and where the stored answers keep it.
FIELDS = {
    "commitment": ("#id_title", "Autumn campaign website", lambda a: a["commitment"]["title"]["en"]),
    "cause": ("#id_explanation", "The hosting provider lost a disk.", lambda a: a["cause"]["explanation"]["en"]),
    "plan": ("#id_measures", "Every migration is rehearsed twice.", lambda a: a["plan"]["measures"]["en"]),
    "remedies": ("#id_r-0-percent", "15", lambda a: a["remedies"][0]["percent"]),
    "style": ("#id_address_as", "Laura", lambda a: a["address_as"]["en"]),
}
OTHER = {"commitment": "cause", "cause": "plan", "plan": "remedies", "remedies": "style", "style": "commitment"}


def step_url(notice, name):
    return f"/notices/{notice.pk}/step/{name}/"


def stored(notice):
    return Notice.objects.get(pk=notice.pk).answers


def open_step(new_context, username, javascript, name):
    user = make_user(username)
    notice = make_notice(user)
    page = new_context(javascript=javascript).new_page()
    log_in(page, username)
    page.goto(step_url(notice, name))
    expect(page.locator("form.step-form")).to_be_visible()
    return page, notice


def tab(page, name):
    return page.locator(f"nav.steps button[name=goto][value={name}]")


@pytest.mark.browser
@pytest.mark.parametrize("name", list(FIELDS))
def test_autosave_keeps_what_was_typed_on_every_step(new_context, name):
    page, notice = open_step(new_context, f"auto-{name}", True, name)
    selector, value, answer = FIELDS[name]
    field = page.locator(selector)
    field.fill(value)
    status = page.locator("#autosave")
    expect(status).to_contain_text("Saved")
    # Saved by the autosave itself, focus still in the field, the form carrying the new version.
    assert answer(stored(notice)) == value
    assert page.evaluate("document.activeElement.id") == selector[1:]
    version = Notice.objects.get(pk=notice.pk).version
    expect(page.locator("#step-version")).to_have_value(str(version))
    # A second edit saves over the first one (no conflict with its own save).
    field.fill("16" if name == "remedies" else value + " Again.")
    expect(page.locator("#step-version")).to_have_value(str(version + 1))
    expect(status).to_contain_text("Saved")
    field.fill(value)
    expect(page.locator("#step-version")).to_have_value(str(version + 2))
    # Then another step's tab, and back: the value is there.
    tab(page, OTHER[name]).click()
    page.wait_for_url(re.compile(f"/step/{OTHER[name]}/$"))
    page.goto(step_url(notice, name))
    expect(page.locator(selector)).to_have_value(value)
    assert answer(stored(notice)) == value


@pytest.mark.browser
@pytest.mark.parametrize("name", list(FIELDS))
def test_without_javascript_a_step_tab_saves_the_step(new_context, name):
    page, notice = open_step(new_context, f"tab-{name}", False, name)
    selector, value, answer = FIELDS[name]
    expect(page.locator("#autosave")).to_be_hidden()
    page.locator(selector).fill(value)
    tab(page, OTHER[name]).click()
    page.wait_for_url(re.compile(f"/step/{OTHER[name]}/$"))
    assert answer(stored(notice)) == value
    page.goto(step_url(notice, name))
    expect(page.locator(selector)).to_have_value(value)


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_tab_with_a_wrong_answer_shows_the_error_and_stays(new_context, javascript):
    page, notice = open_step(new_context, f"wrong-{javascript}", javascript, "commitment")
    page.locator("#id_title").fill("")
    if javascript:
        expect(page.locator("#autosave")).to_contain_text("Not saved")
    tab(page, "cause").click()
    expect(page.locator("form.step-form .errorlist").first).to_be_visible()
    assert page.url.endswith(step_url(notice, "commitment"))
    assert stored(notice)["commitment"]["title"]["en"] == "Spring campaign website"


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_a_tab_on_an_untouched_step_goes_even_if_the_step_is_not_complete(new_context, javascript):
    user = make_user(f"untouched-{javascript}")
    notice = make_notice(user, step=2)
    notice.answers = {k: v for k, v in notice.answers.items() if k != "cause"}
    notice.save()
    page = new_context(javascript=javascript).new_page()
    log_in(page, user.username)
    page.goto(step_url(notice, "cause"))
    tab(page, "commitment").click()
    page.wait_for_url(re.compile("/step/commitment/$"))


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_added_milestones_keep_what_was_typed(new_context, javascript):
    page, notice = open_step(new_context, f"rows-m-{javascript}", javascript, "plan")
    add = page.locator("form.step-form button[name=action][value=add]")
    add.click()
    expect(page.locator("#id_m-1-description")).to_be_visible()
    page.locator("#id_m-1-date").fill(weekday(25))
    page.locator("#id_m-1-description").fill("Load test on staging")
    add.click()
    expect(page.locator("#id_m-2-description")).to_be_visible()
    expect(page.locator("#id_m-1-date")).to_have_value(weekday(25))
    expect(page.locator("#id_m-1-description")).to_have_value("Load test on staging")
    page.locator("#id_m-2-date").fill(weekday(30))
    page.locator("#id_m-2-description").fill("Sign-off by the client")
    if javascript:
        expect(page.locator("#autosave")).to_contain_text("Saved")
        expect(page.locator("#step-version")).to_have_value(str(Notice.objects.get(pk=notice.pk).version))
    else:
        tab(page, "remedies").click()
        page.wait_for_url(re.compile("/step/remedies/$"))
    page.goto(step_url(notice, "plan"))
    descriptions = [page.locator(f"#id_m-{i}-description").input_value() for i in range(3)]
    assert descriptions == ["Migration rerun", "Load test on staging", "Sign-off by the client"]
    milestones = stored(notice)["plan"]["milestones"]
    assert [m["description"]["en"] for m in milestones] == descriptions


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_added_offers_keep_what_was_typed(new_context, javascript):
    page, notice = open_step(new_context, f"rows-r-{javascript}", javascript, "remedies")
    add = page.locator("form.step-form button[name=action][value=add]")
    page.locator("#id_r-0-percent").fill("12")
    add.click()
    expect(page.locator("#id_r-1-kind")).to_be_visible()
    page.locator("#id_r-1-kind").select_option("free_extra")
    page.locator("#id_r-1-description").fill("Two extra landing pages")
    add.click()
    expect(page.locator("#id_r-2-kind")).to_be_visible()
    expect(page.locator("#id_r-0-percent")).to_have_value("12")
    expect(page.locator("#id_r-1-description")).to_have_value("Two extra landing pages")
    page.reload()
    expect(page.locator("#id_r-1-description")).to_have_value("Two extra landing pages")
    expect(page.locator("#id_r-0-percent")).to_have_value("12")
    remedies = stored(notice)["remedies"]
    assert [r["kind"] for r in remedies] == ["discount", "free_extra"]
    assert remedies[0]["percent"] == "12"


@pytest.mark.browser
def test_an_autosave_after_a_change_elsewhere_shows_the_conflict_and_keeps_the_text(new_context):
    page, notice = open_step(new_context, "auto-conflict", True, "cause")
    # Another tab saves first.
    other = Notice.objects.get(pk=notice.pk)
    other.write(other.version, lambda n: n.answers["cause"].update(explanation={"en": "From the other tab."}))
    field = page.locator("#id_explanation")
    field.fill("Typed here.")
    expect(page.locator("#step-conflict .alert")).to_be_visible()
    expect(page.locator("#autosave")).to_contain_text("Not saved")
    expect(field).to_have_value("Typed here.")
    assert stored(notice)["cause"]["explanation"] == {"en": "From the other tab."}
    # Autosave stops until the user chooses; "Keep mine" saves what was typed.
    field.fill("Typed here, then more.")
    page.wait_for_timeout(1200)
    assert stored(notice)["cause"]["explanation"] == {"en": "From the other tab."}
    page.locator("#step-conflict button[name=overwrite]").click()
    page.wait_for_url(re.compile("/step/plan/$"))
    assert stored(notice)["cause"]["explanation"]["en"] == "Typed here, then more."
