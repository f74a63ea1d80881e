"""Shared test factories: a day's file written or read, settings.toml written or read, the app
launched on a data folder. One copy here instead of one per test file.

Files are written as a person or another program would leave them (plain writes, folders made
as needed): a test that needs the app's own atomic, private write uses `save_entry`, which goes
through the store. Nothing here imports Textual until `make_app` is called.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
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


# -- the command in a real terminal (a pty) ---------------------------------------------------

#: Seconds a pty test waits for a screen: only reached when something is broken (the machine
#: is shared, so it is generous).
PTY_DEADLINE = 120
#: Escapes a terminal draws with (SGR and cursor movement, charset and keypad switches).
_ANSI = re.compile(r"\x1b\[[0-9;?:]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


class Pty:
    """`fatiguelog ARGS` on `root` in an 80x24 pty, everything it writes collected by a reader
    thread (a pty whose output nobody reads fills up and blocks the program). `cache` is its
    XDG_CACHE_HOME (beside `root` unless given); `env` adds to (or overrides) its environment,
    NO_COLOR being left out unless given. Needs ptyprocess (tests `importorskip` it)."""

    def __init__(self, root: Path, *args: str, cache: Path | None = None, **env: str) -> None:
        import ptyprocess

        environment = {
            **os.environ,
            "FATIGUELOG_DATA_DIR": str(root),
            "XDG_CACHE_HOME": str(cache if cache is not None else root.parent / "cache"),
            "TERM": "xterm-256color",
            "COLUMNS": "80",
            "LINES": "24",
            **env,
        }
        environment.pop("TEXTUAL", None)
        if "NO_COLOR" not in env:
            environment.pop("NO_COLOR", None)
        self.proc = ptyprocess.PtyProcess.spawn(
            [sys.executable, "-m", "fatiguelog", *args], env=environment, dimensions=(24, 80)
        )
        self.chunks: list[bytes] = []
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = self.proc.read(65536)
            except (EOFError, OSError):
                return
            with self.lock:
                self.chunks.append(data)

    def output(self) -> str:
        """Everything written so far, escapes included."""
        with self.lock:
            return b"".join(self.chunks).decode("utf-8", "replace")

    def text(self) -> str:
        """Everything written so far, without the escapes: the words drawn."""
        return _ANSI.sub("", self.output())

    def wait_for(self, needle: str, since: int = 0) -> int:
        """Poll what was drawn until `needle` appears after position `since` (in `text()`);
        the position just after it."""
        end = time.monotonic() + PTY_DEADLINE
        while time.monotonic() < end:
            text = self.text()
            found = text.find(needle, since)
            if found >= 0:
                return found + len(needle)
            if not self.proc.isalive() and not self.reader.is_alive():
                raise AssertionError(f"the program ended first; it drew:\n{text[-2000:]}")
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} never appeared; it drew:\n{self.text()[-2000:]}")

    def write(self, keys: str) -> None:
        """One write to the terminal: the program reads these keys together."""
        self.proc.write(keys.encode("utf-8"))

    def wait_exit(self) -> None:
        end = time.monotonic() + PTY_DEADLINE
        while self.proc.isalive() and time.monotonic() < end:
            time.sleep(0.05)
        self.reader.join(PTY_DEADLINE)

    def close(self) -> None:
        if self.proc.isalive():
            self.proc.terminate(force=True)


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
    "PTY_DEADLINE",
    "TODAY",
    "Pty",
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
