"""Create the demo account with a sender profile, clients and notices in all three languages.

`seed_demo --notices N` also adds N generated notices to the demo account: ~40 clients in
CN, VN, US and GB, notices in all three languages, both kinds, every cause and status,
created over the last two years — a realistic library for demos and for `bench/library.py`.
"""

import copy
import datetime as dt
import random
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from composer.coach import UNDATED_DAYS
from composer.letters.schedule import DEFAULT_COUNTRY, day_off
from composer.models import Client, LogEntry, Notice, Profile

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
    """Today + n days, moved on to a day that is a working day for all three demo clients."""
    day = timezone.localdate() + timezone.timedelta(days=n)
    while any(day_off(day, country) is not None for country in ("CN", "VN", "US")):
        day += timezone.timedelta(days=1)
    return day.isoformat()


def working_day(day, country):
    """`day`, or the first working day after it in `country`."""
    while day_off(day, country) is not None:
        day += dt.timedelta(days=1)
    return day


def quiet_cadence(start, end, country, preferred):
    """Weekly updates on a weekday none of whose dates falls on a day off; `preferred` (a cadence) if it has none.

    The product moves or skips an update that falls on a weekend or a holiday; the demo picks days
    that need neither, so its schedules read as a careful user would plan them.
    """

    def clear(first, step):
        day = first
        while day < end:
            if day_off(day, country) is not None:
                return False
            day += step
        return True

    if preferred.get("cadence") == "every_n_days" and clear(
        start + dt.timedelta(days=preferred["days"]), dt.timedelta(days=preferred["days"])
    ):
        return preferred
    weekdays = [preferred["weekday"]] if preferred.get("cadence") == "weekly" else []
    for weekday in [*weekdays, 4, 0, 1, 2, 3]:
        first = start + dt.timedelta(days=(weekday - start.weekday() - 1) % 7 + 1)
        if clear(first, dt.timedelta(days=7)):
            return {"cadence": "weekly", "weekday": weekday}
    return {"cadence": "none"}


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
            "updates": quiet_cadence(
                timezone.localdate(),
                dt.date.fromisoformat(days(35)),
                DEFAULT_COUNTRY[language],
                {"cadence": "weekly", "weekday": 4},
            ),
        },
        "remedies": [{"kind": "discount", "percent": "10"}],
        "tone": "formal",
        "channel": "email",
        "letter": {"en_variant": "US"},
    }


class Command(BaseCommand):
    help = (
        "Create the demo account (demo / delaynote-demo) with clients and notices, unless it exists; "
        "with --notices N, also add N generated notices to it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--notices", type=int, default=0, metavar="N", help="Add N generated notices to the demo account."
        )
        parser.add_argument("--seed", type=int, default=None, help="Random seed for the generated notices.")

    def handle(self, *args, notices=0, seed=None, **options):
        if notices < 0:
            raise CommandError("--notices must be zero or more.")
        user = self.demo_account()
        if notices:
            start = time.perf_counter()
            added = add_notices(user, notices, seed=seed)
            self.stdout.write(f"Added {added} notices to the demo account in {time.perf_counter() - start:.1f} s.")

    @transaction.atomic
    def demo_account(self):
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        if user:
            self.stdout.write(f"Demo account exists: {USERNAME} / {PASSWORD}")
            return user
        user = User.objects.create_user(USERNAME, email="demo@delaynote.example", password=PASSWORD)
        Profile.objects.create(
            user=user,
            name="Emily Carter",
            title="Project Manager",
            title_zh="项目经理",
            title_vi="Quản lý dự án",
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
                    "needed_for": "các khoản chi cuối tháng của quý công ty",
                },
                "cause": {
                    "category": "third_party",
                    "responsibility": "ours",
                    "explanation": "Một khách hàng lớn của chúng tôi thanh toán chậm ba tuần so với hợp đồng.",
                },
                "plan": {
                    "new_deadline": days(35),
                    "measures": "Chúng tôi đã lập quỹ dự phòng để các khoản phải trả không còn phụ thuộc vào một khoản thu.",
                },
                "remedies": [{"kind": "partial_payment", "amount": "10000000", "date": days(5)}],
            },
            step=6,
        )
        self.stdout.write(f"Created the demo account: {USERNAME} / {PASSWORD}")
        return user


# --- Generated notices (`--notices N`) -------------------------------------------------------
# Small word lists, combined at random, so a large library reads like real work in each language.

CN_CITIES = ["上海", "深圳", "杭州", "广州", "苏州", "宁波", "东莞", "成都", "青岛", "厦门", "天津", "武汉"]
CN_BRANDS = ["恒信", "鼎盛", "博雅", "嘉禾", "金鹏", "瑞丰", "天成", "宏达", "永安", "新锐", "海纳", "远航"]
CN_TRADES = ["贸易", "科技", "电子", "包装", "物流", "家居", "服饰", "食品", "机械", "文化传媒"]
CN_SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"]
CN_GIVEN = {"ms": ["芳", "静", "敏", "丽", "婷", "雪梅"], "mr": ["伟", "磊", "强", "军", "洋", "建国"]}
CN_TITLES = ["采购经理", "项目经理", "总经理", "财务经理", "市场总监", "运营主管"]
CN_STREETS = ["世纪大道", "人民路", "中山路", "建设路", "解放路", "滨江大道"]

VN_FORMS = ["Công ty TNHH", "Công ty Cổ phần"]
VN_TRADES = ["Thương mại", "Công nghệ", "Xây dựng", "Dệt may", "Thực phẩm", "Vận tải", "Nội thất", "Truyền thông"]
VN_BRANDS = ["Minh Long", "Hòa Bình", "Sao Việt", "Phú Thịnh", "Đại Nam", "Trường Sơn", "Hưng Thịnh", "Bình Minh"]
VN_BRANDS += ["Kim Ngân", "Thành Công", "Việt Tiến", "Tân Phú"]
VN_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
VN_GIVEN = {
    "ms": ["Thu Hà", "Thị Lan", "Ngọc Anh", "Thanh Hương", "Minh Thư", "Bảo Ngọc"],
    "mr": ["Văn Nam", "Minh Đức", "Quốc Bảo", "Hữu Phước", "Đức Anh", "Thành Long"],
}
VN_TITLES = ["Giám đốc", "Trưởng phòng Mua hàng", "Kế toán trưởng", "Giám đốc Kinh doanh", "Trưởng phòng Dự án"]
VN_STREETS = ["Nguyễn Huệ", "Lê Lợi", "Trần Hưng Đạo", "Hai Bà Trưng", "Điện Biên Phủ", "Kim Mã"]
VN_CITIES = ["TP. Hồ Chí Minh", "Hà Nội", "Đà Nẵng", "Hải Phòng", "Cần Thơ"]

US_BRANDS = [
    "Harbor",
    "Summit",
    "Redwood",
    "Lakeside",
    "Pioneer",
    "Granite",
    "Cedar",
    "Evergreen",
    "Beacon",
    "Northgate",
]
GB_BRANDS = ["Thornbury", "Ashford", "Kingsley", "Whitmore", "Hartwell", "Pemberton"]
EN_TRADES = ["Retail", "Logistics", "Foods", "Design", "Outfitters", "Health", "Media", "Construction"]
EN_FIRST = {
    "ms": ["Laura", "Emily", "Sarah", "Megan", "Rachel", "Hannah"],
    "mr": ["James", "Michael", "David", "Daniel"],
}
EN_LAST = ["Collins", "Bennett", "Hughes", "Parker", "Reed", "Turner", "Morgan", "Foster", "Walsh", "Clarke"]
EN_TITLES = ["Marketing Director", "Purchasing Manager", "Operations Manager", "Finance Director", "Project Lead"]
US_CITIES = ["Chicago, IL 60601", "Austin, TX 78701", "Seattle, WA 98101", "Denver, CO 80202", "Boston, MA 02108"]
GB_CITIES = ["Manchester M1 1AA", "Leeds LS1 4AP", "Bristol BS1 5TR", "London EC1A 1BB", "Edinburgh EH1 1YZ"]
EN_STREETS = ["Market Street", "High Street", "Station Road", "Oak Avenue", "King Street", "Mill Lane"]

COUNTRIES = {"CN": ("zh-hans", 12), "VN": ("vi", 12), "US": ("en", 10), "GB": ("en", 6)}
CURRENCY = {"CN": "CNY", "VN": "VND", "US": "USD", "GB": "GBP"}
AMOUNTS = {"CNY": (20_000, 600_000), "VND": (10_000_000, 900_000_000), "USD": (2_000, 90_000), "GBP": (1_500, 70_000)}

SUBKINDS = {"deliverable": ["project", "shipment", "service"], "payment": ["invoice", "rent", "loan"]}
CATEGORY_WEIGHTS = {
    "time_management": 14,
    "resources": 12,
    "technical": 12,
    "third_party": 12,
    "supplier": 14,
    "recipient_dependency": 10,
    "scope_change": 9,
    "illness": 5,
    "external_event": 7,
    "other": 5,
}
# Causes that make sense for a late payment.
PAYMENT_CATEGORIES = ["time_management", "resources", "third_party", "recipient_dependency", "illness"]
PAYMENT_CATEGORIES += ["external_event", "other"]
RESPONSIBILITY = {
    "time_management": ["ours"],
    "resources": ["ours", "shared"],
    "technical": ["ours", "shared"],
    "third_party": ["shared", "outside"],
    "supplier": ["shared", "outside"],
    "recipient_dependency": ["shared"],
    "scope_change": ["shared"],
    "illness": ["outside", "ours"],
    "external_event": ["outside"],
    "other": ["ours", "shared", "outside"],
}

TITLES = {
    "zh-hans": {
        "project": [
            "官网改版",
            "小程序开发",
            "品牌视觉手册",
            "ERP系统对接",
            "年度报告设计",
            "数据看板",
            "电商平台升级",
        ],
        "project_suffix": ["项目", "一期", "二期", ""],
        "batch": ["首批", "第二批", "第三批", "最后一批"],
        "goods": ["不锈钢保温杯", "纯棉衬衫", "LED面板灯", "实木餐桌", "釉面瓷砖", "包装纸箱", "蓝牙耳机", "陶瓷餐具"],
        "service": ["办公设备维护", "年度审计", "合同翻译", "员工培训课程", "网站运维", "仓库盘点", "消防安全检测"],
    },
    "vi": {
        "project": [
            "Website thương mại điện tử",
            "Ứng dụng đặt hàng",
            "Bộ nhận diện thương hiệu",
            "Tích hợp hệ thống ERP",
            "Báo cáo thường niên",
            "Hệ thống quản lý kho",
            "Cổng thông tin khách hàng",
        ],
        "project_suffix": ["", " giai đoạn 2", " (bản nâng cấp)"],
        "goods": [
            "áo sơ mi cotton",
            "bình giữ nhiệt inox",
            "đèn LED âm trần",
            "bàn ghế gỗ sồi",
            "gạch men",
            "thùng carton",
            "cà phê rang xay",
            "hạt điều rang muối",
        ],
        "service": [
            "Bảo trì thiết bị văn phòng",
            "Kiểm toán năm",
            "Dịch thuật hợp đồng",
            "Khóa đào tạo nhân viên",
            "Vận hành website",
            "Kiểm kê kho",
        ],
    },
    "en": {
        "project": [
            "Spring campaign website",
            "Mobile ordering app",
            "Brand guidelines",
            "ERP integration",
            "Annual report design",
            "Sales dashboard",
            "Customer portal",
        ],
        "project_suffix": ["", " – phase 2", " refresh"],
        "batch": ["First", "Second", "Third", "Final"],
        "goods": [
            "steel tumblers",
            "cotton shirts",
            "LED panels",
            "oak dining tables",
            "ceramic tiles",
            "cardboard boxes",
            "wireless earbuds",
            "stoneware plates",
        ],
        "service": [
            "Office equipment maintenance",
            "Year-end audit",
            "Contract translation",
            "Staff training course",
            "Website support",
            "Warehouse stocktake",
        ],
    },
}
EN_MONTHS = ["January", "February", "March", "April", "May", "June"]
EN_MONTHS += ["July", "August", "September", "October", "November", "December"]

NEEDED_FOR = {
    "zh-hans": ["春节促销活动", "新品发布会", "年中大促", "广交会展位", "季度董事会", "门店开业"],
    "vi": [
        "đợt khuyến mãi Tết",
        "buổi ra mắt sản phẩm",
        "hội chợ thương mại",
        "mùa cao điểm cuối năm",
        "khai trương cửa hàng",
    ],
    "en": ["the spring sale", "the product launch", "the trade fair", "the holiday season", "the board meeting"],
}
# What a payee counts on a payment for.
PAYMENT_NEEDED_FOR = {
    "zh-hans": ["月底的资金安排", "下月的原料采购", "季度结算"],
    "vi": ["các khoản chi cuối tháng", "kế hoạch nhập hàng tháng tới", "kỳ quyết toán quý"],
    "en": ["your month-end payments", "next month's stock purchases", "the quarterly accounts"],
}

EXPLANATIONS = {
    "zh-hans": {
        "time_management": [
            "我们低估了测试阶段所需的时间，排期过于乐观。",
            "同时推进的项目过多，我们没有及时调整优先级。",
        ],
        "resources": ["项目组两名核心成员离职，新成员仍在熟悉工作。", "本月订单量超出产能，生产线人手不足。"],
        "technical": ["数据库迁移失败，需要重新导入并校验数据。", "生产设备的控制系统出现故障，维修耗时超出预期。"],
        "third_party": ["支付服务商更换了接口，我们需要重新对接并测试。", "物流公司临时取消了舱位，货物未能按期出港。"],
        "supplier": ["杯盖注塑件的供应商模具出现故障。", "原材料供应商延迟交货近两周。"],
        "recipient_dependency": ["我们仍在等待贵方确认设计稿和最终文案。", "所需的账户权限和数据迟迟未能到位。"],
        "scope_change": ["项目需求在开发中期新增了多语言版本。", "订单数量增加了一倍，需要追加排产。"],
        "illness": ["负责该项目的工程师因病住院两周。", "团队多名成员同时患流感，工作被迫暂停。"],
        "external_event": ["台风导致港口停运三天，货物滞留。", "当地突发停电，工厂停产近一周。"],
        "other": ["海关抽检时间比预计的长。", "办公室搬迁比计划多用了一周。"],
    },
    "vi": {
        "time_management": [
            "Chúng tôi đã ước tính thiếu thời gian cho giai đoạn kiểm thử.",
            "Nhóm thực hiện quá nhiều dự án cùng lúc và chưa sắp xếp lại ưu tiên kịp thời.",
        ],
        "resources": [
            "Hai thành viên chủ chốt của dự án đã nghỉ việc, người mới vẫn đang làm quen.",
            "Lượng đơn hàng tháng này vượt công suất, dây chuyền thiếu nhân công.",
        ],
        "technical": [
            "Việc chuyển đổi cơ sở dữ liệu bị lỗi, cần nhập và kiểm tra lại dữ liệu.",
            "Hệ thống điều khiển của máy sản xuất gặp sự cố, thời gian sửa chữa lâu hơn dự kiến.",
        ],
        "third_party": [
            "Cổng thanh toán đã đổi API, chúng tôi cần tích hợp và kiểm thử lại.",
            "Hãng vận chuyển hủy chỗ vào phút chót nên hàng chưa thể xuất cảng đúng hạn.",
        ],
        "supplier": [
            "Nhà cung cấp linh kiện nhựa gặp sự cố khuôn đúc.",
            "Nhà cung cấp nguyên liệu giao hàng trễ gần hai tuần.",
        ],
        "recipient_dependency": [
            "Chúng tôi vẫn đang chờ quý công ty duyệt bản thiết kế và nội dung cuối cùng.",
            "Quyền truy cập tài khoản và dữ liệu cần thiết chưa được cung cấp.",
        ],
        "scope_change": [
            "Yêu cầu dự án được bổ sung thêm phiên bản đa ngôn ngữ giữa chừng.",
            "Số lượng đơn hàng tăng gấp đôi nên cần sắp xếp thêm ca sản xuất.",
        ],
        "illness": [
            "Kỹ sư phụ trách dự án phải nằm viện hai tuần.",
            "Nhiều thành viên trong nhóm bị cúm cùng lúc nên công việc bị gián đoạn.",
        ],
        "external_event": [
            "Bão khiến cảng ngừng hoạt động ba ngày, hàng hóa bị kẹt lại.",
            "Mất điện diện rộng khiến nhà máy phải ngừng sản xuất gần một tuần.",
        ],
        "other": [
            "Thời gian kiểm tra hải quan kéo dài hơn dự kiến.",
            "Việc chuyển văn phòng mất thêm một tuần so với kế hoạch.",
        ],
    },
    "en": {
        "time_management": [
            "We underestimated how long testing would take and planned too optimistically.",
            "We took on too many projects at once and did not reset priorities in time.",
        ],
        "resources": [
            "Two key members of the project team left, and their replacements are still getting up to speed.",
            "Orders this month exceeded our capacity and the production line is short-staffed.",
        ],
        "technical": [
            "A database migration failed, and the data has to be imported and checked again.",
            "The control system of a production machine failed and the repair took longer than expected.",
        ],
        "third_party": [
            "The payment provider changed its API, so the integration has to be rebuilt and tested.",
            "The carrier cancelled our booking at short notice and the goods missed their sailing.",
        ],
        "supplier": [
            "Our supplier of moulded lids had a tooling failure.",
            "A raw-material supplier delivered almost two weeks late.",
        ],
        "recipient_dependency": [
            "We are still waiting for your sign-off on the designs and the final copy.",
            "The account access and data we need have not arrived yet.",
        ],
        "scope_change": [
            "A multilingual version was added to the requirements halfway through.",
            "The order quantity doubled, so extra production runs had to be scheduled.",
        ],
        "illness": [
            "The engineer leading the project was in hospital for two weeks.",
            "Several team members had flu at the same time and work stalled.",
        ],
        "external_event": [
            "A typhoon closed the port for three days and the goods were held up.",
            "A regional power cut stopped the factory for almost a week.",
        ],
        "other": [
            "The customs inspection took longer than expected.",
            "Our office move took a week longer than planned.",
        ],
    },
}
PAYMENT_EXPLANATIONS = {
    "zh-hans": [
        "一位大客户的回款推迟了一个月，我们的现金流暂时紧张。",
        "银行系统升级，跨境付款被退回，需要重新提交。",
        "我们的付款审批流程没有及时启动。",
    ],
    "vi": [
        "Một khách hàng lớn chậm thanh toán một tháng nên dòng tiền của chúng tôi đang eo hẹp.",
        "Ngân hàng nâng cấp hệ thống, khoản chuyển tiền quốc tế bị trả lại và phải làm lại.",
        "Quy trình duyệt chi của chúng tôi đã không được khởi động kịp thời.",
    ],
    "en": [
        "A major customer paid a month late, which has left our cash flow tight.",
        "Our bank's system upgrade returned an international transfer and it has to be resubmitted.",
        "Our payment approval process was not started in time.",
    ],
}
MEASURES = {
    "deliverable": {
        "zh-hans": [
            "我们已为关键模块增加自动化测试。",
            "我们增加了一名项目成员，并每周检查排期。",
            "我们已与供应商签订交期保障条款，并建立了备用供应商。",
            "今后每个阶段都会预留一周缓冲时间。",
        ],
        "vi": [
            "Chúng tôi đã bổ sung kiểm thử tự động cho các phần quan trọng.",
            "Chúng tôi đã tăng thêm một người cho dự án và rà soát tiến độ hằng tuần.",
            "Chúng tôi đã ký điều khoản cam kết thời hạn giao hàng và có thêm nhà cung cấp dự phòng.",
            "Từ nay mỗi giai đoạn sẽ có một tuần dự phòng.",
        ],
        "en": [
            "Automated tests now cover the critical parts.",
            "We have added a person to the project and review the schedule every week.",
            "Our supplier contract now guarantees lead times, and we have a second supplier lined up.",
            "Every phase now has a week of slack built in.",
        ],
    },
    "payment": {
        "zh-hans": ["我们已设立专门的付款准备金。", "付款审批将提前两周启动。"],
        "vi": [
            "Chúng tôi đã lập quỹ dự phòng riêng cho các khoản thanh toán.",
            "Việc duyệt chi sẽ bắt đầu sớm hơn hai tuần.",
        ],
        "en": ["We have set up a reserve for payments.", "Payment approvals now start two weeks earlier."],
    },
}
MILESTONES = {
    "deliverable": {
        "zh-hans": ["完成开发", "内部测试", "提交样品", "发出首批货物", "客户验收"],
        "vi": ["Hoàn tất phát triển", "Kiểm thử nội bộ", "Gửi hàng mẫu", "Giao lô đầu tiên", "Nghiệm thu"],
        "en": ["Development complete", "Internal testing", "Samples sent", "First batch shipped", "Acceptance"],
    },
    "payment": {
        "zh-hans": ["支付首期款项", "客户回款到账", "完成付款审批"],
        "vi": ["Thanh toán đợt đầu", "Nhận tiền từ khách hàng", "Hoàn tất duyệt chi"],
        "en": ["First payment", "Customer payment received", "Payment approved"],
    },
}
REMEDY_TEXT = {
    "zh-hans": {"free_extra": "免费延长三个月维护期", "priority": "安排专人优先处理", "partial": "先交付已完成的部分"},
    "vi": {
        "free_extra": "Miễn phí ba tháng bảo trì",
        "priority": "Bố trí người phụ trách riêng",
        "partial": "Giao trước phần đã xong",
    },
    "en": {
        "free_extra": "Three months of free maintenance",
        "priority": "A dedicated person on it",
        "partial": "The finished part now",
    },
}
GUARANTEE = {
    "zh-hans": "以应收账款作担保",
    "vi": "Bảo lãnh bằng khoản phải thu",
    "en": "A guarantee backed by receivables",
}
LOG_NOTES = {
    "zh-hans": [
        "客户表示理解，同意新的日期。",
        "客户希望每周收到进度更新。",
        "对方要求先交付部分内容。",
        "电话沟通，对方仍在考虑。",
    ],
    "vi": [
        "Khách hàng thông cảm và đồng ý ngày mới.",
        "Khách hàng muốn nhận cập nhật tiến độ hằng tuần.",
        "Đối tác đề nghị giao trước một phần.",
        "Đã gọi điện, đối tác đang cân nhắc.",
    ],
    "en": [
        "They understood and accepted the new date.",
        "They asked for a progress update every week.",
        "They asked for part of it to be delivered first.",
        "Spoke on the phone; they are thinking it over.",
    ],
}

STATUS_WEIGHTS = {
    # A notice whose new deadline has long passed has usually been answered and closed.
    "past": {"draft": 6, "final": 6, "sent": 14, "answered": 22, "closed": 36, "archived": 16},
    "open": {"draft": 30, "final": 25, "sent": 30, "answered": 15, "closed": 0, "archived": 0},
}


def generated_clients(rng):
    """~40 clients: names and contacts written the way each country writes them."""
    clients = []
    for country, (language, count) in COUNTRIES.items():
        for i in range(count):
            honorific = rng.choice(["ms", "mr"])
            if country == "CN":
                city = CN_CITIES[i % len(CN_CITIES)]
                name = f"{city}{CN_BRANDS[i % len(CN_BRANDS)]}{rng.choice(CN_TRADES)}有限公司"
                person = rng.choice(CN_SURNAMES) + rng.choice(CN_GIVEN[honorific])
                title = rng.choice(CN_TITLES)
                address = f"{city}市{rng.choice(CN_STREETS)}{rng.randint(1, 999)}号"
            elif country == "VN":
                name = f"{rng.choice(VN_FORMS)} {rng.choice(VN_TRADES)} {VN_BRANDS[i % len(VN_BRANDS)]}"
                person = f"{rng.choice(VN_FAMILY)} {rng.choice(VN_GIVEN[honorific])}"
                title = rng.choice(VN_TITLES)
                address = f"{rng.randint(1, 300)} {rng.choice(VN_STREETS)}, {rng.choice(VN_CITIES)}"
            else:
                brands, suffix, cities = (
                    (US_BRANDS, rng.choice(["Inc.", "LLC", "Co."]), US_CITIES)
                    if country == "US"
                    else (GB_BRANDS, "Ltd", GB_CITIES)
                )
                name = f"{brands[i % len(brands)]} {rng.choice(EN_TRADES)} {suffix}"
                person = f"{rng.choice(EN_FIRST[honorific])} {rng.choice(EN_LAST)}"
                title = rng.choice(EN_TITLES)
                address = f"{rng.randint(1, 900)} {rng.choice(EN_STREETS)}\n{rng.choice(cities)}"
            clients.append(
                {
                    "name": name,
                    "contact_person": person,
                    "contact_title": title,
                    "honorific": honorific,
                    "email": f"contact{len(clients) + 1}@client{len(clients) + 1}.example",
                    "country": country,
                    "language": language,
                    "address": address,
                }
            )
    return clients


def demo_clients(user):
    """The generated clients of the demo account, created the first time (same names every time)."""
    wanted = generated_clients(random.Random(2026))
    existing = {c.name: c for c in Client.objects.for_user(user)}
    missing = [Client(owner=user, **data) for data in wanted if data["name"] not in existing]
    Client.objects.bulk_create(missing)
    existing = {c.name: c for c in Client.objects.for_user(user)}
    return [existing[data["name"]] for data in wanted]


def title_for(rng, language, subkind, reference, month):
    words = TITLES[language]
    if language == "zh-hans":
        return {
            "project": lambda: rng.choice(words["project"]) + rng.choice(words["project_suffix"]),
            "shipment": lambda: rng.choice(words["batch"]) + rng.choice(words["goods"]),
            "service": lambda: rng.choice(words["service"]),
            "invoice": lambda: f"发票{reference}货款",
            "rent": lambda: f"{month.month}月份{rng.choice(['办公室', '仓库', '门店'])}租金",
            "loan": lambda: f"设备贷款第{rng.randint(2, 24)}期还款",
        }[subkind]()
    if language == "vi":
        return {
            "project": lambda: rng.choice(words["project"]) + rng.choice(words["project_suffix"]),
            "shipment": lambda: f"Lô hàng {rng.choice(words['goods'])} tháng {month.month}",
            "service": lambda: rng.choice(words["service"]),
            "invoice": lambda: f"Hóa đơn số {reference}",
            "rent": lambda: f"Tiền thuê {rng.choice(['văn phòng', 'kho', 'cửa hàng'])} tháng {month.month}",
            "loan": lambda: f"Khoản vay trả góp kỳ {rng.randint(2, 24)}",
        }[subkind]()
    return {
        "project": lambda: rng.choice(words["project"]) + rng.choice(words["project_suffix"]),
        "shipment": lambda: f"{rng.choice(words['batch'])} batch of {rng.choice(words['goods'])}",
        "service": lambda: rng.choice(words["service"]),
        "invoice": lambda: f"Invoice {reference}",
        "rent": lambda: f"{rng.choice(['Office', 'Warehouse', 'Shop'])} rent for {EN_MONTHS[month.month - 1]}",
        "loan": lambda: f"Equipment loan instalment {rng.randint(2, 24)}",
    }[subkind]()


def reference_for(rng, language, subkind, year):
    number = rng.randint(100, 9999)
    if subkind == "invoice":
        return {"zh-hans": f"INV{year}{number:04d}", "vi": f"{number:07d}", "en": f"INV-{year}-{number:04d}"}[language]
    if subkind in ("rent", "loan"):
        return {"zh-hans": f"ZL-{year}-{number}", "vi": f"HĐ-{year}/{number}", "en": f"AGR-{number}"}[language]
    return {"zh-hans": f"HT-{year}-{number:04d}", "vi": f"HĐ-{year}/{number}", "en": f"PO-{number}"}[language]


def generated_notice(rng, user, client, senders, today, now):
    """One notice with consistent dates, text in its own language, and a status that fits its age."""
    language = client.language if rng.random() < 0.85 else rng.choice(["zh-hans", "vi", "en"])
    kind = "deliverable" if rng.random() < 0.7 else "payment"
    subkind = rng.choice(SUBKINDS[kind])
    if kind == "payment":
        category = rng.choice(PAYMENT_CATEGORIES)
        explanation = rng.choice(PAYMENT_EXPLANATIONS[language] + EXPLANATIONS[language][category][:1])
    else:
        category = rng.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()))[0]
        explanation = rng.choice(EXPLANATIONS[language][category])

    created = now - dt.timedelta(days=rng.randint(0, 729), seconds=rng.randint(0, 86399))
    notice_date = timezone.localdate(created)
    # As the product advises: told early (three days or more before the deadline), a new date on a
    # working day of the recipient's country, milestones and updates on working days too.
    country = str(client.country or "") or DEFAULT_COUNTRY[language]
    original = notice_date + dt.timedelta(days=rng.randint(3, 25))
    slip = max(2, int(rng.triangular(2, 75, 12)))
    new = working_day(original + dt.timedelta(days=slip), country)
    reference = reference_for(rng, language, subkind, notice_date.year)
    title = title_for(rng, language, subkind, reference, original)

    commitment = {"title": title, "reference": reference, "original_deadline": original.isoformat()}
    commitment["needed_for"] = rng.choice((NEEDED_FOR if kind == "deliverable" else PAYMENT_NEEDED_FOR)[language])
    currency = (
        CURRENCY[client.country]
        if language == client.language
        else {"zh-hans": "CNY", "vi": "VND"}.get(language, "USD")
    )
    low, high = AMOUNTS[currency]
    amount = rng.randint(low, high) // 1000 * 1000
    if kind == "payment":
        commitment["amount"] = {"value": str(amount), "currency": currency}

    span = (new - notice_date).days
    milestone_days = sorted(
        {
            working_day(notice_date + dt.timedelta(days=d), country)
            for d in rng.sample(range(1, span), k=min(span - 1, rng.randint(0 if span <= 14 else 1, 2)))
        }
    )
    milestones = [
        {"date": day.isoformat(), "description": rng.choice(MILESTONES[kind][language])}
        for day in milestone_days
        if day < new
    ]
    if kind == "deliverable":
        remedy = rng.choice(
            [
                {"kind": "discount", "percent": str(rng.choice([5, 8, 10, 15]))},
                {"kind": "free_extra", "description": REMEDY_TEXT[language]["free_extra"]},
                {"kind": "priority", "description": REMEDY_TEXT[language]["priority"]},
                {
                    "kind": "partial_delivery",
                    "description": REMEDY_TEXT[language]["partial"],
                    "date": (notice_date + dt.timedelta(days=max(1, span // 2))).isoformat(),
                },
            ]
        )
    else:
        remedy = rng.choice(
            [
                {
                    "kind": "partial_payment",
                    "amount": str(amount // 2000 * 1000 or 1),
                    "date": (notice_date + dt.timedelta(days=1)).isoformat(),
                },
                {"kind": "guarantee", "description": GUARANTEE[language]},
                {"kind": "late_fee_accepted", "percent": rng.choice(["1", "2", "5"])},
            ]
        )
    cadence = rng.choice(
        [
            {"cadence": "weekly", "weekday": rng.randint(0, 4)},
            {"cadence": "every_n_days", "days": 14},
            {"cadence": "none"},
        ]
    )
    if cadence["cadence"] != "none" or (not milestones and span > UNDATED_DAYS):
        # Something dated between now and a far new date: updates if no milestone is.
        cadence = quiet_cadence(
            notice_date, new, country, cadence if cadence["cadence"] != "none" else {"cadence": "weekly", "weekday": 4}
        )
    if cadence["cadence"] == "none" and not milestones and span > UNDATED_DAYS:
        # Holidays on every weekday of the span (Tết, Golden Week): a milestone half-way instead.
        middle = working_day(notice_date + dt.timedelta(days=span // 2), country)
        if middle < new:
            milestones.append({"date": middle.isoformat(), "description": rng.choice(MILESTONES[kind][language])})
    answers_ = {
        "kind": kind,
        "subkind": subkind,
        "commitment": commitment,
        "cause": {
            "category": category,
            "responsibility": rng.choice(RESPONSIBILITY[category]),
            "explanation": explanation,
        },
        "plan": {
            "new_deadline": new.isoformat(),
            "milestones": milestones,
            "measures": rng.choice(MEASURES[kind][language]),
            "updates": cadence,
        },
        "remedies": [remedy],
        "tone": rng.choice(["formal", "formal", "warm", "concise"]),
        "channel": rng.choice(["email", "email", "letter", "chat"]),
        "letter": {"en_variant": "GB" if client.country == "GB" else "US"}
        | ({"vi_national_header": rng.random() < 0.5} if language == "vi" else {}),
    }

    age = "past" if new < today - dt.timedelta(days=14) else "open"
    weights = STATUS_WEIGHTS[age]
    status = rng.choices(list(weights), weights=list(weights.values()))[0]
    notice = Notice(
        owner=user,
        client=client,
        title=title,
        status=status,
        language=language,
        answers=answers_,
        created=created,
        step=6,
    )
    if status == "draft":
        notice.step = rng.choice([1, 2, 3, 4, 5, 6, 6, 6])
        if notice.step < 3:  # a draft only holds the steps it has been through
            notice.answers = {k: v for k, v in answers_.items() if k in ("kind", "subkind", "commitment", "cause")}
            if notice.step == 1:
                del notice.answers["cause"]
    else:
        recipient = client.recipient()
        if language != client.language:  # the contact's job title was only given in the client's own language
            recipient.pop("title", None)
        case = answers_ | {
            "sender": senders[language],
            "recipient": recipient,
            "notice_date": notice_date.isoformat(),
            "language": language,
        }
        notice.frozen = {"case": case, "edits": {}}
        notice.finalised = created + dt.timedelta(minutes=rng.randint(5, 600))
        if status != "final":
            notice.sent = min(notice.finalised + dt.timedelta(minutes=rng.randint(1, 2000)), now)
    if status in ("closed", "archived") or (status == "answered" and rng.random() < 0.3):
        done = (
            new - dt.timedelta(days=rng.randint(0, 6))
            if rng.random() < 0.78
            else new + dt.timedelta(days=rng.randint(1, 21))
        )
        if notice_date < done <= today:
            notice.completed_on = done
    notice.sync()
    return notice


def log_entry(rng, notice, today):
    date = min(timezone.localdate(notice.sent) + dt.timedelta(days=rng.randint(0, 6)), today)
    response = rng.choices(["accepted", "changes", "rejected"], weights=[70, 22, 8])[0]
    return LogEntry(
        notice=notice,
        date=date,
        channel=rng.choice(["email", "email", "phone", "meeting", "chat"]),
        response=response,
        notes=rng.choice(LOG_NOTES[notice.language]),
        created=notice.sent,
    )


def add_notices(user, count, seed=None, batch=1000):
    """Add `count` generated notices to `user`'s library with a few bulk inserts; returns how many."""
    rng = random.Random(seed if seed is not None else Notice.objects.for_user(user).count())
    profile = Profile.objects.filter(user=user).first() or Profile.objects.create(user=user, name=user.get_username())
    senders = {language: profile.sender(language) for language in ("zh-hans", "vi", "en")}
    today, now = timezone.localdate(), timezone.now()
    with transaction.atomic():
        clients = demo_clients(user)
        # A few clients get most of the work, as in real life.
        weights = [1 / (1 + i % 20) ** 0.8 for i in range(len(clients))]
        last = Notice.objects.for_user(user).order_by("-pk").values_list("pk", flat=True).first() or 0
        for start in range(0, count, batch):
            chunk = [
                generated_notice(rng, user, rng.choices(clients, weights=weights)[0], senders, today, now)
                for _i in range(min(batch, count - start))
            ]
            Notice.objects.bulk_create(chunk)
            LogEntry.objects.bulk_create(
                [log_entry(rng, n, today) for n in chunk if n.status in ("answered", "closed", "archived")]
            )
        # `updated` is set to now on insert: make it the last thing that happened to each notice.
        Notice.objects.for_user(user).filter(pk__gt=last).update(updated=Coalesce("sent", "finalised", "created"))
    return count
