"""The coach: checks a notice against rules C1–C10 of the guidance.

`check(answers, letter)` reads the answers and the composed (or user-edited)
text and returns one `Finding` per applicable rule, with a message in the
active interface language and the wizard step that fixes it.
"""

import re
from dataclasses import dataclass

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from .languages import NAMES as LANGUAGE_NAMES
from .languages import looks_like
from .letters.formats import prose_date
from .letters.schedule import day_warnings

OK, WARNING, MISSING = "ok", "warning", "missing"
STEPS = ("commitment", "cause", "plan", "remedies", "style", "review")

# Length bounds: Chinese in characters, Vietnamese and English in words
# (a Vietnamese "word" here is a syllable, hence the higher bound).
EXPLANATION_LIMIT = {"zh-hans": 100, "vi": 90, "en": 60}
# A plan that runs longer than this with nothing dated in between leaves the reader waiting in the dark.
UNDATED_DAYS = 14
BODY_LIMIT = {"zh-hans": 800, "vi": 480, "en": 350}

APOLOGY = {
    "zh-hans": ("歉", "对不起", "抱歉", "不好意思"),
    "vi": ("xin lỗi", "lấy làm tiếc", "rất tiếc", "mong", "thông cảm"),
    "en": ("apologi", "apologies", "sorry", "regret"),
}
INVITE = {
    "zh-hans": ("沟通", "联系", "电话", "意见", "商量", "探讨", "回复", "确认", "告诉我", "告知", "随时"),
    "vi": ("trao đổi", "liên hệ", "ý kiến", "gọi", "phản hồi", "xác nhận", "cho tôi biết", "báo", "nhắn"),
    "en": ("discuss", "call", "let me know", "let us know", "your view", "confirm", "hear", "talk", "get in touch"),
}
# Phrases that push the blame away or sound like a legal defence, per language.
BLAME = {
    "zh-hans": (
        "不可抗力",
        "不是我们的错",
        "不是我方的错",
        "责任不在我",
        "并非我方",
        "与我方无关",
        "都怪",
        "怪贵方",
        "由于贵方",
        "因为贵方",
        "你们没有",
        "赔偿",
    ),
    "vi": (
        "bất khả kháng",
        "không phải lỗi của chúng tôi",
        "không phải do chúng tôi",
        "lỗi của quý khách",
        "lỗi của bên",
        "do quý khách",
        "tại quý khách",
        "không chịu trách nhiệm",
        "bồi thường",
    ),
    "en": (
        "force majeure",
        "not our fault",
        "no fault of our own",
        "beyond our control",
        "out of our hands",
        "not responsible",
        "their fault",
        "your fault",
        "because of you",
        "you failed",
        "blame",
        "compensation",
    ),
}


@dataclass(frozen=True)
class Finding:
    rule: str
    status: str
    message: str
    step: str


def measure(text, language):
    """Length of `text`: characters for Chinese, words for Vietnamese and English."""
    if language == "zh-hans":
        return len(re.sub(r"\s", "", text))
    return len(text.split())


def _contains(text, phrases):
    lowered = text.lower()
    return [p for p in phrases if p in lowered]


def blame_phrases(text):
    """Blame-shifting phrases found in `text`, in any of the three languages."""
    found = []
    for phrases in BLAME.values():
        found += _contains(text, phrases)
    return found


def check(answers, letter):
    lang = letter.language
    text = letter.body_text
    findings = []
    add = findings.append
    deadline = answers.commitment.original_deadline
    days_left = (deadline - answers.notice_date).days

    # C1 — tell them early.
    if days_left >= 0:
        add(Finding("C1", OK, _("Early: you are telling them before the original deadline."), "commitment"))
    else:
        add(
            Finding(
                "C1",
                WARNING,
                ngettext(
                    "Late: the original deadline passed %(days)d day ago. The notice apologises for the late notice too.",
                    "Late: the original deadline passed %(days)d days ago. The notice apologises for the late notice too.",
                    -days_left,
                )
                % {"days": -days_left},
                "commitment",
            )
        )

    # C2 — pick the channel by urgency.
    if days_left <= 2:
        add(
            Finding(
                "C2",
                WARNING,
                _("The deadline is within two days or already passed: call them first, then confirm in writing."),
                "style",
            )
        )
    else:
        add(Finding("C2", OK, _("There is time to send this in writing."), "style"))

    # C3 — brief and direct.
    explanation = measure(answers.cause.explanation, lang)
    body = measure(text, lang)
    if explanation > EXPLANATION_LIMIT[lang]:
        add(
            Finding(
                "C3",
                WARNING,
                _(
                    "The explanation is long (%(length)d, aim for at most %(limit)d). Say what happened, not every detail."
                )
                % {"length": explanation, "limit": EXPLANATION_LIMIT[lang]},
                "cause",
            )
        )
    elif body > BODY_LIMIT[lang]:
        add(
            Finding(
                "C3",
                WARNING,
                _(
                    "The notice is long (%(length)d, aim for at most %(limit)d). Shorten the explanation or choose the concise tone."
                )
                % {"length": body, "limit": BODY_LIMIT[lang]},
                "style",
            )
        )
    else:
        add(Finding("C3", OK, _("Brief and direct."), "cause"))

    # P1 — the cause, in the user's words.
    if not answers.cause.explanation:
        add(
            Finding(
                "P1",
                WARNING,
                _("Say in a sentence what happened: without it the notice can only name the kind of cause."),
                "cause",
            )
        )

    # One language: every answer the notice uses reads as the notice's language.
    for path, versions in answers.texts.items():
        answer = versions.get(lang) or versions.get(None)
        found = looks_like(answer, lang) if answer else None
        if found and found != lang and lang == "vi" and found == "en":
            add(
                Finding(
                    "L1",
                    WARNING,
                    _(
                        "“%(text)s” has no Vietnamese diacritics or reads as English: write it in Vietnamese, with its marks."
                    )
                    % {"text": _clip(answer)},
                    _step_of(path),
                )
            )
        elif found and found != lang:
            add(
                Finding(
                    "L1",
                    WARNING,
                    _("“%(text)s” looks like %(found)s, not %(language)s: check it or write it in %(language)s.")
                    % {"text": _clip(answer), "found": LANGUAGE_NAMES[found], "language": LANGUAGE_NAMES[lang]},
                    _step_of(path),
                )
            )

    # C4 — apologise.
    if "apology" in letter.roles or _contains(text, APOLOGY[lang]):
        add(Finding("C4", OK, _("The notice apologises."), "review"))
    else:
        add(Finding("C4", MISSING, _("There is no apology. Say you are sorry, plainly."), "review"))

    # C5 — acknowledge the impact.
    need = answers.commitment.needed_for
    if need and (need in text or "impact" in letter.roles):
        add(Finding("C5", OK, _("The notice names what the delay means for them."), "commitment"))
    elif need:
        add(Finding("C5", WARNING, _("The text no longer mentions what they needed it for."), "review"))
    else:
        add(
            Finding(
                "C5",
                WARNING,
                _(
                    "Say what they were counting on it for (a launch, a meeting, a season): naming the impact shows you understand it."
                ),
                "commitment",
            )
        )

    # C6 — take responsibility; no blame-shifting.
    user_text = " ".join([answers.cause.explanation, answers.plan.measures, text])
    found = blame_phrases(user_text)
    if found:
        add(
            Finding(
                "C6",
                WARNING,
                _("Avoid wording that shifts the blame or sounds like a legal defence: %(phrases)s.")
                % {"phrases": ", ".join(f"“{p}”" for p in dict.fromkeys(found))},
                "cause",
            )
        )
    elif answers.cause.responsibility == "outside":
        add(
            Finding(
                "C6",
                OK,
                _("The cause was outside your control; the notice still takes responsibility for the new schedule."),
                "cause",
            )
        )
    else:
        add(Finding("C6", OK, _("The notice takes responsibility."), "cause"))

    # C7 — a concrete new date, on a working day.
    warnings = day_warnings(answers, _interface_language())
    on_deadline = [w for w in warnings if w.what == "new_deadline"]
    when = prose_date(answers.plan.new_deadline, _interface_language())
    if on_deadline:
        w = on_deadline[0]
        message = (
            _("The new date (%(date)s) is a public holiday there: %(holiday)s. Pick a working day.")
            % {"date": when, "holiday": w.holiday}
            if w.holiday
            else _("The new date (%(date)s) falls on a weekend. Pick a working day.") % {"date": when}
        )
        add(Finding("C7", WARNING, message, "plan"))
    else:
        add(Finding("C7", OK, _("A concrete new date: %(date)s.") % {"date": when}, "plan"))
    milestones = [w for w in warnings if w.what == "milestone"]
    if milestones:
        add(
            Finding(
                "A2",
                WARNING,
                _("These milestones fall on a weekend or a public holiday: %(dates)s.") % {"dates": _days(milestones)},
                "plan",
            )
        )
    moved = [w for w in warnings if w.what == "update_moved"]
    skipped = [w for w in warnings if w.what == "update_skipped"]
    if moved or skipped:
        parts = []
        if moved:
            parts.append(
                _("moved to the working day before: %(dates)s")
                % {"dates": ", ".join(f"{_day(w)} → {prose_date(w.moved_to, _interface_language())}" for w in moved)}
            )
        if skipped:
            parts.append(_("left out, the next update covers them: %(dates)s") % {"dates": _days(skipped)})
        add(
            Finding(
                "A2",
                OK,
                _("Progress updates that fell on a weekend or a public holiday were %(changes)s.")
                % {"changes": "; ".join(parts)},
                "plan",
            )
        )
    if (
        not answers.plan.milestones
        and answers.plan.updates.cadence == "none"
        and (answers.plan.new_deadline - answers.notice_date).days > UNDATED_DAYS
    ):
        add(
            Finding(
                "P2",
                WARNING,
                _(
                    "Nothing is dated between now and the new date: add a milestone or progress updates so they see the work moving."
                ),
                "plan",
            )
        )

    # C8 — show the plan.
    if answers.plan.measures:
        add(Finding("C8", OK, _("The notice says what changes so it does not happen again."), "plan"))
    else:
        add(Finding("C8", MISSING, _("Say what you change so it does not happen again."), "plan"))

    # C9 — offer something (a suggestion, not a rule).
    if answers.remedies:
        add(Finding("C9", OK, _("The notice offers something to make up for the delay."), "remedies"))
    elif answers.kind == "payment":
        add(
            Finding(
                "C9",
                WARNING,
                _("Consider proposing a partial payment now or an instalment plan: it makes a yes easier."),
                "remedies",
            )
        )
    else:
        add(
            Finding(
                "C9",
                WARNING,
                _(
                    "Consider offering something: a discount, free extra work, a partial delivery now or priority handling."
                ),
                "remedies",
            )
        )

    # C10 — stay open: invite their view.
    if "invite" in letter.roles or _contains(text, INVITE[lang]):
        add(Finding("C10", OK, _("The notice invites their view."), "review"))
    else:
        add(Finding("C10", MISSING, _("Invite a reply or a call: end on the way forward."), "review"))
    return findings


def _day(warning):
    when = prose_date(warning.date, _interface_language())
    return f"{when} ({warning.holiday})" if warning.holiday else when


def _days(warnings):
    return ", ".join(_day(w) for w in warnings)


def _clip(text, length=40):
    return text if len(text) <= length else text[: length - 1] + "…"


def _step_of(path):
    """The wizard step that asks for the answer at `path`."""
    head = path.split(".", 1)[0].split("[", 1)[0]
    return {"commitment": "commitment", "cause": "cause", "plan": "plan", "remedies": "remedies"}.get(head, "style")


def _interface_language():
    language = get_language() or "en"
    return language if language in ("zh-hans", "vi", "en") else "en"
