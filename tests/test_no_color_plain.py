"""NO_COLOR honoured everywhere, and plain mode chosen where the app can't work: in a real
terminal (a pty), so the program sees what a user's terminal would show it.

A colour escape is an SGR parameter that sets a colour (30-37, 38;..., 40-47, 48;..., 90-97,
100-107); bold, reverse and the resets are not colour. Each check also runs once without
NO_COLOR and finds colour there, so it can't pass by drawing nothing.
"""

from __future__ import annotations

import argparse
import io
import re
from datetime import date
from pathlib import Path

import pytest

from fatiguelog.cli.plain import wants_plain
from fatiguelog.model import Entry
from fatiguelog.store import Store
from tests.factories import Pty

ptyprocess = pytest.importorskip("ptyprocess")

_SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def colour_codes(output: str) -> list[str]:
    """Every SGR parameter in `output` that sets a colour."""
    found = []
    for params in _SGR.findall(output):
        parts = [p for p in re.split("[;:]", params) if p]
        i = 0
        while i < len(parts):
            code = int(parts[i]) if parts[i].isdigit() else -1
            if code in (38, 48):
                found.append(params)
                i += 5 if i + 1 < len(parts) and parts[i + 1] == "2" else 3
                continue
            if 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                found.append(params)
            i += 1
    return found


def app_output(root: Path, **env: str) -> str:
    term = Pty(root, "checkin", **env)
    try:
        term.wait_for("Step 1 of")
        term.proc.write(b"7")  # an answer drawn: the chosen rating marked
        term.wait_for("Your answer: 7 of 10")
        term.proc.write(b"\x11")  # ctrl+q
        term.wait_exit()
        return term.output()
    finally:
        term.close()


def test_no_color_app_writes_no_colour_escape(tmp_path: Path) -> None:
    assert colour_codes(app_output(tmp_path / "a"))  # the check sees colour where there is
    assert colour_codes(app_output(tmp_path / "b", NO_COLOR="1")) == []


def test_no_color_rich_print_writes_no_colour_escape(tmp_path: Path) -> None:
    root = tmp_path / "data"
    store = Store(root)
    for day in range(1, 25):
        store.save(
            Entry(
                date(2026, 11, day),
                {
                    "schema": 1,
                    "date": date(2026, 11, day),
                    "symptoms": {"fatigue": day % 10},
                    "red_flags": {"fever": day == 24},
                },
            ),
            expected=True,
        )

    def printed(**env: str) -> str:
        term = Pty(root, "trends", "--print", "--days", "30", **env)
        try:
            term.wait_exit()
            return term.output()
        finally:
            term.close()

    assert colour_codes(printed())
    quiet = printed(NO_COLOR="1")
    assert "Fatigue" in quiet
    assert colour_codes(quiet) == []


def test_term_dumb_picks_plain_mode_in_a_real_terminal(tmp_path: Path) -> None:
    term = Pty(tmp_path / "data", "checkin", "--quick", TERM="dumb")
    try:
        term.wait_for("plain mode: 4 questions")
        term.wait_for("1/4 Fatigue: 0 = none, 10 = worst imaginable (higher is worse).")
        term.proc.write(b"\x04")  # Ctrl-D: nothing answered, nothing kept
        term.wait_exit()
        assert "\x1b" not in term.output()  # no colour, no cursor movement, nothing but text
    finally:
        term.close()


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("stdin_tty", "stdout_tty", "term", "flag", "plain"),
    [
        (True, True, "xterm-256color", False, False),  # a terminal: the app
        (True, True, "dumb", False, True),  # TERM=dumb
        (False, True, "xterm-256color", False, True),  # answers piped in
        (True, False, "xterm-256color", False, True),  # output piped (a braille logger, a file)
        (True, True, "xterm-256color", True, True),  # --plain
    ],
)
def test_plain_mode_is_chosen_where_the_app_cannot_work(
    monkeypatch: pytest.MonkeyPatch,
    stdin_tty: bool,
    stdout_tty: bool,
    term: str,
    flag: bool,
    plain: bool,
) -> None:
    monkeypatch.setenv("TERM", term)
    args = argparse.Namespace(plain=flag)
    assert wants_plain(args, _Stream(stdin_tty), _Stream(stdout_tty)) is plain
