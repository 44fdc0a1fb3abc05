"""The sentences of a notice, each a whole sentence with named placeholders.

Every function is called inside `translation.override(notice language)`; the
catalogs in locale/zh_Hans and locale/vi hold the native wording.
"""

from django.utils.translation import pgettext


def reference(title, ref):
    return pgettext("notice", "%(title)s (ref. %(reference)s)") % {"title": title, "reference": ref}


def subject(kind, **v):
    if kind == "payment":
        return pgettext("notice", "Request for a revised payment date – %(title)s") % v
    return pgettext("notice", "Notice of delay: %(title)s – revised delivery date %(date)s") % v


def title(kind, **v):
    """The centred title of a Chinese 函 / the "V/v" line of a Vietnamese công văn."""
    if kind == "payment":
        return pgettext("notice", "Request to extend the payment date for %(title)s") % v
    return pgettext("notice", "Adjustment of the delivery date for %(title)s") % v


def opening(kind, late, tone, **v):
    table = {
        ("deliverable", False, "formal"): pgettext(
            "notice",
            "I am writing to inform you that we will not be able to deliver %(title)s by the agreed date of %(original)s.",
        ),
        ("deliverable", False, "warm"): pgettext(
            "notice",
            "I wanted to let you know as early as possible that we will not be able to deliver %(title)s by %(original)s, as we had agreed.",
        ),
        ("deliverable", False, "concise"): pgettext(
            "notice", "We will not be able to deliver %(title)s by the agreed date of %(original)s."
        ),
        ("deliverable", True, "formal"): pgettext(
            "notice", "I am writing about %(title)s, which was due on %(original)s and has not yet been delivered."
        ),
        ("deliverable", True, "warm"): pgettext(
            "notice", "%(title)s was due on %(original)s, and I know it has not reached you yet."
        ),
        ("deliverable", True, "concise"): pgettext(
            "notice", "%(title)s, due on %(original)s, has not yet been delivered."
        ),
        ("payment", False, "formal"): pgettext(
            "notice",
            "I am writing about %(title)s for %(amount)s, due on %(original)s: we will not be able to pay it in full by that date.",
        ),
        ("payment", False, "warm"): pgettext(
            "notice",
            "I wanted to let you know ahead of time that we will not be able to pay %(title)s (%(amount)s) in full by %(original)s.",
        ),
        ("payment", False, "concise"): pgettext(
            "notice", "We will not be able to pay %(title)s (%(amount)s) in full by %(original)s."
        ),
        ("payment", True, "formal"): pgettext(
            "notice", "I am writing about %(title)s for %(amount)s, which fell due on %(original)s and remains unpaid."
        ),
        ("payment", True, "warm"): pgettext(
            "notice", "%(title)s for %(amount)s fell due on %(original)s, and I know it is still unpaid."
        ),
        ("payment", True, "concise"): pgettext(
            "notice", "%(title)s for %(amount)s, due on %(original)s, remains unpaid."
        ),
    }
    return table[kind, late, tone] % v


def apology(late, tone):
    table = {
        (False, "formal"): pgettext("notice", "I sincerely apologise for this delay."),
        (False, "warm"): pgettext("notice", "I am truly sorry about this."),
        (False, "concise"): pgettext("notice", "I apologise for the delay."),
        (True, "formal"): pgettext(
            "notice", "I sincerely apologise, both for the delay and for not informing you before the deadline."
        ),
        (True, "warm"): pgettext("notice", "I am truly sorry, both for the delay and for not telling you sooner."),
        (True, "concise"): pgettext("notice", "I apologise for the delay and for this late notice."),
    }
    return table[late, tone]


def impact(kind, need):
    if kind == "payment":
        if need:
            return pgettext(
                "notice",
                "I know you were counting on this payment for %(need)s, and I understand the difficulty this causes you.",
            ) % {"need": need}
        return pgettext(
            "notice", "I understand that a late payment affects your own planning, and we do not take that lightly."
        )
    if need:
        return pgettext(
            "notice", "I know you were counting on it for %(need)s, and I understand how this delay affects your plans."
        ) % {"need": need}
    return pgettext(
        "notice", "I understand that this delay affects your own schedule, and we do not take that lightly."
    )


def cause(kind, category):
    payment = kind == "payment"
    if category == "time_management":
        if payment:
            return pgettext("notice", "The cause lies in our own planning: we did not set aside enough for this date.")
        return pgettext("notice", "The cause lies in our own planning: we underestimated the time the work required.")
    if category == "resources":
        if payment:
            return pgettext("notice", "Our available funds are temporarily short of what this payment requires.")
        return pgettext("notice", "We have not had enough people available to keep to the original schedule.")
    if category == "technical":
        return pgettext("notice", "We ran into a technical problem that took longer to resolve than we had planned.")
    if category == "third_party":
        if payment:
            return pgettext("notice", "A payment we were expecting from one of our own clients has been delayed.")
        return pgettext("notice", "A change made by a third party we rely on required additional work on our side.")
    if category == "supplier":
        if payment:
            return pgettext(
                "notice", "Delays with one of our suppliers have held up our own work, and with it our income."
            )
        return pgettext("notice", "One of our suppliers delivered later than agreed, which held up our own schedule.")
    if category == "recipient_dependency" and payment:
        return pgettext(
            "notice",
            "The payment depends on a step on your side, and we should have raised the timing with you sooner.",
        )
    if category == "scope_change" and payment:
        return pgettext("notice", "The amount and timing of this payment changed with the scope of the work.")
    if category == "recipient_dependency":
        return pgettext(
            "notice",
            "Part of the work depended on input from your side, and we should have raised the timing with you sooner.",
        )
    if category == "scope_change":
        return pgettext(
            "notice",
            "The scope of the work has grown since the original date was set, and that date no longer allows for it.",
        )
    if category == "illness":
        if payment:
            return pgettext("notice", "An illness has reduced our income for this period.")
        return pgettext("notice", "Illness in our team has slowed the work.")
    if category == "external_event":
        if payment:
            return pgettext("notice", "An unexpected event has affected our finances.")
        return pgettext("notice", "An unexpected event has disrupted our work.")
    return ""


def responsibility(who):
    if who == "ours":
        return pgettext("notice", "The responsibility for this is ours.")
    if who == "shared":
        return pgettext(
            "notice",
            "Part of this was outside our control, but we take full responsibility for our share and for keeping you informed.",
        )
    return pgettext(
        "notice",
        "Although the cause was outside our control, it is our job to plan for such risks, and we take responsibility for the new schedule.",
    )


def new_date(kind, tone, **v):
    table = {
        ("deliverable", "formal"): pgettext(
            "notice", "The new delivery date is %(date)s, and we are committed to meeting it."
        ),
        ("deliverable", "warm"): pgettext("notice", "We will have everything ready for you by %(date)s."),
        ("deliverable", "concise"): pgettext("notice", "The new delivery date is %(date)s."),
        ("payment", "formal"): pgettext(
            "notice", "We respectfully ask you to agree to a new payment date of %(date)s."
        ),
        ("payment", "warm"): pgettext("notice", "We would be very grateful if you could allow us until %(date)s."),
        ("payment", "concise"): pgettext("notice", "We ask for an extension until %(date)s."),
    }
    return table[kind, tone] % v


def milestones_intro():
    return pgettext("notice", "We have set these intermediate milestones:")


def dated_item(date, text):
    return pgettext("notice", "%(date)s: %(description)s") % {"date": date, "description": text}


def measures(text):
    return pgettext(
        "notice", "To make sure this does not happen again, we have taken the following step: %(measures)s"
    ) % {"measures": text}


def updates(kind, cadence, **v):
    """v: weekday, days, dates (joined), first, last, listed (all dates fit in the sentence)."""
    listed = v.pop("listed")
    key = "daily" if cadence == "every_n_days" and v["days"] == 1 else cadence
    if kind == "payment":
        table = {
            ("weekly", True): pgettext(
                "notice", "Until then, we will keep you informed of our progress every %(weekday)s (%(dates)s)."
            ),
            ("weekly", False): pgettext(
                "notice",
                "Until then, we will keep you informed of our progress every %(weekday)s, from %(first)s to %(last)s.",
            ),
            ("daily", True): pgettext(
                "notice", "Until then, we will keep you informed of our progress every day (%(dates)s)."
            ),
            ("daily", False): pgettext(
                "notice", "Until then, we will keep you informed of our progress every day, from %(first)s to %(last)s."
            ),
            ("every_n_days", True): pgettext(
                "notice", "Until then, we will keep you informed of our progress every %(days)d days (%(dates)s)."
            ),
            ("every_n_days", False): pgettext(
                "notice",
                "Until then, we will keep you informed of our progress every %(days)d days, from %(first)s to %(last)s.",
            ),
        }
    else:
        table = {
            ("weekly", True): pgettext(
                "notice", "Until the new date, we will send you a short progress report every %(weekday)s (%(dates)s)."
            ),
            ("weekly", False): pgettext(
                "notice",
                "Until the new date, we will send you a short progress report every %(weekday)s, from %(first)s to %(last)s.",
            ),
            ("daily", True): pgettext(
                "notice", "Until the new date, we will send you a short progress report every day (%(dates)s)."
            ),
            ("daily", False): pgettext(
                "notice",
                "Until the new date, we will send you a short progress report every day, from %(first)s to %(last)s.",
            ),
            ("every_n_days", True): pgettext(
                "notice",
                "Until the new date, we will send you a short progress report every %(days)d days (%(dates)s).",
            ),
            ("every_n_days", False): pgettext(
                "notice",
                "Until the new date, we will send you a short progress report every %(days)d days, from %(first)s to %(last)s.",
            ),
        }
    return table[key, listed] % v


def remedies_intro(kind, tone):
    if kind == "payment":
        if tone == "concise":
            return pgettext("notice", "We propose:")
        return pgettext("notice", "To show our commitment to settling this, we propose:")
    if tone == "formal":
        return pgettext("notice", "As a gesture of goodwill, we would like to offer you the following:")
    if tone == "warm":
        return pgettext("notice", "To make up for the inconvenience, we would like to offer you:")
    return pgettext("notice", "We offer:")


def remedy(kind, **v):
    if kind == "discount":
        return pgettext("notice", "a discount of %(percent)s on %(title)s") % v
    if kind == "free_extra":
        return pgettext("notice", "free of charge: %(description)s") % v
    if kind == "partial_delivery":
        return pgettext("notice", "a partial delivery by %(date)s: %(description)s") % v
    if kind == "priority":
        return pgettext("notice", "priority handling: %(description)s") % v
    if kind == "partial_payment":
        return pgettext("notice", "a partial payment of %(amount)s by %(date)s") % v
    if kind == "instalments":
        if v["count"] == 1:
            return pgettext("notice", "the balance in a single payment: %(schedule)s") % v
        return pgettext("notice", "the balance in %(count)d instalments: %(schedule)s") % v
    if kind == "late_fee_accepted":
        if "amount" in v:
            return pgettext("notice", "we accept the late fee of %(amount)s") % v
        return pgettext("notice", "we accept a late fee of %(percent)s of the amount due") % v
    if kind == "guarantee":
        return pgettext("notice", "as a guarantee: %(description)s") % v
    raise ValueError(kind)


def instalment(amount, date):
    return pgettext("notice", "%(amount)s on %(date)s") % {"amount": amount, "date": date}


def invite(kind, tone):
    table = {
        ("deliverable", "formal"): pgettext(
            "notice",
            "If you would like to discuss the new schedule, I would be glad to arrange a call at a time that suits you, and I welcome your view on the plan.",
        ),
        ("deliverable", "warm"): pgettext(
            "notice",
            "I would really like to hear what you think, and I am happy to talk it through by phone whenever suits you.",
        ),
        ("deliverable", "concise"): pgettext("notice", "Please let me know if you would like to discuss it."),
        ("payment", "formal"): pgettext(
            "notice",
            "I would be grateful for your confirmation that this arrangement is acceptable, and I am glad to discuss any adjustment you would prefer.",
        ),
        ("payment", "warm"): pgettext(
            "notice",
            "Please let me know what you think; I am happy to talk about any arrangement that works better for you.",
        ),
        ("payment", "concise"): pgettext("notice", "Please confirm whether this works for you."),
    }
    return table[kind, tone]


def thanks(kind, tone):
    if kind == "payment":
        return pgettext("notice", "Thank you for considering this request.")
    if tone == "warm":
        return pgettext("notice", "Thank you so much for your patience and understanding.")
    return pgettext("notice", "Thank you for your understanding and patience.")


def salutation(name):
    if name:
        return pgettext("notice", "Dear %(name)s,") % {"name": name}
    return pgettext("notice", "Dear Sir or Madam,")


def closing(channel, tone, variant, has_name):
    if channel == "letter":
        if variant == "GB":
            return pgettext("notice", "Yours sincerely,") if has_name else pgettext("notice", "Yours faithfully,")
        return pgettext("notice", "Sincerely,")
    if tone == "warm":
        return pgettext("notice", "Warm regards,")
    return pgettext("notice", "Kind regards,")


def subject_label():
    return pgettext("notice", "Subject:")


def phone(number):
    return pgettext("notice", "Tel.: %(phone)s") % {"phone": number}


def email(address):
    return pgettext("notice", "Email: %(email)s") % {"email": address}


def chat_greeting(name):
    if name:
        return pgettext("notice", "Hello %(name)s,") % {"name": name}
    return pgettext("notice", "Hello,")


def chat_core(kind, late, **v):
    if kind == "payment" and late:
        return (
            pgettext(
                "notice",
                "I am sorry: %(title)s (%(amount)s), due on %(original)s, is still unpaid. Could you allow us until %(date)s?",
            )
            % v
        )
    if kind == "payment":
        return (
            pgettext(
                "notice",
                "I am sorry, but we cannot pay %(title)s (%(amount)s) in full by %(original)s. Could you allow us until %(date)s?",
            )
            % v
        )
    if late:
        return pgettext("notice", "I am sorry: %(title)s, due on %(original)s, is late. The new date is %(date)s.") % v
    return (
        pgettext(
            "notice",
            "I am sorry to tell you that %(title)s will not be ready by %(original)s as agreed. The new date is %(date)s.",
        )
        % v
    )


def chat_offer(kind, offers):
    if kind == "payment":
        return pgettext("notice", "We propose %(offers)s.") % {"offers": offers}
    return pgettext("notice", "To make up for it, we offer %(offers)s.") % {"offers": offers}


def chat_invite(channel_has_email):
    if channel_has_email:
        return pgettext("notice", "I will send the details by email; I am happy to call if that helps.")
    return pgettext("notice", "I am happy to call if that helps.")


# Follow-up letters: a progress update (A2) and a completion notice (A4).


def followup_subject(letter_type, kind, **v):
    if letter_type == "progress":
        return pgettext("notice", "Progress update: %(title)s – on track for %(date)s") % v
    if kind == "payment":
        return pgettext("notice", "Payment made: %(title)s") % v
    return pgettext("notice", "Delivered: %(title)s") % v


def followup_title(letter_type, **v):
    if letter_type == "progress":
        return pgettext("notice", "Progress report on %(title)s") % v
    return pgettext("notice", "Completion of %(title)s") % v


def progress_opening(kind, **v):
    if kind == "payment":
        return (
            pgettext("notice", "As promised, here is an update on %(title)s: we remain on track to pay by %(date)s.")
            % v
        )
    return (
        pgettext("notice", "As promised, here is an update on %(title)s: we remain on track to deliver by %(date)s.")
        % v
    )


def progress_done():
    return pgettext("notice", "Done so far:")


def progress_next():
    return pgettext("notice", "Next steps:")


def progress_invite():
    return pgettext("notice", "If you have any questions about the progress, I am happy to talk them through.")


def progress_thanks():
    return pgettext("notice", "Thank you for your continued patience.")


def completion_opening(kind, **v):
    if kind == "payment":
        return (
            pgettext("notice", "I am pleased to confirm that %(title)s (%(amount)s) was paid in full on %(today)s.") % v
        )
    return pgettext("notice", "I am pleased to let you know that %(title)s was delivered on %(today)s.") % v


def completion_thanks():
    return pgettext("notice", "Thank you for your patience and understanding while we worked to the new date.")


def completion_measures(text):
    return pgettext("notice", "The change we made along the way stays in place: %(measures)s") % {"measures": text}


def completion_relationship(kind):
    if kind == "payment":
        return pgettext(
            "notice", "We value your trust and flexibility, and we look forward to continuing our work together."
        )
    return pgettext("notice", "We value working with you, and we look forward to the next project together.")


def completion_invite():
    return pgettext("notice", "Please let me know if anything needs adjusting.")
