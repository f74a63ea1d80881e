"""One dose or one bowel movement from what a person typed, shared by the check-in and
`fatiguelog log`, so the app and the shell write the same tables and say the same errors.

Kept light (no dataclasses, no Textual): `fatiguelog log` imports it on every run.
"""

from __future__ import annotations

import math
import re
from datetime import time

from fatiguelog.model import (
    BRISTOL,
    MAX_AMOUNT,
    MIN_AMOUNT,
    STOOL_FLAGS,
    TOO_SMALL_AMOUNT,
    UNITS,
)
from fatiguelog.textsafe import kept_if_unchanged, strip_controls

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `fatiguelog log` never imports typing
if TYPE_CHECKING:
    from typing import Any


class InputError(ValueError):
    """What the user typed can't be used; the message says what would work."""


def by_time(items: list[Any]) -> list[Any]:
    """Doses or stools in time order, untimed ones last (anything not a table: as it is)."""
    if not all(isinstance(item, dict) for item in items):
        return items
    return sorted(
        items, key=lambda item: (not isinstance(item.get("time"), time), item.get("time") or time())
    )


#: Times as typed: "07:40", "7:40", "7.40" or "0740" (the 24-hour clock, minutes always two
#: digits, so nothing typed is read two ways: "740" or "7:4" are refused, not guessed).
_TIME = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})|([0-9]{2})([0-9]{2})")


def parse_time(text: str) -> time | None:
    """HH:MM, H:MM or HHMM (or empty for unknown); anything else is refused, never guessed."""
    raw = text.strip()
    if not raw:
        return None
    found = _TIME.fullmatch(raw)
    if found is not None:
        hours, minutes = (
            (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
        )
        if int(hours) <= 23 and int(minutes) <= 59:
            return time(int(hours), int(minutes))
    raise InputError(
        f"'{strip_controls(raw, one_line=True)}' is not a time: use the 24-hour "
        "clock, HH:MM (e.g. 07:40 or 19:40; 0740 works too)."
    )


# --- Numbers as typed -----------------------------------------------------------------

#: A number, then perhaps a unit word ("1.5 l", "450min"): the unit is split off to be
#: checked, never silently dropped.
_NUMBER_AND_UNIT = re.compile(r"\s*([0-9.,][0-9., ]*?)?\s*([^\W\d_]+\.?)?\s*")
#: "1 500": groups of three digits apart (a space is never a decimal mark).
_SPACED_THOUSANDS = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+")
#: "1,500", "12,000": a comma followed by exactly three digits could be a thousands separator
#: or a decimal comma ("1,500" = 1.5 in much of Europe): refused rather than guessed.
_AMBIGUOUS_COMMA = re.compile(r"[1-9][0-9]{0,2},[0-9]{3}")


def split_unit(text: str) -> tuple[str, str]:
    """(number text, unit word) of what was typed: ("1.5", "l") for "1.5 l"; ("", "") when
    it does not even look like a number and a word (then `read_number` refuses it)."""
    found = _NUMBER_AND_UNIT.fullmatch(text)
    if found is None:
        return text.strip(), ""
    return (found.group(1) or "").strip(), (found.group(2) or "")


def read_number(text: str) -> float:
    """A number exactly as typed: digits with at most one decimal mark, a point or a comma
    ("7,5" is 7.5; "1 500" is 1500). Whatever could be read two ways, or not at all, is
    refused with a sentence saying how to type it: a number is never silently changed."""
    raw = strip_controls(text, one_line=True).strip()
    said = f"'{raw}'"
    if _SPACED_THOUSANDS.fullmatch(raw):
        raw = raw.replace(" ", "")
    if _AMBIGUOUS_COMMA.fullmatch(raw):
        whole, part = raw.split(",")
        small = f"{float(f'{whole}.{part}'):g}"
        raise InputError(
            f"{said} could mean {small} or {whole}{part}: type {whole}{part} or "
            f"{small} (a point for a decimal, no thousands separator)."
        )
    if raw.count(".") + raw.count(",") > 1:
        raise InputError(
            f"{said}: use one decimal mark and no thousands separators (e.g. 1500 or 2.5)."
        )
    if not re.fullmatch(r"[0-9]+[.,]?[0-9]*|[.,][0-9]+", raw):
        raise InputError(
            f"{said} is not a number: type digits, with a point or comma for a decimal (e.g. 2.5)."
        )
    return float(raw.replace(",", "."))


def number_text(value: float) -> str:
    """A number from a file, for a box to show: every digit it has, never an exponent
    (`f"{x:g}"` shows 1234567.5 as "1.23457e+06", which saved back would be another number)."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    from decimal import Decimal  # (here: `fatiguelog log` imports this module on every run)

    return format(Decimal(repr(float(value))), "f")


def make_dose(
    substance: str,
    amount: str,
    unit: str,
    form: str = "",
    moment: str = "",
    keep: dict | None = None,
) -> dict:
    """A dose table from the form's text; `keep` is the dose being changed (unknown keys kept,
    and a name or form the form showed from the file and the user left alone kept as the
    file has it, byte for byte)."""
    keep = keep or {}
    name = (
        kept_if_unchanged(substance, keep.get("substance"))
        or strip_controls(substance, one_line=True).strip()
    )
    if not name.strip():
        raise InputError("The substance needs a name.")
    value = read_amount(amount)
    if unit not in UNITS:
        raise InputError(f"The unit must be one of {', '.join(UNITS)}.")
    dose = dict(keep)
    dose.update(substance=name, amount=round(value) if value.is_integer() else value, unit=unit)
    clean_form = (
        kept_if_unchanged(form, keep.get("form")) or strip_controls(form, one_line=True).strip()
    )
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


def read_amount(amount: str) -> float:
    """A dose's amount as typed: a number above 0, nothing else (its unit has its own box)."""
    number, unit = split_unit(amount)
    if amount.strip().startswith("-") or not number:
        raise InputError(f"The amount must be a number above 0 and at most {MAX_AMOUNT:,}.")
    if unit:
        raise InputError(
            f"'{strip_controls(amount, one_line=True).strip()}': the amount is "
            f"only the number ({number}); the unit goes on its own (g, mg, "
            "ml...)."
        )
    value = read_number(number)
    if not (math.isfinite(value) and 0 < value <= MAX_AMOUNT):
        # (past a million the figure is a typo, and sums of such figures overflow)
        raise InputError(f"The amount must be a number above 0 and at most {MAX_AMOUNT:,}.")
    if value < MIN_AMOUNT:
        raise InputError(f"The amount must be {TOO_SMALL_AMOUNT}.")
    return value


def make_stool(
    bristol: int, flags: dict[str, bool], moment: str = "", keep: dict | None = None
) -> dict:
    if bristol not in BRISTOL:
        raise InputError("Pick a Bristol type from 1 to 7.")
    when = parse_time(moment)
    stool: dict[str, Any] = {} if when is None else {"time": when}
    stool["bristol"] = bristol
    stool.update({flag: bool(flags.get(flag)) for flag in STOOL_FLAGS})
    known = {"time", "bristol", *STOOL_FLAGS}
    stool.update((k, v) for k, v in (keep or {}).items() if k not in known)
    return stool
