"""Date and number formats per interface language: one date style per language, on every page and in every message.

Django's own formats mix styles (English `Dec. 4, 2026` beside `12/04/2026`; Vietnamese
`21-12-2026` where Vietnamese writes `21/12/2026`). Here DATE_FORMAT and SHORT_DATE_FORMAT
are one and the same per language, so a template may use either. Letters are formatted by
their writers, not by these.
"""
