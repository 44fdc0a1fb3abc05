# English: December 4, 2026 — the month spelt out, as the coach and the letters write it; never 01/03/2027.
DATE_FORMAT = SHORT_DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "F j, Y, H:i"
MONTH_DAY_FORMAT = "F j"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
