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
        "title": {"en": "Project Manager", "zh-hans": "项目经理", "vi": "Quản lý dự án"},
        "organization": "Northwind Studio Ltd",
        "email": "emily@northwind.example",
        "phone": "+1 555 0100",
        "city": "Boston",
        "address": "12 Harbor Street\nBoston, MA 02110",
    },
    "recipient": {
        "name": "Laura Collins",
        "title": {"en": "Marketing Director", "zh-hans": "市场总监", "vi": "Giám đốc Marketing"},
        "honorific": "ms",
        "organization": "Bluebird Retail Inc.",
        "email": "laura@bluebird.example",
        "country": "US",
    },
    "commitment": {
        "title": {"en": "Spring campaign website", "zh-hans": "春季促销网站", "vi": "Website chiến dịch mùa xuân"},
        "reference": "SOW-118",
        "original_deadline": "2026-12-15",
        "needed_for": {
            "en": "the spring sale launch",
            "zh-hans": "春季促销上线",
            "vi": "đợt ra mắt khuyến mãi mùa xuân",
        },
    },
    "cause": {
        "category": "third_party",
        "responsibility": "shared",
        "explanation": {
            "en": "The payment provider changed its API on December 1.",
            "zh-hans": "支付服务商在12月1日更改了接口。",
            "vi": "Nhà cung cấp cổng thanh toán đã thay đổi API vào ngày 01/12.",
        },
    },
    "plan": {
        "new_deadline": "2027-01-12",
        "milestones": [
            {
                "date": "2026-12-23",
                "description": {
                    "en": "New payment API integrated",
                    "zh-hans": "完成新支付接口的对接",
                    "vi": "Tích hợp xong API thanh toán mới",
                },
            }
        ],
        "measures": {
            "en": "Automated tests now cover the payment integration.",
            "zh-hans": "我们已为支付对接加上自动化测试。",
            "vi": "Chúng tôi đã bổ sung kiểm thử tự động cho phần tích hợp thanh toán.",
        },
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
    "sender": {
        "name": "Nguyễn Văn Nam",
        "title": {"vi": "Giám đốc", "zh-hans": "总经理", "en": "Director"},
        "organization": "Công ty TNHH Sao Mai",
        "city": "Hà Nội",
    },
    "recipient": {
        "name": "Lê Thị Hoa",
        "honorific": "ms",
        "organization": "Công ty Cổ phần Minh Long",
        "country": "VN",
    },
    "commitment": {
        "title": {"vi": "Hóa đơn số 0001234", "zh-hans": "0001234号发票", "en": "Invoice 0001234"},
        "original_deadline": "2027-03-05",
        "amount": {"value": "25000000", "currency": "VND"},
    },
    "cause": {"category": "third_party", "responsibility": "ours", "explanation": ""},
    "plan": {
        "new_deadline": "2027-04-09",
        "measures": {
            "vi": "Chúng tôi đã lập quỹ dự phòng cho các khoản phải trả.",
            "zh-hans": "我们已设立应付款项的备用资金。",
            "en": "We have set up a reserve fund for payables.",
        },
    },
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


def answers(base=DELIVERABLE, language=None, **changes):
    return parse_case(case(base, **changes), language=language, today=dt.date(2026, 12, 8))
