"""Small facts the app remembers between runs, kept apart from the user's own files.

`<data>/state.toml` holds them (today: the day of the last export, for "since the last
export"), so an export never rewrites the hand-editable `settings.toml`. A state file that
can't be read only means the fact is forgotten.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

STATE_FILE = "state.toml"


def _read(path: Path) -> dict[str, Any]:
    """The state file's document; {} when there is none or it can't be used (a pipe, a huge
    or broken file: the fact is only forgotten)."""
    from fatiguelog.atomic import read_capped
    from fatiguelog.tomlsafe import MAX_FILE_BYTES, decode_toml, structure_issue

    try:
        raw = read_capped(str(path), MAX_FILE_BYTES)
    except OSError:
        return {}
    from fatiguelog.problems import Problem

    decoded = decode_toml(raw, path.name)
    if isinstance(decoded, Problem) or structure_issue(decoded[1]) is not None:
        return {}
    return decoded[1]


def read_last_export(root: Path) -> date | None:
    """The day of the last export, or None (no state file, or one that can't be read)."""
    value = _read(root / STATE_FILE).get("last_export")
    return value if isinstance(value, date) else None


def remember_export(root: Path, day: date) -> None:
    """Record the export day in the state file, keeping any other keys in it."""
    import tomli_w

    from fatiguelog.atomic import atomic_write

    path = root / STATE_FILE
    doc = _read(path)
    doc["last_export"] = day
    atomic_write(path, tomli_w.dumps(doc).encode("utf-8"), root=root)
