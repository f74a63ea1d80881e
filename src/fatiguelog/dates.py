"""Dates as the user types them: `YYYY-MM-DD`, `today`, `yesterday`, or `-Nd` (N days ago)."""

from __future__ import annotations

import re
from datetime import date, timedelta

_DAYS_AGO = re.compile(r"^-(\d{1,5})d$")
#: The days fatiguelog works with: a diary needs nothing earlier, and date arithmetic (a
#: period's look-back and look-ahead) must never run off the calendar's ends.
MIN_DAY = date(1900, 1, 1)
MAX_DAY = date(9998, 12, 31)


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
    try:
        if match:
            day = today - timedelta(days=int(match.group(1)))
        else:
            day = date.fromisoformat(value) if len(value) == 10 else _fail(text)
    except (ValueError, OverflowError):
        return _fail(text)
    if day < MIN_DAY:
        raise DateError(f"'{_shown(text)}' is out of range: fatiguelog keeps days from "
                        f"{MIN_DAY.isoformat()} on")
    if day > MAX_DAY:
        raise DateError(f"'{_shown(text)}' is out of range: no diary day is that far off")
    return day


def max_days(today: date) -> int:
    """The longest period ending `today` (back to `MIN_DAY`), for `--days`."""
    return (today - MIN_DAY).days + 1


def _shown(text: str) -> str:
    return "".join(ch for ch in text if ch.isprintable())[:40]


def _fail(text: str) -> date:
    raise DateError(f"'{_shown(text)}' is not a date: use YYYY-MM-DD, today, yesterday or -Nd")


def days_between(first: date, last: date) -> list[date]:
    """Every calendar day from first to last, both included."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
