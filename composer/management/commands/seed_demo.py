"""Create the demo account with a sender profile, clients and notices in all three languages."""

import copy

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from composer.models import Client, Notice, Profile

USERNAME = "demo"
PASSWORD = "delaynote-demo"

CLIENTS = [
    {
        "name": "华远贸易有限公司",
        "contact_person": "王芳",
        "contact_title": "采购经理",
        "honorific": "ms",
        "email": "wangfang@huayuan.example",
        "country": "CN",
        "language": "zh-hans",
        "address": "上海市浦东新区世纪大道100号",
    },
    {
        "name": "Công ty Cổ phần Thương mại An Phát",
        "contact_person": "Trần Thu Hà",
        "contact_title": "Giám đốc Kinh doanh",
        "honorific": "ms",
        "email": "ha@anphat.example",
        "country": "VN",
        "language": "vi",
        "address": "25 Nguyễn Huệ, Quận 1, TP. Hồ Chí Minh",
    },
    {
        "name": "Bluebird Retail Inc.",
        "contact_person": "Laura Collins",
        "contact_title": "Marketing Director",
        "honorific": "ms",
        "email": "laura@bluebird.example",
        "country": "US",
        "language": "en",
        "address": "400 Market Street\nSan Francisco, CA 94105",
    },
]


def days(n):
    return (timezone.localdate() + timezone.timedelta(days=n)).isoformat()


def answers(language, kind="deliverable"):
    """Answers dated from today, so the demo notices always look current."""
    titles = {"zh-hans": "品牌官网改版", "vi": "Website thương mại điện tử", "en": "Spring campaign website"}
    needs = {"zh-hans": "春节促销活动", "vi": "đợt khuyến mãi Tết", "en": "the spring sale launch"}
    explanations = {
        "zh-hans": "支付服务商于本月初更换了接口，我们需要重新对接并完成测试。",
        "vi": "Cổng thanh toán đã đổi API đầu tháng, chúng tôi cần tích hợp và kiểm thử lại.",
        "en": "The payment provider changed its API early this month, so the integration has to be rebuilt and tested.",
    }
    measures = {
        "zh-hans": "我们已为支付模块增加自动化测试，并与服务商约定接口变更提前通知。",
        "vi": "Chúng tôi đã bổ sung kiểm thử tự động cho cổng thanh toán và thống nhất với nhà cung cấp về việc báo trước khi đổi API.",
        "en": "Automated tests now cover the payment integration, and the provider will warn us before API changes.",
    }
    milestones = {"zh-hans": "完成新接口对接", "vi": "Hoàn tất tích hợp API mới", "en": "New payment API integrated"}
    return {
        "kind": kind,
        "subkind": "project",
        "commitment": {
            "title": titles[language],
            "reference": "2026/118",
            "original_deadline": days(7),
            "needed_for": needs[language],
        },
        "cause": {"category": "third_party", "responsibility": "shared", "explanation": explanations[language]},
        "plan": {
            "new_deadline": days(35),
            "milestones": [{"date": days(14), "description": milestones[language]}],
            "measures": measures[language],
            "updates": {"cadence": "weekly", "weekday": 4},
        },
        "remedies": [{"kind": "discount", "percent": "10"}],
        "tone": "formal",
        "channel": "email",
        "letter": {"en_variant": "US"},
    }


class Command(BaseCommand):
    help = "Create the demo account (demo / delaynote-demo) with clients and notices, unless it exists."

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"Demo account exists: {USERNAME} / {PASSWORD}")
            return
        user = User.objects.create_user(USERNAME, email="demo@delaynote.example", password=PASSWORD)
        Profile.objects.create(
            user=user,
            name="Emily Carter",
            title="Project Manager",
            organization="Northwind Studio Ltd",
            email="emily@northwind.example",
            phone="+1 555 0100",
            city="Hà Nội",
            language="en",
            name_zh="柯爱米",
            organization_zh="北风工作室有限公司",
            organization_vi="Công ty TNHH Northwind Studio",
        )
        for i, data in enumerate(CLIENTS):
            client = Client.objects.create(owner=user, **data)
            language = data["language"]
            notice = Notice.objects.create(
                owner=user,
                client=client,
                language=language,
                title=answers(language)["commitment"]["title"],
                answers=answers(language),
                step=6,
            )
            if i == 0:
                notice.frozen = {"case": notice.case(), "edits": {}}
                notice.status = Notice.Status.FINAL
                notice.finalised = timezone.now()
                notice.save()
        Notice.objects.create(
            owner=user,
            client=Client.objects.get(owner=user, language="vi"),
            language="vi",
            title="Hóa đơn số 0001234",
            answers=copy.deepcopy(answers("vi"))
            | {
                "kind": "payment",
                "subkind": "invoice",
                "commitment": {
                    "title": "Hóa đơn số 0001234",
                    "original_deadline": days(5),
                    "amount": {"value": "25000000", "currency": "VND"},
                },
                "remedies": [{"kind": "partial_payment", "amount": "10000000", "date": days(5)}],
            },
            step=6,
        )
        self.stdout.write(f"Created the demo account: {USERNAME} / {PASSWORD}")
