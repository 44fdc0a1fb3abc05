"""Insights over the library (A3): what causes delays, how far dates slip, whether re-planned dates hold.

Every figure is aggregated by the database — the summary, causes and months in one pass over
the user's notices, the clients in a second — so the page runs in the same number of queries
whether the user has ten notices or ten thousand.
"""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Avg, Count, Exists, F, FloatField, Func, OuterRef, Q
from django.shortcuts import render
from django.utils import timezone

from composer.models import Notice
from composer.wizard.forms import CATEGORIES

MONTHS = 12
TOP_CLIENTS = 10
# The longest bar takes this share of the chart's width; the number sits after it.
BAR_SPACE = 82.0


class DaysBetween(Func):
    """`end - start` in days, as a number, computed by the database.

    Subtracting two DateFields as a DurationField works everywhere, but on SQLite Django does
    it with a Python function called once per row, which made this page twice as slow.
    """

    output_field = FloatField()
    arg_joiner = " - "
    template = "(%(expressions)s)"  # PostgreSQL and Oracle: date - date is a number of days

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(julianday(%(expressions)s))", arg_joiner=") - julianday(")

    def as_mysql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="DATEDIFF(%(expressions)s)", arg_joiner=", ")


HAS_DATES = Q(original_deadline__isnull=False, new_deadline__isnull=False)
COMPLETED = Q(completed_on__isnull=False, new_deadline__isnull=False)
HELD = COMPLETED & Q(completed_on__lte=F("new_deadline"))


def figures():
    """The aggregates shared by the whole library and each client: slip, and how often the new date held."""
    return {
        "slip": Avg(DaysBetween("new_deadline", "original_deadline"), filter=HAS_DATES),
        "dated": Count("pk", filter=HAS_DATES),
        "completed": Count("pk", filter=COMPLETED),
        "held": Count("pk", filter=HELD),
    }


@login_required
def insights(request):
    # A progress update or a completion notice repeats its case, and a revised notice is
    # superseded by its revision: each delay is counted once.
    # (NOT EXISTS rather than `revisions__isnull=True`: PostgreSQL misestimates that outer join.)
    revised = Notice.objects.filter(revision_of=OuterRef("pk"))
    notices = Notice.objects.for_user(request.user).filter(~Exists(revised), letter_type="delay")

    months = month_starts(timezone.localdate(), MONTHS)
    bounds = [timezone.make_aware(dt.datetime.combine(m, dt.time.min)) for m in [*months, next_month(months[-1])]]
    summary = notices.aggregate(
        total=Count("pk"),
        **figures(),
        **{f"cause_{code}": Count("pk", filter=Q(category=code)) for code, _label in CATEGORIES},
        **{
            f"month_{i}": Count("pk", filter=Q(created__gte=bounds[i], created__lt=bounds[i + 1]))
            for i in range(MONTHS)
        },
    )
    clients = list(
        notices.filter(client__isnull=False)
        .values("client_id", "client__name")
        .annotate(n=Count("pk"), **figures())
        .order_by("-n", "client__name", "client_id")[:TOP_CLIENTS]
    )

    causes = [(label, summary[f"cause_{code}"]) for code, label in CATEGORIES]
    causes = sorted((c for c in causes if c[1]), key=lambda c: -c[1])
    context = {
        "total": summary["total"],
        "slip": _number(summary["slip"]),
        "dated": summary["dated"],
        "completed": summary["completed"],
        "held": summary["held"],
        "held_share": _share(summary["held"], summary["completed"]),
        "uncategorised": summary["total"] - sum(n for _label, n in causes),
        "causes": hbars(causes),
        "clients": hbars(
            [(c["client__name"], c["n"]) for c in clients],
            extra=[
                {
                    "pk": c["client_id"],
                    "slip": _number(c["slip"]),
                    "completed": c["completed"],
                    "held": c["held"],
                    "held_share": _share(c["held"], c["completed"]),
                }
                for c in clients
            ],
        ),
        "months": vbars([(m, summary[f"month_{i}"]) for i, m in enumerate(months)]),
    }
    return render(request, "composer/insights.html", context)


def month_starts(today, count):
    """The first days of the last `count` months, oldest first, this month last."""
    year, month = today.year, today.month
    starts = []
    for _i in range(count):
        starts.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def hbars(rows, extra=None):
    """Horizontal bars: each row's label, value and bar width in percent of the chart (as SVG-safe text)."""
    top = max((value for _label, value in rows), default=0)
    bars = []
    for i, (label, value) in enumerate(rows):
        width = BAR_SPACE * value / top if top else 0
        bars.append(
            {
                "label": label,
                "value": value,
                "width": f"{max(width, 0.4):.2f}",
                "y": 40 * i,
                **(extra[i] if extra else {}),
            }
        )
    return {"bars": bars, "height": 40 * len(bars)}


def vbars(rows, plot=140):
    """Vertical bars, one column per month: x and width in percent, y and height in pixels."""
    top = max((value for _month, value in rows), default=0)
    step = 100 / len(rows)
    bars = []
    for i, (month, value) in enumerate(rows):
        height = round(plot * value / top) if top else 0
        if value and height < 2:
            height = 2
        bars.append(
            {
                "month": month,
                "value": value,
                "x": f"{step * i + step * 0.15:.3f}",
                "width": f"{step * 0.7:.3f}",
                "centre": f"{step * (i + 0.5):.3f}",
                "y": 20 + plot - height,
                "height": height,
                "label_y": 14 + plot - height,
                # The year goes under January, and under the first month unless January is too close.
                "new_year": month.month == 1 or (i == 0 and month.month <= 10),
            }
        )
    return {"bars": bars, "axis": 20 + plot, "height": 20 + plot + 44, "total": sum(v for _m, v in rows)}


def next_month(day):
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _number(value):
    return None if value is None else float(value)  # PostgreSQL averages integers as Decimal


def _share(part, whole):
    return round(100 * part / whole) if whole else None
