"""An answer said in a few plain words, for lines that compare two answers ("yours 6, the
copy's 7") in the import and sync-copy reports. Text from files is stripped of control
characters and shortened: these lines go to a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import TYPE_CHECKING, Any

from fatiguelog.textsafe import strip_controls

if TYPE_CHECKING:
    from fatiguelog.analysis.summary import AnswerStats

MAX_TEXT = 40


def show_value(value: Any) -> str:
    """`7`, `yes`, `6.5`, `"felt better after..."`, `2 (types 3, 4)`, `ibuprofen 200 mg`."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        text = strip_controls(value, one_line=True).strip()
        if len(text) > MAX_TEXT:
            text = text[: MAX_TEXT - 3].rstrip() + "..."
        return f'"{text}"'
    if isinstance(value, list):
        return _show_list(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return strip_controls(str(value), one_line=True)


def _show_list(items: list[Any]) -> str:
    if not items:
        return "none"
    if all(isinstance(i, dict) and "substance" in i for i in items):
        return "; ".join(show_dose(i) for i in items)
    if all(isinstance(i, dict) for i in items):
        types = [str(i["bristol"]) for i in items if isinstance(i.get("bristol"), int)]
        said = f"{len(items)}"
        return f"{said} (type{'s' if len(types) > 1 else ''} {', '.join(types)})" if types else said
    return ", ".join(show_value(i) for i in items)


def show_dose(dose: dict[str, Any]) -> str:
    name = strip_controls(str(dose.get("substance", "?")), one_line=True)
    value = dose.get("amount", "?")
    unit = str(dose.get("unit", ""))
    if isinstance(value, int | float) and not isinstance(value, bool) and unit:
        from fatiguelog.intaketext import unit_text

        unit = unit_text(float(value), unit)  # "2 tablets", "1 (other unit)"
    return f"{name} {show_value(value)} {unit}".rstrip()


def answer_name(stats: AnswerStats) -> str:
    """A question's name in a summary: its label, or for a `custom` key the settings no
    longer declare, the key and why it is shown that way."""
    q = stats.question
    return q.label if q.declared else f"{q.key} (not in your settings now)"


def answer_words(stats: AnswerStats, day: Callable[[date], str] = date.isoformat,
                 most: int = 6) -> str:
    """One question's period in words, the same in the trend view, `trends --print` and every
    export: "yes on 3 of 9 answered days (2026-11-02, ...)", "mean 4.2 over 9 days, range
    2-7 (0-10, higher is worse)", "mean 72 bpm over 9 days, range 60-80"."""
    q = stats.question
    if not stats.days:
        return "no answers in this period"
    if q.kind == "yesno":
        yes = stats.yes_days
        shown = ", ".join(day(d) for d in yes[:most]) + (", ..." if len(yes) > most else "")
        return (f"yes on {len(yes)} of {stats.days} answered "
                f"day{'' if stats.days == 1 else 's'}" + (f" ({shown})" if yes else ""))
    unit = f" {q.unit}" if q.kind == "number" and q.unit else ""
    scale = f" ({q.scale_note})" if q.kind == "rating" else ""
    low, high = show_value(stats.min), show_value(stats.max)
    days = f"{stats.days} day{'' if stats.days == 1 else 's'}"
    if stats.mean is None:  # a mean needs 3 answered days (flags.md, "Not enough data")
        said = low if low == high else f"{low}-{high}"
        return f"{said}{unit} on {days} answered{scale}; a mean needs 3 answered days"
    return f"mean {stats.mean:.1f}{unit} over {days}, range {low}-{high}{scale}"
