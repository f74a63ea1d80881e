"""Small facts the app remembers between runs, kept apart from the user's own files.

`<data>/state.toml` holds them (today: the day of the last export, for "since the last
export"), so an export never rewrites the hand-editable `settings.toml`. A state file that
can't be read only means the fact is forgotten.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

STATE_FILE = "state.toml"


def read_last_export(root: Path) -> date | None:
    """The day of the last export, or None (no state file, or one that can't be read)."""
    try:
        doc = tomllib.loads((root / STATE_FILE).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    value = doc.get("last_export")
    return value if isinstance(value, date) else None


def remember_export(root: Path, day: date) -> None:
    """Record the export day in the state file, keeping any other keys in it."""
    import tomli_w

    from fatiguelog.atomic import atomic_write

    path = root / STATE_FILE
    try:
        doc = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        doc = {}
    doc["last_export"] = day
    atomic_write(path, tomli_w.dumps(doc).encode("utf-8"))
