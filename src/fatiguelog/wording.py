"""An answer said in a few plain words, for lines that compare two answers ("yours 6, the
copy's 7") in the import and sync-copy reports. Text from files is stripped of control
characters and shortened: these lines go to a terminal.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from fatiguelog.textsafe import strip_controls

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
