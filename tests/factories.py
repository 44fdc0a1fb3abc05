"""Plain helpers that make users, clients and notices for the view tests."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from composer.models import Client, Notice, Profile

PASSWORD = "a sturdy test password 42"


def make_user(username="owner", **profile):
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    Profile.objects.create(
        user=user,
        **{"name": "Emily Carter", "organization": "Northwind Studio Ltd", "email": "emily@northwind.example"}
        | profile,
    )
    return user


def make_client(owner, **kw):
    data = {
        "name": "Bluebird Retail Inc.",
        "contact_person": "Laura Collins",
        "honorific": "ms",
        "email": "laura@bluebird.example",
        "country": "US",
        "language": "en",
    }
    return Client.objects.create(owner=owner, **(data | kw))


def day(n):
    return (timezone.localdate() + dt.timedelta(days=n)).isoformat()


def weekday(n):
    """Today + n days, moved forward to a Tuesday–Thursday so no weekend warning appears."""
    d = timezone.localdate() + dt.timedelta(days=n)
    while d.weekday() not in (1, 2, 3):
        d += dt.timedelta(days=1)
    return d.isoformat()


def complete_answers(**changes):
    answers = {
        "kind": "deliverable",
        "subkind": "project",
        "commitment": {
            "title": {"en": "Spring campaign website", "zh-hans": "春季促销网站", "vi": "Website khuyến mãi mùa xuân"},
            "reference": "SOW-118",
            "original_deadline": day(10),
            "needed_for": {"en": "the spring sale", "zh-hans": "春季促销", "vi": "đợt khuyến mãi mùa xuân"},
        },
        "cause": {
            "category": "technical",
            "responsibility": "ours",
            "explanation": {
                "en": "A database migration failed.",
                "zh-hans": "一次数据库迁移失败了。",
                "vi": "Một lần chuyển đổi cơ sở dữ liệu bị lỗi.",
            },
        },
        "plan": {
            "new_deadline": weekday(40),
            "milestones": [
                {
                    "date": weekday(20),
                    "description": {
                        "en": "Migration rerun",
                        "zh-hans": "重新完成数据迁移",
                        "vi": "Chạy lại việc chuyển đổi dữ liệu",
                    },
                }
            ],
            "measures": {
                "en": "We now rehearse migrations on a copy first.",
                "zh-hans": "今后我们会先在副本上演练每次迁移。",
                "vi": "Từ nay chúng tôi chạy thử mỗi lần chuyển đổi trên bản sao trước.",
            },
            "updates": {"cadence": "weekly", "weekday": 2},
        },
        "remedies": [{"kind": "discount", "percent": "10"}],
        "tone": "formal",
        "channel": "email",
        "letter": {"en_variant": "US"},
    }
    return answers | changes


def make_notice(owner, client=None, step=6, **kw):
    client = client or make_client(owner)
    data = {
        "language": client.language,
        "answers": complete_answers(),
        "step": step,
        "title": "Spring campaign website",
    }
    return Notice.objects.create(owner=owner, client=client, **(data | kw))


def finalise(notice):
    notice.frozen = {"case": notice.case(), "edits": notice.edits}
    notice.status = Notice.Status.FINAL
    notice.finalised = timezone.now()
    notice.save()
    return notice


def version(notice):
    """The draft version a page shown now would post back (the wizard's compare-and-swap)."""
    return {"version": Notice.objects.get(pk=notice.pk).version}
