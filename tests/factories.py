"""Shared test factories: a day's file written or read, settings.toml written or read, the app
launched on a data folder. One copy here instead of one per test file.

Files are written as a person or another program would leave them (plain writes, folders made
as needed): a test that needs the app's own atomic, private write uses `save_entry`, which goes
through the store. Nothing here imports Textual until `make_app` is called.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fatiguelog.model import Entry
from fatiguelog.store import Store

if TYPE_CHECKING:
    from fatiguelog.ui.app import FatiguelogApp

#: The fixed "today" of the app tests (tests/ui/conftest.py says why).
TODAY = date(2026, 11, 25)


# -- a day's file ------------------------------------------------------------------------------


def entry_file(root: Path, day: date) -> Path:
    """Where the day's entry lives: `<root>/entries/YYYY/YYYY-MM-DD.toml`."""
    return root / "entries" / f"{day.year:04d}" / f"{day.isoformat()}.toml"


def year_folder(root: Path, year: int) -> Path:
    """The entries folder of `year` (made if needed), for files beside the day's own (sync
    copies, stray names)."""
    path = root / "entries" / f"{year:04d}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def put_entry(root: Path, day: date, data: str | bytes) -> Path:
    """Write the day's file as given, byte for byte (hand-edited, broken, from another
    program); its folders are made as needed."""
    path = entry_file(root, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def save_entry(root: Path, day: date, **doc: Any) -> Entry:
    """Save an entry for `day` through the store (atomic, 0600), as the app would; `doc`: its
    tables (`symptoms={...}`, `gi={...}`, `notes="..."`)."""
    entry = Entry(day, {"schema": 1, "date": day, **doc})
    Store(root).save(entry, expected=True)
    return entry


def read_entry(root: Path, day: date) -> dict[str, Any]:
    """The day's file as a TOML document (what a user opening the file would see)."""
    return tomllib.loads(entry_file(root, day).read_text(encoding="utf-8"))


# -- settings.toml -----------------------------------------------------------------------------


def write_settings(root: Path, text: str) -> Path:
    """Write `<root>/settings.toml` as the user would (the data folder made if needed)."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def read_settings(root: Path) -> str:
    """The settings file's text, exactly as it is on disk."""
    return (root / "settings.toml").read_text(encoding="utf-8")


def edited(text: str, old: str, new: str) -> str:
    """`text` with one piece changed: the piece must be there exactly once (else the test
    would compare against a file nobody could have written)."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


# -- the command, in a process of its own ------------------------------------------------------


def cli_command(root: Path, *args: str) -> list[str]:
    """The command line of `fatiguelog --data-dir ROOT ARGS`, for a child process (another
    terminal, a pipe, a pty)."""
    return [sys.executable, "-m", "fatiguelog", "--data-dir", str(root), *args]


def run_cli(root: Path, *args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """Run `fatiguelog --data-dir ROOT ARGS` as another terminal would, its output and errors
    captured as text; `options` go to `subprocess.run` (`input`, `env`, `timeout`, `check`)."""
    options.setdefault("check", False)
    return subprocess.run(cli_command(root, *args), capture_output=True, text=True, **options)


# -- the app -----------------------------------------------------------------------------------


def make_app(root: Path, start: Any = None, **options: Any) -> FatiguelogApp:
    """The real app on `root`, today fixed to `TODAY` (unless `today` or `now` is given) and
    the cursor not blinking, so screens are the same on every run."""
    from fatiguelog.ui.app import FatiguelogApp

    if "now" not in options:
        options.setdefault("today", TODAY)
    options.setdefault("blink", False)
    return FatiguelogApp(root, start=start, **options)


__all__ = [
    "TODAY",
    "cli_command",
    "edited",
    "entry_file",
    "make_app",
    "put_entry",
    "read_entry",
    "read_settings",
    "run_cli",
    "save_entry",
    "write_settings",
    "year_folder",
]
