"""Helpers shared by the views: owner-scoped lookups and the composed letter of a notice."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from composer.answers import CHANNELS, LANGUAGES, TONES, CaseError, parse_case
from composer.letters import compose
from composer.letters.edits import apply_edit
from composer.models import Client, Notice


def get_notice(request, pk):
    return get_object_or_404(Notice.objects.for_user(request.user).select_related("client"), pk=pk)


def parse_id(value):
    """A database id written in ASCII digits ("12"), or None for anything else ("abc", "1.0", "²")."""
    value = str(value or "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def get_client(request, pk):
    pk = parse_id(pk)
    if pk is None:
        raise Http404("No such client.")
    return get_object_or_404(Client.objects.for_user(request.user), pk=pk)


def chosen_language(data):
    """The notice language asked for in a query or form, if it is one of ours."""
    return data.get("language") if data.get("language") in LANGUAGES else None


def chosen_style(data):
    """The tone and channel asked for in a query or form, keeping only known values."""
    allowed = {"tone": TONES, "channel": CHANNELS}
    return {key: data[key] for key, values in allowed.items() if data.get(key) in values}


def letter_for(notice, language=None, overrides=None):
    """The notice's letter in `language`, with the user's edit of that language applied.

    Returns (answers, composed letter, letter with edit, problems); the letters are None
    while the answers are incomplete, and `problems` then lists what is missing.
    """
    language = language or notice.language
    data = notice.case(language)
    data.update(overrides or {})
    try:
        answers = parse_case(data, language=language)
    except CaseError as error:
        return None, None, None, error.problems
    composed = compose(answers)
    edits = notice.frozen_edits if notice.frozen else notice.edits
    return answers, composed, apply_edit(composed, edits.get(language)), []


def unreadable():
    """What a final notice shows when the case it was finalised with cannot be composed (stored damaged)."""
    return _(
        "This notice cannot be shown: the answers it was finalised with are missing or damaged. "
        "Revise it to write it again from its answers, or delete it."
    )
