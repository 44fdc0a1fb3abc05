"""Plain case builders for the tests: a deliverable and a payment, overridable by dotted path."""

import copy
import datetime as dt

from composer.answers import parse_case

DELIVERABLE = {
    "language": "en",
    "kind": "deliverable",
    "subkind": "project",
    "sender": {
        "name": "Emily Carter",
        "title": "Project Manager",
        "organization": "Northwind Studio Ltd",
        "email": "emily@northwind.example",
        "phone": "+1 555 0100",
        "city": "Boston",
        "address": "12 Harbor Street\nBoston, MA 02110",
    },
    "recipient": {
        "name": "Laura Collins",
        "title": "Marketing Director",
        "honorific": "ms",
        "organization": "Bluebird Retail Inc.",
        "email": "laura@bluebird.example",
        "country": "US",
    },
    "commitment": {
        "title": "Spring campaign website",
        "reference": "SOW-118",
        "original_deadline": "2026-12-15",
        "needed_for": "the spring sale launch",
    },
    "cause": {
        "category": "third_party",
        "responsibility": "shared",
        "explanation": "The payment provider changed its API on December 1.",
    },
    "plan": {
        "new_deadline": "2027-01-12",
        "milestones": [{"date": "2026-12-23", "description": "New payment API integrated"}],
        "measures": "Automated tests now cover the payment integration.",
        "updates": {"cadence": "weekly", "weekday": 4},
    },
    "remedies": [{"kind": "discount", "percent": 10}],
    "tone": "formal",
    "channel": "letter",
    "notice_date": "2026-12-08",
}

PAYMENT = {
    "language": "vi",
    "kind": "payment",
    "subkind": "invoice",
    "sender": {"name": "Nguyễn Văn Nam", "title": "Giám đốc", "organization": "Công ty TNHH Sao Mai", "city": "Hà Nội"},
    "recipient": {
        "name": "Lê Thị Hoa",
        "honorific": "ms",
        "organization": "Công ty Cổ phần Minh Long",
        "country": "VN",
    },
    "commitment": {
        "title": "Hóa đơn số 0001234",
        "original_deadline": "2027-03-05",
        "amount": {"value": "25000000", "currency": "VND"},
    },
    "cause": {"category": "third_party", "responsibility": "ours", "explanation": ""},
    "plan": {"new_deadline": "2027-04-09", "measures": "Chúng tôi đã lập quỹ dự phòng cho các khoản phải trả."},
    "remedies": [
        {"kind": "partial_payment", "amount": "10000000", "date": "2027-03-05"},
        {
            "kind": "instalments",
            "schedule": [{"date": "2027-03-26", "amount": "7500000"}, {"date": "2027-04-09", "amount": "7500000"}],
        },
    ],
    "tone": "formal",
    "channel": "email",
    "notice_date": "2027-02-26",
}


def case(base=DELIVERABLE, **changes):
    """A copy of `base` with changes given as dotted paths: case(**{"plan.new_deadline": "2027-02-01"})."""
    data = copy.deepcopy(base)
    for path, value in changes.items():
        target = data
        *parents, last = path.split(".")
        for key in parents:
            target = target[key]
        if value is None:
            target.pop(last, None)
        else:
            target[last] = value
    return data


def answers(base=DELIVERABLE, **changes):
    return parse_case(case(base, **changes), today=dt.date(2026, 12, 8))
