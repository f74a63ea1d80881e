"""One dose or one bowel movement from what a person typed, shared by the check-in and
`fatiguelog log`, so the app and the shell write the same tables and say the same errors.

Kept light (no dataclasses, no Textual): `fatiguelog log` imports it on every run.
"""

from __future__ import annotations

import math
from datetime import time
from typing import Any

from fatiguelog.model import BRISTOL, MAX_AMOUNT, STOOL_FLAGS, UNITS
from fatiguelog.textsafe import strip_controls


class InputError(ValueError):
    """What the user typed can't be used; the message says what would work."""


def by_time(items: list[Any]) -> list[Any]:
    """Doses or stools in time order, untimed ones last (anything not a table: as it is)."""
    if not all(isinstance(item, dict) for item in items):
        return items
    return sorted(items, key=lambda item: (not isinstance(item.get("time"), time),
                                           item.get("time") or time()))


def parse_time(text: str) -> time | None:
    """HH:MM (or empty for unknown)."""
    raw = text.strip()
    if not raw:
        return None
    try:
        hours, minutes = raw.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise InputError(f"'{strip_controls(raw, one_line=True)}' is not a time: "
                         "use HH:MM, e.g. 07:40.") from None


def make_dose(substance: str, amount: str, unit: str, form: str = "", moment: str = "",
              keep: dict | None = None) -> dict:
    """A dose table from the form's text; `keep` is the dose being changed (unknown keys kept)."""
    name = strip_controls(substance, one_line=True).strip()
    if not name:
        raise InputError("The substance needs a name.")
    try:
        value = float(amount.strip().replace(",", "."))
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_AMOUNT):
        # (past a million the figure is a typo, and sums of such figures overflow)
        raise InputError(f"The amount must be a number above 0 and at most {MAX_AMOUNT:,}.")
    if unit not in UNITS:
        raise InputError(f"The unit must be one of {', '.join(UNITS)}.")
    dose = dict(keep or {})
    dose.update(substance=name, amount=round(value) if value.is_integer() else value, unit=unit)
    clean_form = strip_controls(form, one_line=True).strip()
    if clean_form:
        dose["form"] = clean_form
    else:
        dose.pop("form", None)
    when = parse_time(moment)
    if when is None:
        dose.pop("time", None)
    else:
        dose["time"] = when
    return dose


def make_stool(bristol: int, flags: dict[str, bool], moment: str = "",
               keep: dict | None = None) -> dict:
    if bristol not in BRISTOL:
        raise InputError("Pick a Bristol type from 1 to 7.")
    when = parse_time(moment)
    stool: dict[str, Any] = {} if when is None else {"time": when}
    stool["bristol"] = bristol
    stool.update({flag: bool(flags.get(flag)) for flag in STOOL_FLAGS})
    known = {"time", "bristol", *STOOL_FLAGS}
    stool.update((k, v) for k, v in (keep or {}).items() if k not in known)
    return stool
