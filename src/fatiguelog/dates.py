"""Dates as the user types them: `YYYY-MM-DD`, `today`, `yesterday`, `tomorrow` (refused: it
hasn't happened), or `-Nd` (N days ago); and which day "today" is.

"Today" is the diary's day, not the calendar's: with `day_starts_at = "04:00"` in settings, a
check-in at 01:30 belongs to the day before. Every "today" in the app and in the command line's
defaults comes from `today()` here, so they can never disagree. Kept light (no settings, no
dataclasses): `fatiguelog remind` uses it on every shell start-up.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

# (patterns as text, compiled and cached by `re` on first use: not on every start)
_DAYS_AGO = r"^-(\d{1,5})d$"
_CLOCK = r"^(\d{1,2}):(\d{2})$"
MIDNIGHT = time(0, 0)
#: Said for any day after today, by every command and screen.
NOT_YET = "that day hasn't happened yet"
#: The days fatiguelog works with: a diary needs nothing earlier, and date arithmetic (a
#: period's look-back and look-ahead) must never run off the calendar's ends.
MIN_DAY = date(1900, 1, 1)
MAX_DAY = date(9998, 12, 31)


class DateError(ValueError):
    """A date the user typed that means nothing, or a day that hasn't happened yet."""


def today(day_starts_at: time | None = None, now: datetime | None = None) -> date:
    """The diary's today: before `day_starts_at` (e.g. 04:00) it is still the day before."""
    moment = now or datetime.now()
    start = day_starts_at or MIDNIGHT
    return (moment - timedelta(hours=start.hour, minutes=start.minute)).date()


_diary_today = today  # `parse_day` has a parameter of that name
_NAMED = {"today": 0, "yesterday": -1, "tomorrow": 1}


def parse_day_start(value: object) -> time:
    """`"HH:MM"` (00:00 to 23:59) as a time; ValueError saying what is wrong otherwise."""
    if not isinstance(value, str):
        kind = "a time without quotes" if isinstance(value, time) else "another kind of value"
        raise ValueError(
            f'day_starts_at must be hours and minutes in quotes, like "04:00" (found {kind})'
        )
    match = re.match(_CLOCK, value.strip())
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        shown = "".join(ch for ch in value if ch.isprintable())[:20]
        raise ValueError(
            f'day_starts_at must be hours and minutes from "00:00" to "23:59", '
            f'like "04:00" (found "{shown}")'
        )
    return time(int(match.group(1)), int(match.group(2)))


def read_day_start(root: Path) -> time:
    """`day_starts_at` from the data folder's settings.toml, without loading the settings
    module (a command that only needs "today" stays fast). Anything unreadable: midnight
    (`fatiguelog check` and the app report the problem)."""
    from fatiguelog.atomic import read_capped  # (never hangs on a pipe, never reads 1 GiB)

    try:
        raw = read_capped(str(root / "settings.toml"), 1 << 20)
    except OSError:
        return MIDNIGHT
    if b"day_starts_at" not in raw:  # the usual case: no TOML parser needed
        return MIDNIGHT
    import tomllib

    try:
        value = tomllib.loads(raw.decode("utf-8").removeprefix("\ufeff")).get("day_starts_at")
        return MIDNIGHT if value is None else parse_day_start(value)
    except (ValueError, RecursionError):  # not UTF-8, not TOML, not a time
        return MIDNIGHT


def parse_day(text: str, today: date | None = None) -> date:
    """Any day the user names, future ones included (see `parse_past_day`)."""
    base = _diary_today() if today is None else today
    value = text.strip().lower()
    match = re.match(_DAYS_AGO, value)
    try:
        if value in _NAMED:
            day = base + timedelta(days=_NAMED[value])
        elif match:
            day = base - timedelta(days=int(match.group(1)))
        else:
            day = date.fromisoformat(value) if len(value) == 10 else _fail(text)
    except (ValueError, OverflowError):  # not a date, or before year 1
        return _fail(text)
    if day < MIN_DAY:
        raise DateError(
            f"'{_shown(text)}' is out of range: fatiguelog keeps days from {MIN_DAY.isoformat()} on"
        )
    if day > MAX_DAY:
        raise DateError(f"'{_shown(text)}' is out of range: no diary day is that far off")
    return day


def max_days(today: date) -> int:
    """The longest period ending `today` (back to `MIN_DAY`), for `--days`."""
    return (today - MIN_DAY).days + 1


def _shown(text: str) -> str:
    return "".join(ch for ch in text if ch.isprintable())[:40]


def parse_past_day(text: str, today: date) -> date:
    """A day the user names that has happened: the one check for every command and screen."""
    return not_future(parse_day(text, today), today)


def not_future(day: date, today: date) -> date:
    """`day`, or DateError when it is after `today` (nothing is ever written for it)."""
    if day > today:
        raise DateError(f"{day.isoformat()}: {NOT_YET}")
    return day


def _fail(text: str) -> date:
    raise DateError(f"'{_shown(text)}' is not a date: use YYYY-MM-DD, today, yesterday or -Nd")


def days_between(first: date, last: date) -> list[date]:
    """Every calendar day from first to last, both included."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
