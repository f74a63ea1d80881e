"""Small facts the app remembers between runs, kept apart from the user's own files.

`<data>/state.toml` holds them (the day of the last export, for "since the last export"; the
day of the last reminder notification, so a day gets at most one), so neither an export nor a
reminder ever rewrites the hand-editable `settings.toml`. A state file that can't be read only
means the facts are forgotten.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

STATE_FILE = "state.toml"


def _read(root: Path) -> dict[str, Any]:
    """The state file's document; {} when there is none or it can't be used (a pipe, a huge
    or broken file: the fact is only forgotten)."""
    from fatiguelog.atomic import read_capped
    from fatiguelog.problems import Problem
    from fatiguelog.tomlsafe import MAX_FILE_BYTES, decode_toml, structure_issue

    path = root / STATE_FILE
    try:
        raw = read_capped(str(path), MAX_FILE_BYTES)
    except OSError:
        return {}
    decoded = decode_toml(raw, path.name)
    if isinstance(decoded, Problem) or structure_issue(decoded[1]) is not None:
        return {}
    return decoded[1]


def _read_day(root: Path, key: str) -> date | None:
    value = _read(root).get(key)
    return value if isinstance(value, date) else None


def _remember(root: Path, key: str, value: date) -> None:
    """Set one key in the state file, keeping any other keys in it."""
    import tomli_w

    from fatiguelog.atomic import atomic_write

    doc = _read(root)
    doc[key] = value
    atomic_write(root / STATE_FILE, tomli_w.dumps(doc).encode("utf-8"), root=root)


def read_last_export(root: Path) -> date | None:
    """The day of the last export, or None (no state file, or one that can't be read)."""
    return _read_day(root, "last_export")


def remember_export(root: Path, day: date) -> None:
    """Record the export day in the state file, keeping any other keys in it."""
    _remember(root, "last_export", day)


def read_last_reminder(root: Path) -> date | None:
    """The day `fatiguelog remind --notify` last sent a notification (None: never)."""
    return _read_day(root, "last_reminder")


def remember_reminder(root: Path, day: date) -> None:
    """Record the day of a notification, so a day gets at most one."""
    _remember(root, "last_reminder", day)


def read_export_format(root: Path) -> str | None:
    """The format of the last export from the export screen (None: none, or not one we
    know), so the screen opens with the user's own choice."""
    from fatiguelog.export.formats import keys

    value = _read(root).get("export_format")
    return value if value in keys() else None


def remember_export_format(root: Path, fmt: str) -> None:
    """Record the export screen's format, keeping any other keys in the state file."""
    import tomli_w

    from fatiguelog.atomic import atomic_write

    doc = _read(root)
    doc["export_format"] = fmt
    atomic_write(root / STATE_FILE, tomli_w.dumps(doc).encode("utf-8"), root=root)
