"""The step-by-step wizard: one URL per step, answers saved when the user moves on."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh, reswap, retarget

from composer import answers as A
from composer.answers import CaseError, parse_case
from composer.coach import check
from composer.letters.edits import editable_text, fingerprint, is_stale, make_edit
from composer.letters.schedule import day_warnings, update_dates
from composer.models import LANGUAGE_CHOICES, Client, Conflict, Notice, ProgressUpdate
from composer.wizard import texts
from composer.wizard.forms import CHANNELS, STEP_NAMES, STEPS, TONES, EditForm, MilestoneFormSet, RemedyFormSet
from composer.wizard.problems import describe
from composer.wizard.texts import pin

from .common import chosen_language, chosen_style, get_client, get_notice, letter_for, parse_id


def step_url(notice, name):
    return reverse("step", args=[notice.pk, name])


def go(request, url):
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


@login_required
@require_POST
def new_notice(request):
    client = None
    if request.POST.get("client"):
        client = get_client(request, request.POST["client"])
    profile = getattr(request.user, "profile", None)
    language = client.language if client else (profile.language if profile else "en")
    notice = Notice.objects.create(owner=request.user, client=client, language=language)
    return redirect(step_url(notice, "commitment"))


def steps_context(notice, current):
    return [
        {"name": name, "label": label, "number": i + 1, "reached": i + 1 <= notice.step, "current": name == current}
        for i, (name, label, _form) in enumerate(STEPS)
    ]


def _count(data, prefix):
    value = parse_id(data.get(f"{prefix}-TOTAL_FORMS"))
    return min(value, 100) if value is not None else 0


def drop_row(data, prefix, index):
    """POST data without row `index` of the formset `prefix`, the rows after it renumbered."""
    data = data.copy()
    total = _count(data, prefix)
    rows = []
    for i in range(total):
        row = {k.split("-", 2)[2]: data.getlist(k) for k in data if k.startswith(f"{prefix}-{i}-")}
        if i != index:
            rows.append(row)
    for key in [k for k in data if k.startswith(f"{prefix}-") and parse_id(k.split("-")[1]) is not None]:
        del data[key]
    for i, row in enumerate(rows):
        for field, values in row.items():
            data.setlist(f"{prefix}-{i}-{field}", values)
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    return data


def add_row(data, prefix, limit):
    data = data.copy()
    data[f"{prefix}-TOTAL_FORMS"] = str(min(_count(data, prefix) + 1, limit))
    return data


ROWS = {"plan": ("m", MilestoneFormSet), "remedies": ("r", RemedyFormSet)}


@login_required
@require_http_methods(["GET", "POST"])
def step(request, pk, name):
    notice = get_notice(request, pk)
    if name not in STEP_NAMES:
        raise Http404
    if not notice.is_draft:
        if request.method == "POST" and request.POST.get("action") == "autosave":
            return autosave_status(request, notice, "final")
        return no_longer_a_draft(request, notice)
    index = STEP_NAMES.index(name)
    if index + 1 > notice.step:
        return redirect(step_url(notice, STEP_NAMES[notice.step - 1]))
    if name == "review":
        return review(request, notice)
    form_class = STEPS[index][2]
    conflict = False
    if request.method == "POST":
        action = request.POST.get("action", "next")
        goto = request.POST.get("goto")
        if goto in STEP_NAMES and STEP_NAMES.index(goto) < notice.step:
            action = "goto"
        if action == "autosave":
            return autosave(request, notice, name, form_class)
        data = request.POST
        if name in ROWS and action.startswith("remove-"):
            row = parse_id(action.split("-")[1])
            data = drop_row(data, ROWS[name][0], -1 if row is None else row)
        elif name in ROWS and action == "add":
            data = add_row(data, ROWS[name][0], ROWS[name][1].max_num)
        form = form_class(data, notice=notice)
        if action == "validate":
            form.is_valid()
        elif action == "goto" and not form.is_valid() and unchanged(request, notice, form_class):
            return go(request, step_url(notice, goto))
        elif form.is_valid() and (action in ("next", "back", "save", "goto", "add") or action.startswith("remove-")):
            try:
                notice = save_step(request, notice, name, form, advance=action == "next")
            except Conflict:
                conflict = True
                notice = get_notice(request, notice.pk)
                if not notice.is_draft:
                    return no_longer_a_draft(request, notice)
            else:
                for warning in form.warnings:
                    messages.warning(request, warning)
                if action == "save":
                    messages.success(request, _("Saved."))
                    return go(request, step_url(notice, name))
                if action in ("next", "back", "goto"):
                    targets = {"next": STEP_NAMES[index + 1], "back": STEP_NAMES[max(index - 1, 0)], "goto": goto}
                    return go(request, step_url(notice, targets[action]))
                # A row added or removed: the rows typed so far are saved, the page shows them again.
    else:
        form = form_class(notice=notice)
    context = {
        "notice": notice,
        "form": form,
        "step": name,
        "steps": steps_context(notice, name),
        "conflict": conflict,
        "previous": STEP_NAMES[index - 1] if index else None,
    }
    if name == "plan":
        context["schedule"] = plan_preview(notice, form)
    template = f"composer/wizard/{name}.html"
    return render(request, f"{template}#form" if request.htmx else template, context)


def autosave(request, notice, name, form_class):
    """Save the step as typed so far, without leaving it: answers a small status, never a redirect.

    The status carries the draft's new version (swapped into the form out of band) so the next
    save starts from it. Answers that do not validate yet are not saved; after a conflict the
    form shows the conflict alert and autosave stops until the user chooses.
    """
    form = form_class(request.POST, notice=notice)
    if not form.is_valid():
        return autosave_status(request, notice, "invalid", reason=first_error(form))
    try:
        notice = save_step(request, notice, name, form, advance=False, add_client=False)
    except Conflict:
        notice = get_notice(request, notice.pk)
        return autosave_status(request, notice, "conflict" if notice.is_draft else "final")
    return autosave_status(request, notice, "saved")


def autosave_status(request, notice, state, reason=""):
    """The autosave status line; after a conflict, or once the notice is final, one that stops autosaving."""
    context = {"notice": notice, "state": state, "reason": reason, "oob": True}
    response = render(request, "composer/wizard/_autosave.html", context)
    if state in ("conflict", "final"):
        response = reswap(retarget(response, "#autosave"), "outerHTML")
    return response


def first_error(form):
    """The first problem with a step's answers, named after its field."""
    forms = [
        form,
        *(f for rows in (getattr(form, "milestones", None), getattr(form, "remedies", None)) if rows for f in rows),
    ]
    for each in forms:
        for field, errors in each.errors.items():
            if field in each.fields and errors:
                return f"{each.fields[field].label}: {errors[0]}"
            if errors:
                return errors[0]
    rows = getattr(form, "milestones", None) or getattr(form, "remedies", None)
    if rows is not None and rows.non_form_errors():
        return rows.non_form_errors()[0]
    return _("Some answers need attention.")


def unchanged(request, notice, form_class):
    """Whether the posted step still shows the answers stored for it (nothing typed to save)."""
    shown = form_class(notice=notice)
    posted = form_class(request.POST, notice=notice, initial=shown.initial)
    if posted.has_changed():
        return False
    for attr in ("milestones", "remedies"):
        rows = getattr(posted, attr, None)
        if rows is None:
            continue
        stored = getattr(shown, attr).initial or []
        if rows.total_form_count() != len(stored):
            return False
        rows.initial = stored
        if rows.has_changed():
            return False
    return True


def plan_preview(notice, form):
    """The update dates the chosen cadence yields, and the dates that fall on a weekend or holiday."""
    if not form.is_bound or not form.is_valid():
        data = notice.case()
    else:
        data = notice.case() | form.to_answers()
    try:
        answers = parse_case(data)
    except CaseError:
        return None
    return {"dates": update_dates(answers), "warnings": day_warnings(answers, get_language())}


def save_step(request, notice, name, form, advance, add_client=True):
    """Write the step's answers into the draft at the version the page was shown with (or raise Conflict).

    An autosave (`add_client=False`) leaves a new client's name typed so far for the step's next
    real submit, so a name half typed never becomes a client.
    """

    def change(notice):
        if name == "style":
            pin(notice.answers, notice.language)
        notice.answers = notice.answers | texts.merge(notice.answers, form.to_answers(), notice.language)
        if name == "commitment":
            d = form.cleaned_data
            if d.get("client"):
                notice.client = d["client"]
            elif d.get("new_client") and add_client:
                notice.client = Client.objects.create(
                    owner=request.user, name=d["new_client"], language=notice.language
                )
            notice.title = d["title"]
            if notice.step == 1 and notice.client:
                notice.language = notice.client.language
        if name == "style":
            notice.language = form.cleaned_data["language"]
        if advance:
            notice.step = max(notice.step, STEP_NAMES.index(name) + 2)

    return notice.write(posted_version(request), change)


def posted_version(request):
    """The draft version the posted page was shown with.

    "Keep mine" on a conflict alert that autosave showed carries the newer version it was shown
    with; the form's own version stays the older one, so a click made before the alert appeared
    never overwrites the newer version.
    """
    if request.POST.get("overwrite") and parse_id(request.POST.get("overwrite_version")) is not None:
        return parse_id(request.POST.get("overwrite_version"))
    return parse_id(request.POST.get("version"))


CONFLICT = gettext_lazy(
    "This notice was changed in another tab or window since you opened this page. Nothing was saved: "
    "here is the newer version."
)


def no_longer_a_draft(request, notice):
    """A final notice is never changed: a page posted from its draft days is told so, and nothing is written."""
    if request.method == "POST":
        messages.error(
            request,
            _(
                "This notice is final now (finalised in another tab or window): nothing was saved. To change it, revise it."
            ),
        )
    return go(request, reverse("notice", args=[notice.pk]))


def review(request, notice, kept=None, conflict=False):
    """The letter as it will go out, the coach, and the review's forms.

    After a conflict the page is shown again with what the user typed (`kept`: the posted
    wording or translations) in its forms, unsaved, over the newer version of the draft.
    """
    if request.method == "POST" and kept is None:
        try:
            notice = choose_style(request, notice)
        except Conflict:
            messages.error(request, CONFLICT)
            if request.htmx:
                return HttpResponseClientRefresh()
        if not request.htmx:
            return redirect(step_url(notice, "review"))
    kept = kept or {}
    language = chosen_language(request.GET) or notice.language
    overrides = chosen_style(request.GET)
    answers, composed, letter, problems = letter_for(notice, language, overrides)
    edit = notice.edits.get(language)
    missing = texts.missing(problems, notice.case(language), language)
    edit_text = kept["text"] if "text" in kept else (editable_text(letter) if letter else "")
    context = {
        "missing_texts": [
            (path, field_label(path), originals, kept.get(f"text:{path}", "")) for path, originals in missing
        ],
        "other_problems": [describe(notice, p) for p in problems if p.code != "missing_text"],
        "language_name": dict(LANGUAGE_CHOICES)[language],
        "notice": notice,
        "step": "review",
        "steps": steps_context(notice, "review"),
        "language": language,
        "tone": overrides.get("tone", notice.answers.get("tone", "formal")),
        "channel": overrides.get("channel", notice.answers.get("channel", "email")),
        "problems": problems,
        "letter": letter,
        "findings": check(answers, letter) if letter and answers.letter_type == "delay" else [],
        "edit": edit,
        "stale": composed is not None and is_stale(composed, edit),
        "edit_form": EditForm(initial={"text": edit_text, "language": language}),
        "conflict": conflict,
        "call_script": needs_call(answers),
        "answers": answers,
        "language_choices": LANGUAGE_CHOICES,
        "tone_choices": TONES,
        "channel_choices": CHANNELS,
        "preview_query": f"?language={language}&tone={overrides.get('tone', '')}&channel={overrides.get('channel', '')}",
    }
    template = "composer/wizard/review.html"
    return render(request, f"{template}#preview" if request.htmx else template, context)


def choose_style(request, notice):
    """The review's language, tone and channel selectors save straight into the answers."""

    def change(notice):
        choices = chosen_style(request.POST)
        if chosen_language(request.POST):
            pin(notice.answers, notice.language)
            notice.language = chosen_language(request.POST)
            choices["language"] = notice.language
        notice.answers = notice.answers | choices

    return notice.write(posted_version(request), change)


def conflict_review(request, notice, language, kept):
    """The review again, over the newer draft, with the user's unsaved text kept in its form."""
    notice = get_notice(request, notice.pk)
    if not notice.is_draft:
        return no_longer_a_draft(request, notice)
    request.GET = request.GET.copy()
    request.GET["language"] = language
    request.method = "GET"
    return review(request, notice, kept=kept, conflict=True)


FIELD_LABELS = {
    "commitment.title": gettext_lazy("What was promised"),
    "commitment.needed_for": gettext_lazy("What they need it for"),
    "cause.explanation": gettext_lazy("What happened"),
    "plan.measures": gettext_lazy("What you change so it does not happen again"),
    "sender.title": gettext_lazy("Your job title"),
    "recipient.title": gettext_lazy("Their job title"),
}


def field_label(path):
    """What the wizard calls the answer at `path` (milestone 2, remedy 1…)."""
    if path in FIELD_LABELS:
        return FIELD_LABELS[path]
    head, _sep, rest = path.partition("[")
    index = parse_id(rest.split("]", 1)[0])
    number = index + 1 if index is not None else 0
    if head == "plan.milestones":
        return _("Milestone %(number)d") % {"number": number}
    return _("Remedy %(number)d") % {"number": number}


@login_required
@require_POST
def translate(request, pk):
    """The answers written in the notice's language, beside the originals."""
    notice = get_notice(request, pk)
    if not notice.is_draft:
        return no_longer_a_draft(request, notice)
    language = chosen_language(request.POST) or notice.language
    posted = {}
    for key, value in request.POST.items():
        if not key.startswith("text:"):
            continue
        path, value = key[5:], value.strip()
        if len(value) > A.LONG or A.MULTILINE_CONTROL.search(value):
            messages.error(
                request,
                _("An answer is too long or holds control characters: %(field)s.") % {"field": field_label(path)},
            )
        elif value or request.POST.get(f"keep:{path}"):
            posted[path] = (value, bool(request.POST.get(f"keep:{path}")))
    if not posted:
        return go(request, step_url(notice, "review") + f"?language={language}")

    def change(notice):
        answers = pin(notice.answers, notice.language)
        saved = [path for path, (value, keep) in posted.items() if texts.set_text(answers, path, language, value, keep)]
        notice.answers = answers
        return saved

    try:
        notice = notice.write(posted_version(request), change)
    except Conflict:
        return conflict_review(
            request, notice, language, {f"text:{path}": value for path, (value, _k) in posted.items()}
        )
    messages.success(request, _("Saved. The notice is composed with your words."))
    return go(request, step_url(notice, "review") + f"?language={language}")


def needs_call(answers):
    """C2: the original deadline is within two days or passed: call first, then write."""
    return answers is not None and (answers.commitment.original_deadline - answers.notice_date).days <= 2


@login_required
@require_POST
def save_edit(request, pk):
    notice = get_notice(request, pk)
    if not notice.is_draft:
        return no_longer_a_draft(request, notice)
    form = EditForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return go(request, step_url(notice, "review"))
    language = form.cleaned_data["language"]
    action = request.POST.get("action", "save")
    done = {
        "recompose": (messages.info, _("Your edit was set aside; the notice is composed from your answers again.")),
        "keep": (messages.info, _("Your edit is kept.")),
        "save": (messages.success, _("Your wording is saved for this language.")),
    }
    if action not in done:
        action = "save"

    def change(notice):
        _answers, composed, _letter, _problems = letter_for(notice, language)
        edits = dict(notice.edits)
        if action == "recompose":
            edits.pop(language, None)
        elif action == "keep":
            if language in edits and composed:
                edits[language] = edits[language] | {"base": fingerprint(composed)}
        elif composed:
            edits[language] = make_edit(composed, form.cleaned_data["text"])
        notice.edits = edits

    try:
        notice = notice.write(posted_version(request), change)
    except Conflict:
        kept = {"text": form.cleaned_data["text"]} if action == "save" else {}
        return conflict_review(request, notice, language, kept)
    report, message = done[action]
    report(request, message)
    return go(request, step_url(notice, "review") + f"?language={language}")


@login_required
@require_POST
def finalise(request, pk):
    """Freeze the draft as the user last saw it: a draft changed since then is shown again, not finalised."""
    notice = get_notice(request, pk)
    if not notice.is_draft:
        messages.info(request, _("This notice is already final."))
        return redirect("notice", pk=notice.pk)
    answers, composed, letter, problems = letter_for(notice)
    if problems:
        messages.error(request, _("Some answers are missing: fill in every step first."))
        return redirect(step_url(notice, "review"))
    if is_stale(composed, notice.edits.get(notice.language)):
        messages.error(request, _("Your answers changed after you edited the text: keep your edit or recompose first."))
        return redirect(step_url(notice, "review"))
    if request.POST.get("confirm") != "1":
        return confirm_finalise(request, notice, answers, letter)

    def change(notice):
        notice.frozen = {"case": notice.case(), "edits": notice.edits}
        notice.status = Notice.Status.FINAL
        notice.finalised = timezone.now()

    try:
        with transaction.atomic():
            notice = notice.write(posted_version(request), change)
            if notice.letter_type == "delay":
                answers = parse_case(notice.frozen["case"], language=notice.language)
                ProgressUpdate.objects.bulk_create(
                    [ProgressUpdate(notice=notice, date=d) for d in update_dates(answers)]
                )
    except Conflict:
        if not get_notice(request, pk).is_draft:
            messages.info(request, _("This notice is already final."))
            return redirect("notice", pk=notice.pk)
        messages.error(request, CONFLICT)
        return redirect(step_url(notice, "review"))
    messages.success(request, _("The notice is final. Download it or send it below."))
    return redirect("notice", pk=notice.pk)


def confirm_finalise(request, notice, answers, letter):
    """Before a notice is frozen: what the coach still finds wrong, each with its fix, and "Finalise anyway"."""
    if posted_version(request) != notice.version:
        messages.error(request, CONFLICT)
        return redirect(step_url(notice, "review"))
    findings = check(answers, letter) if answers.letter_type == "delay" else []
    context = {
        "notice": notice,
        "letter": letter,
        "findings": [f for f in findings if f.status != "ok"],
        "failing": any(f.status == "missing" for f in findings),
    }
    return render(request, "composer/finalise_confirm.html", context)
