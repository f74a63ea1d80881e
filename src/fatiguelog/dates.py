"""Dates as the user types them: `YYYY-MM-DD`, `today`, `yesterday`, or `-Nd` (N days ago)."""

from __future__ import annotations

import re
from datetime import date, timedelta

_DAYS_AGO = re.compile(r"^-(\d{1,5})d$")


class DateError(ValueError):
    """A date the user typed that means nothing."""


def parse_day(text: str, today: date | None = None) -> date:
    today = today or date.today()
    value = text.strip().lower()
    if value == "today":
        return today
    if value == "yesterday":
        return today - timedelta(days=1)
    match = _DAYS_AGO.match(value)
    if match:
        return today - timedelta(days=int(match.group(1)))
    try:
        return date.fromisoformat(value) if len(value) == 10 else _fail(text)
    except ValueError:
        return _fail(text)


def _fail(text: str) -> date:
    raise DateError(f"'{text}' is not a date: use YYYY-MM-DD, today, yesterday or -Nd")


def days_between(first: date, last: date) -> list[date]:
    """Every calendar day from first to last, both included."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
