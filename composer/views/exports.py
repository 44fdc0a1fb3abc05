"""Downloads of a notice, its preview, and sending it by email."""

import hashlib
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import get_conditional_response
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override

from composer.exports import CONTENT_TYPES, FORMAT_CHANNEL, RENDERERS, UncoveredCharacters, render_format, stored
from composer.exports.html import render_preview
from composer.exports.text import plain_text
from composer.models import Client, Notice

from .common import chosen_language, chosen_style, get_notice, letter_for, unreadable
from .library import TRANSITIONS, LogForm
from .sending import SentMyselfForm, status_context
from .wizard import needs_call

EXTENSIONS = {"html": "html", "txt": "txt", "eml": "eml", "pdf": "pdf", "chat": "txt"}
MAILTO_LIMIT = 1800


def _letter_or_404(notice, language=None, fmt=None):
    overrides = {"channel": FORMAT_CHANNEL[fmt]} if fmt in FORMAT_CHANNEL else None
    _answers, _composed, letter, problems = letter_for(notice, language, overrides)
    if letter is None:
        raise Http404("The notice is not complete yet.")
    return letter


def filename(notice, fmt, language):
    stem = slugify(str(notice), allow_unicode=True)[:60] or f"notice-{notice.pk}"
    suffix = "-chat" if fmt == "chat" else ""
    return f"{stem}-{language}{suffix}.{EXTENSIONS[fmt]}"


@login_required
def download(request, pk, fmt):
    """A notice in one format: a final notice's file is rendered once and then served from storage.

    Every download carries an ETag (a final notice's is known before anything is read) and
    answers a matching If-None-Match with 304.
    """
    if fmt not in RENDERERS:
        raise Http404
    # A stored file is served without reading the notice's answers; they are read only to render.
    notice = get_object_or_404(Notice.objects.for_user(request.user).defer(*Notice.HEAVY), pk=pk)
    language = chosen_language(request.GET) or notice.language
    tag = stored.etag(notice, fmt, language)
    if tag:
        not_modified = get_conditional_response(request, etag=f'"{tag}"')
        if not_modified is not None:
            return cached(not_modified, tag)
        file = stored.open_stored(notice, fmt, language)
        if file is not None:
            return attachment(StoredFile(file, content_type=CONTENT_TYPES[fmt]), notice, fmt, language, tag)
    notice = get_notice(request, pk)
    letter = _letter_or_404(notice, language, fmt)
    try:
        data = render_format(fmt, letter, notice.is_draft)
    except UncoveredCharacters as error:
        messages.error(request, str(error))
        return (
            redirect("notice", pk=notice.pk) if not notice.is_draft else redirect("step", pk=notice.pk, name="review")
        )
    if tag:
        stored.keep(notice, fmt, language, data)
    else:
        tag = "d-" + hashlib.sha256(data).hexdigest()[:38]
        not_modified = get_conditional_response(request, etag=f'"{tag}"')
        if not_modified is not None:
            return cached(not_modified, tag)
    return attachment(HttpResponse(data, content_type=CONTENT_TYPES[fmt]), notice, fmt, letter.language, tag)


class StoredFile(FileResponse):
    """A stored download, read in large blocks where the server cannot send the file itself."""

    block_size = 1 << 16


def cached(response, tag):
    """Caches keep a download but ask each time whether it is still the same (its ETag): a 304 when it is."""
    response["ETag"] = f'"{tag}"'
    response["Cache-Control"] = "private, no-cache"
    return response


def attachment(response, notice, fmt, language, tag):
    name = filename(notice, fmt, language)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return cached(response, tag)


@login_required
@csp_override(
    {
        "default-src": ["'none'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "font-src": ["'self'"],
        "img-src": ["data:"],
        "frame-ancestors": ["'self'"],
    }
)
def preview(request, pk):
    """The standalone letter page, shown in the review step's frame (no scripts; its own inline style)."""
    notice = get_notice(request, pk)
    _answers, _composed, letter, _problems = letter_for(notice, chosen_language(request.GET), chosen_style(request.GET))
    if letter is None:
        raise Http404
    response = HttpResponse(render_preview(letter), content_type=CONTENT_TYPES["html"])
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@login_required
def notice_page(request, pk):
    notice = get_notice(request, pk)
    if notice.is_draft:
        return redirect("step", pk=notice.pk, name=("review" if notice.step >= 6 else "commitment"))
    answers, _composed, letter, problems = letter_for(notice)
    if letter is None:
        context = {"notice": notice, "message": unreadable(), "problems": problems}
        return render(request, "composer/notice_unreadable.html", context)
    notice.schedule_updates(answers)
    text = plain_text(letter)
    body = text.split("\n\n", 1)[1]
    mailto = f"mailto:{quote(letter.recipient.email)}?subject={quote(letter.subject)}&body={quote(body)}"
    context = {
        "notice": notice,
        "letter": letter,
        "email_text": text,
        "mailto": mailto
        if len(mailto) <= MAILTO_LIMIT
        else f"mailto:{quote(letter.recipient.email)}?subject={quote(letter.subject)}",
        "mailto_full": len(mailto) <= MAILTO_LIMIT,
        "formats": [
            ("pdf", _("PDF letter")),
            ("eml", _("Email draft (.eml)")),
            ("txt", _("Email text")),
            ("html", _("Web page")),
            ("chat", _("Chat message")),
        ],
        "call_script": needs_call(answers),
        "answers": answers,
        "log": notice.log.all(),
        "updates": notice.updates.select_related("followup").only(
            "id", "date", "state", "followup__id", "followup__status"
        ),
        "followups": notice.followups.for_user(request.user).only("id", "title", "letter_type", "status"),
        "log_form": LogForm(),
        "clients": Client.objects.for_user(request.user).only("id", "name"),
        "revisions": notice.revisions.for_user(request.user).only("id", "revision", "status"),
        "transitions": [action for action, (allowed, _t) in TRANSITIONS.items() if notice.status in allowed],
        "sent_myself_form": SentMyselfForm(notice=notice),
        **status_context(notice),
    }
    return render(request, "composer/notice.html", context)
