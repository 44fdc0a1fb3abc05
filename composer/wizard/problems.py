"""What the review says about a problem in the answers: in plain words, with a link to where it is fixed."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SENDER_FIELDS = {
    "name": ("id_name", gettext_lazy("your name")),
    "organization": ("id_organization", gettext_lazy("your organisation")),
    "title": ("id_title", gettext_lazy("your job title")),
    "email": ("id_email", gettext_lazy("your email")),
    "phone": ("id_phone", gettext_lazy("your phone")),
    "address": ("id_address", gettext_lazy("your address")),
    "city": ("id_city", gettext_lazy("your city")),
}
RECIPIENT_FIELDS = {
    "organization": ("id_name", gettext_lazy("the client's name")),
    "title": ("id_contact_title", gettext_lazy("the contact's title")),
    "email": ("id_email", gettext_lazy("the client's email")),
    "address": ("id_address", gettext_lazy("the client's address")),
    "country": ("id_country", gettext_lazy("the client's country")),
    "honorific": ("id_honorific", gettext_lazy("the form of address")),
}
# The wizard step that asks for the answers under each top-level key of the case.
STEP_OF = {
    "kind": "commitment",
    "subkind": "commitment",
    "commitment": "commitment",
    "cause": "cause",
    "plan": "plan",
    "remedies": "remedies",
    "language": "style",
    "tone": "style",
    "channel": "style",
    "letter": "style",
    "voice": "style",
    "address_as": "style",
}


def describe(notice, problem):
    """{"url", "label", "message"}: where `problem` (from parse_case) is fixed, and what to do, for the review."""
    head, _dot, rest = problem.path.partition(".")
    field = rest.split(".", 1)[0].split("[", 1)[0]
    if head == "sender":
        anchor, label = SENDER_FIELDS.get(field, ("", _("your profile")))
        if field == "name":
            message = _("Add the name that signs your notices (or your organisation's) to your profile.")
        elif field == "email":
            message = _("The email address in your profile is not valid: correct it so the reader can answer.")
        else:
            message = _("Check %(field)s in your profile: it %(problem)s") % {
                "field": label,
                "problem": problem.message,
            }
        url = reverse("profile") + (f"#{anchor}" if anchor else "")
        return {"url": url, "link": _("Open your profile"), "message": message}
    if head == "recipient":
        if notice.client_id is None:
            return {
                "url": reverse("step", args=[notice.pk, "commitment"]) + "#id_client",
                "link": _("Pick a client"),
                "message": _("Pick the client this notice goes to."),
            }
        if field == "name":
            anchor = "id_contact_person" if notice.client.contact_person else "id_name"
            label = _("the client's name")
        else:
            anchor, label = RECIPIENT_FIELDS.get(field, ("", _("the client")))
        message = _("Check %(field)s on the client's page: it %(problem)s") % {
            "field": label,
            "problem": problem.message,
        }
        url = reverse("client_edit", args=[notice.client_id])
        return {"url": url + (f"#{anchor}" if anchor else ""), "link": _("Edit the client"), "message": message}
    from composer.wizard.forms import STEPS

    step = STEP_OF.get(head)
    answer = problem.path.replace("_", " ").replace(".", " ") if head else ""
    return {
        "url": reverse("step", args=[notice.pk, step]) if step else "",
        "link": next((label for name, label, _form in STEPS if name == step), ""),
        "message": f"{answer} {problem.message}".strip(),
    }
